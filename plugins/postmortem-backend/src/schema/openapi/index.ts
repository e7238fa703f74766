//
export * from './generated/router';
