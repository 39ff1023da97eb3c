/** Every failure the product reports to a person or a client carries one of these codes. */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'INVALID_TRANSITION',
  'CONFLICT',
  'CONFIG_INVALID',
  'STORE_UNAVAILABLE',
  'STORE_BUSY',
  'STORE_CORRUPT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'UPSTREAM_FAILED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where in the input a problem is: a JSON-ish path, and for files the line and column. */
export interface Issue {
  readonly path: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly Issue[];
  /** A command or action that gets the person unstuck. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { issues?: readonly Issue[]; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.hint = options.hint;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export function assertNever(x: never): never {
  throw new AppError('INTERNAL', `unexpected value ${JSON.stringify(x)}`);
}
