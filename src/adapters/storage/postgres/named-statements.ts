import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/**
 * The pool as Kysely's PostgreSQL driver sees it, with every parameterised query sent as a named
 * prepared statement: each connection parses and plans a SQL text once and then only binds and
 * executes it. Texts without parameters (BEGIN, COMMIT, SET …) go as they are. A client the pool
 * hands out again is given as the same object: Kysely knows its connections by it, and runs its
 * per-connection setup (`set search_path`) only for an object it has not seen.
 */
export function withNamedStatements(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  /** Texts whose prepared plan a connection refused: sent unnamed from then on. */
  const unnamed = new Set<string>();
  const nameOf = (text: string): string => {
    let name = names.get(text);
    if (name === undefined) {
      name = `ir_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      names.set(text, name);
    }
    return name;
  };
  const named = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((textOrCursor: unknown, values?: readonly unknown[]) => {
      if (typeof textOrCursor === 'string' && values !== undefined && values.length > 0 && !unnamed.has(textOrCursor)) {
        const text = textOrCursor;
        return client.query({ name: nameOf(text), text, values: [...values] }).catch((error: unknown) => {
          // A table changed under a statement prepared before (another process migrated):
          // PostgreSQL refuses the old plan once; the unnamed statement is planned afresh.
          if (!isStalePlan(error)) throw error;
          unnamed.add(text);
          return client.query(text, [...values]);
        }) as unknown as Promise<PostgresQueryResult<unknown>>;
      }
      return (client.query as (a: unknown, b?: unknown) => unknown)(textOrCursor, values);
    }) as PostgresPoolClient['query'],
    release: () => client.release(),
  });
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let wrapper = wrappers.get(client);
    if (wrapper === undefined) {
      wrapper = named(client);
      wrappers.set(client, wrapper);
    }
    return wrapper;
  };
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}

function isStalePlan(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '0A000'
    && /cached plan/i.test(String((error as { message?: unknown }).message));
}
