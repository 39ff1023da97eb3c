/**
 * The cause of a driver error in one line, for messages. A failed TCP connect to a host with several
 * addresses (localhost: ::1 and 127.0.0.1) is an AggregateError with an empty message, so its parts
 * are used instead.
 */
export function errorReason(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    const parts = error.errors.map((e: unknown) => errorReason(e));
    return [...new Set(parts)].join('; ') || 'unknown error';
  }
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}
