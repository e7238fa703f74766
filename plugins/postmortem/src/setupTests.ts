import '@testing-library/jest-dom';

// Page tests render whole pages and type into forms; on a busy two-core CI
// runner they take a few seconds each, past Jest's default of five.
jest.setTimeout(20_000);
