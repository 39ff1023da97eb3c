import { AppError } from '../../../domain/errors/index.js';
import { errorReason } from '../shared/error-reason.js';
import type { FailureClassifier } from '../shared/classifying-dialect.js';

/** Where the store connects, for messages: never the password, which is only used to scrub it. */
export interface PostgresPlace {
  /** "host:port" */
  readonly address: string;
  readonly password: string;
}

/**
 * pg's errors as the AppErrors they mean. The server out of reach (refused, reset, timed out, a
 * connection cut by a restart: SQLSTATE class 08, 57P01–57P03 admin/crash shutdown, 53300 too many
 * connections, 28xxx/3D000 refusing the session) and out of disk or memory (53100, 53200) are
 * STORE_UNAVAILABLE; a
 * lock or statement timeout (55P03, 57014) is STORE_BUSY; data_corrupted/index_corrupted
 * (XX001/XX002) is STORE_CORRUPT. Anything else (constraints, missing tables, bugs, a pool already
 * closed) is left to the caller.
 */
export function postgresFailureClassifier(place: PostgresPlace): FailureClassifier {
  return (error) => {
    const code = (error as { code?: unknown } | null)?.code;
    const reason = () => scrub(errorReason(error), place.password);
    if (isConnectionFailure(error)) return unreachable(error, reason(), place);
    if (code === '53100' || code === '53200') {
      return new AppError('STORE_UNAVAILABLE', `PostgreSQL at ${place.address} is out of resources: ${reason()}.`, {
        cause: error,
        hint: 'Ask the database administrator to free disk space or memory on the server.',
      });
    }
    if (code === '55P03' || code === '57014') {
      return new AppError('STORE_BUSY', `PostgreSQL at ${place.address} gave up waiting for a lock: ${reason()}.`, {
        cause: error,
        hint: 'Try again shortly; if it persists, look for a long-running transaction in pg_stat_activity.',
      });
    }
    if (code === 'XX001' || code === 'XX002') {
      return new AppError('STORE_CORRUPT', `The PostgreSQL database at ${place.address} reports damaged data: ${reason()}.`, {
        cause: error,
        hint: 'Ask the database administrator to check the server and restore from a backup.',
      });
    }
    return undefined;
  };
}

export function unreachable(error: unknown, reason: string, place: PostgresPlace): AppError {
  return new AppError('STORE_UNAVAILABLE', `cannot reach PostgreSQL at ${place.address}: ${reason}`, {
    cause: error,
    hint: 'Check that PostgreSQL is running and that the database URL (host, port, user, password, database) is right.',
  });
}

/**
 * Drivers do not echo passwords, but a message must never be the place one leaks. Very short
 * passwords are left alone: replacing every "a" would garble the message and protect nothing.
 */
export function scrub(reason: string, password: string): string {
  return password.length >= 4 ? reason.split(password).join('***') : reason;
}

/** Network errors, pool timeouts, connections cut, and the server refusing or ending the session. */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof AggregateError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (/^E[A-Z_]+$/.test(code)) return true;
    if (code.startsWith('08') || code.startsWith('28') || code === '53300' || code === '3D000' || code.startsWith('57P0')) return true;
  }
  return error instanceof Error && /timeout exceeded when trying to connect|Connection terminated|connection error and is not queryable/i.test(error.message);
}
