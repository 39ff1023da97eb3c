import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct SQL texts kept prepared; queries with `IN (…)` lists of every length make more than a store uses. */
const CAPACITY = 512;

/**
 * The database as Kysely's SQLite driver sees it, with each SQL text prepared once: better-sqlite3
 * compiles a statement on every `prepare`, which costs more than running a small one (an insert
 * 30 µs prepared each time, 8 µs reused). Least recently used texts are dropped past CAPACITY.
 * Statements run one at a time on the one connection, so sharing them is safe; a statement still
 * iterating (a stream) is not reused until it finishes.
 */
export function withCachedStatements(file: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      cache.clear();
      file.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached !== undefined && !cached.busy) {
        // Refresh its place in the insertion order, which is the eviction order.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached as unknown as SqliteStatement;
      }
      const statement = file.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > CAPACITY) cache.delete(cache.keys().next().value as string);
      return statement as unknown as SqliteStatement;
    },
  };
}
