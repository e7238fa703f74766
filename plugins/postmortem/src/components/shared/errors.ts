import { PostmortemT } from './format';

type Failure = {
  name?: string;
  message?: string;
  statusCode?: number;
  cause?: { name?: string; message?: string };
};

/** Whether the backend refused because the caller lacks a role (HTTP 403). */
export function isForbidden(error: unknown): boolean {
  const failure = error as Failure | undefined;
  return (
    failure?.statusCode === 403 ||
    failure?.name === 'NotAllowedError' ||
    failure?.cause?.name === 'NotAllowedError'
  );
}

/**
 * The most useful text of an error: for a `ResponseError` the backend's own
 * message rather than "Request failed with 403".
 */
export function errorMessage(error: unknown): string {
  const failure = error as Failure | undefined;
  return failure?.cause?.message || failure?.message || String(error);
}

/** An error as a sentence, saying plainly when it was a missing permission. */
export function describeError(error: unknown, t: PostmortemT): string {
  const message = errorMessage(error);
  return isForbidden(error) ? t('errors.forbidden', { message }) : message;
}
