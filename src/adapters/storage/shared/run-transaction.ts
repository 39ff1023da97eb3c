import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Runs `work` in one transaction on one connection: `begin` opens it (and takes whatever lock the
 * caller needs), commit when `work` resolves, rollback and rethrow when anything fails, including
 * `begin` or the commit itself (a COMMIT refused with SQLITE_BUSY leaves the transaction open).
 */
export async function runTransaction<T>(
  db: Kysely<Database>,
  begin: (conn: Kysely<Database>) => Promise<void>,
  work: (conn: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    try {
      await begin(conn);
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      // The original error is the one worth reporting. A failed rollback means there was no
      // transaction left (begin failed, or the database already ended it) or the connection is gone.
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}
