import { AppError } from '../../../domain/errors/index.js';
import { errorReason } from '../shared/error-reason.js';
import type { FailureClassifier } from '../shared/classifying-dialect.js';

/**
 * better-sqlite3's SqliteError codes (extended codes included, e.g. SQLITE_BUSY_SNAPSHOT,
 * SQLITE_CORRUPT_INDEX, SQLITE_IOERR_SHORT_READ) as the AppErrors they mean for `path`. A lock
 * still held after `busyTimeoutMs` of waiting is STORE_BUSY; a damaged file is STORE_CORRUPT; a
 * file the process cannot read or write (I/O error, full disk, read-only) is STORE_UNAVAILABLE.
 * Anything else (constraints, missing tables, bugs) is left to the caller.
 */
export function sqliteFailureClassifier(path: string, busyTimeoutMs: number): FailureClassifier {
  return (error) => {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
    const reason = errorReason(error);
    if (is(code, 'SQLITE_BUSY') || is(code, 'SQLITE_LOCKED')) {
      return new AppError('STORE_BUSY', `The SQLite database '${path}' is locked: another process holds its write lock and did not release it within ${seconds(busyTimeoutMs)}.`, {
        cause: error,
        hint: `Try again when that process has finished; "fuser ${path}" shows which processes have the file open.`,
      });
    }
    if (is(code, 'SQLITE_CORRUPT') || is(code, 'SQLITE_NOTADB')) {
      return new AppError('STORE_CORRUPT', `The SQLite database '${path}' is damaged or is not a database (${reason}).`, {
        cause: error,
        hint: `Stop every process using it, keep a copy of the damaged file, and restore '${path}' from your latest backup ("sqlite3 ${path} .recover" may salvage what is left).`,
      });
    }
    if (is(code, 'SQLITE_IOERR') || is(code, 'SQLITE_FULL') || is(code, 'SQLITE_READONLY') || is(code, 'SQLITE_CANTOPEN') || is(code, 'SQLITE_PERM')) {
      return new AppError('STORE_UNAVAILABLE', `Cannot use the SQLite database '${path}': ${reason}.`, {
        cause: error,
        hint: 'Check that the disk is not full and that the file and its directory are readable and writable by this user.',
      });
    }
    return undefined;
  };
}

/** The primary result code or one of its extended codes: SQLITE_BUSY matches SQLITE_BUSY_TIMEOUT. */
function is(code: string, primary: string): boolean {
  return code === primary || code.startsWith(`${primary}_`);
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
