import type { FastifyError } from 'fastify';
import { AppError, isAppError, type ErrorCode, type Issue } from '../../domain/errors/index.js';

/** One status per error code: adding a code fails to compile until it has one. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UPSTREAM_FAILED: 502,
  CONFIG_INVALID: 500,
  INTERNAL: 500,
  STORE_UNAVAILABLE: 503,
  STORE_BUSY: 503,
  STORE_CORRUPT: 503,
};

/**
 * What a client is told to wait before retrying a store failure (Retry-After). A damaged database
 * does not come back by itself, so it gets none.
 */
export const STORE_RETRY_AFTER_SECONDS = { STORE_UNAVAILABLE: 5, STORE_BUSY: 2 } as const;

export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; details: { path: string; message: string }[]; requestId: string };
}

export interface HttpFailure {
  readonly status: number;
  readonly body: ErrorEnvelope;
  /** Headers the answer carries besides the body's (Retry-After on a store that may come back). */
  readonly headers: Readonly<Record<string, string>>;
  /** A bug or an outage: log the cause (never shown to the client). */
  readonly isServerFault: boolean;
}

/**
 * Any thrown value as our envelope. AppErrors keep their message except where it could disclose
 * internals (INTERNAL, the STORE_ codes, CONFIG_INVALID): those get a fixed message and the request
 * id, and the cause (which names the file or the database server) goes to the log. Fastify's own request errors are mapped by code with fixed
 * messages, never their text, which for a bad body can quote the body.
 */
export function toHttpFailure(error: unknown, requestId: string, bodyLimitBytes: number): HttpFailure {
  const app = isAppError(error) ? error : fromFastifyError(error as Partial<FastifyError>, bodyLimitBytes);
  // The one status outside the map: a body in a media type we do not read.
  const status = (error as Partial<FastifyError>).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 415 : HTTP_STATUS[app.code];
  const isServerFault = status >= 500;
  const message = !isServerFault ? app.message : serverFaultMessage(app.code, requestId);
  const retryAfter = app.code === 'STORE_UNAVAILABLE' || app.code === 'STORE_BUSY' ? STORE_RETRY_AFTER_SECONDS[app.code] : undefined;
  return {
    status,
    isServerFault,
    headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
    body: { error: { code: app.code === 'CONFIG_INVALID' ? 'INTERNAL' : app.code, message, details: isServerFault ? [] : details(app.issues), requestId } },
  };
}

function serverFaultMessage(code: ErrorCode, requestId: string): string {
  switch (code) {
    case 'STORE_UNAVAILABLE':
      return `The database is unavailable; try again shortly. (request id ${requestId})`;
    case 'STORE_BUSY':
      return `The database is busy: another process holds its write lock. Try again in ${STORE_RETRY_AFTER_SECONDS.STORE_BUSY} s. (request id ${requestId})`;
    case 'STORE_CORRUPT':
      return `The database is damaged and cannot be read; an operator must restore it from a backup. (request id ${requestId})`;
    default:
      return `Internal error: this is a bug. Quote request id ${requestId} when reporting it.`;
  }
}

function details(issues: readonly Issue[]): { path: string; message: string }[] {
  return issues.map((i) => ({ path: i.path, message: i.message }));
}

function fromFastifyError(error: Partial<FastifyError>, bodyLimitBytes: number): AppError {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${Math.floor(bodyLimitBytes / 1024)} KB.`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('VALIDATION', 'Send the request body as JSON with "Content-Type: application/json".', {
        issues: [{ path: 'content-type', message: 'unsupported media type' }],
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('VALIDATION', 'The request body is empty; send a JSON object ({} when there is nothing to say).', { issues: [{ path: 'body', message: 'empty' }] });
    default:
      if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
        return new AppError('VALIDATION', 'The request is malformed.', { issues: [{ path: 'request', message: 'malformed' }] });
      }
      return new AppError('INTERNAL', 'unexpected error', { cause: error });
  }
}
