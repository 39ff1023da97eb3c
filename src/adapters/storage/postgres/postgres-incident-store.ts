import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import { withNamedStatements } from './named-statements.js';
import { AppError, isAppError } from '../../../domain/errors/index.js';
import { errorReason } from '../shared/error-reason.js';
import { FailureWatch, classifyingDialect } from '../shared/classifying-dialect.js';
import { KyselyStore, type Store } from '../shared/kysely-store.js';
import { migrate } from '../shared/migrate.js';
import type { Database } from '../shared/schema.js';
import { isConnectionFailure, postgresFailureClassifier, scrub, unreachable } from './postgres-failures.js';
import { postgresStoreDialect } from './postgres-store-dialect.js';
import { appendChannel, appendListenerConnector, PostgresAppendListener } from './postgres-append-listener.js';

export interface PostgresStoreOptions {
  /** Schema to keep the tables in, created if missing. Wins over `?schema=` in the URL. */
  readonly schema?: string;
}

const POOL_SIZE = 10;
const CONNECT_TIMEOUT_MS = 10_000;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Connects to PostgreSQL at `url` (postgres://user:password@host:port/database[?schema=NAME]) and
 * migrates. Messages name the host and port, never the password.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const target = parseTarget(url, options.schema);
  const { default: pg } = await import('pg');
  // Connections once opened stay open (min): a server's paging engine opens them all at start, so
  // a burst of pages after a quiet hour does not wait for new ones.
  const pool = new pg.Pool({ connectionString: target.connectionString, max: POOL_SIZE, min: POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection that dies (server restart) is dropped by the pool; without a listener the
  // 'error' event would crash the process. The next query reports the problem instead.
  pool.on('error', () => undefined);
  // So is a connection that dies while checked out between two statements (inside a transaction):
  // pg emits 'error' on the client, which the pool only listens to while it is idle. The next
  // statement on it fails (STORE_UNAVAILABLE) and the pool drops it on release.
  pool.on('connect', (client) => client.on('error', () => undefined));

  const { schema } = target;
  const searchPath = schema === undefined ? undefined : CompiledQuery.raw(`set search_path to "${schema}"`);
  const watch = new FailureWatch();
  const db = new Kysely<Database>({
    dialect: classifyingDialect(new PostgresDialect({
      pool: withNamedStatements(pool),
      ...(searchPath === undefined ? {} : { onCreateConnection: async (conn) => { await conn.executeQuery(searchPath); } }),
    }), postgresFailureClassifier(target), watch),
  });
  const dialect = postgresStoreDialect(schema);
  try {
    await migrate(db, dialect);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw unavailable(error, target);
  }
  // Event streams are pushed on a connection of their own (LISTEN holds a session), with the
  // search path irrelevant: the channel names the schema.
  const appends = new PostgresAppendListener(
    appendListenerConnector(pg, { connectionString: target.connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }),
    appendChannel(schema),
  );
  return new KyselyStore(db, dialect, watch, appends);
}

interface Target {
  readonly connectionString: string;
  readonly schema: string | undefined;
  /** "host:port", for messages. */
  readonly address: string;
  readonly password: string;
}

function parseTarget(url: string, schemaOption: string | undefined): Target {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('CONFIG_INVALID', 'The PostgreSQL database URL is not a valid URL.', {
      hint: 'Use postgres://USER:PASSWORD@HOST:5432/DATABASE, percent-encoding special characters in the password.',
    });
  }
  const schemaInUrl = parsed.searchParams.get('schema') ?? undefined;
  // pg does not know `schema`; the URL it gets is otherwise left exactly as written.
  if (schemaInUrl !== undefined) parsed.searchParams.delete('schema');
  const schema = schemaOption ?? schemaInUrl;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new AppError('CONFIG_INVALID', `PostgreSQL schema '${schema}' is not a plain name: use 1–63 letters, digits and '_', not starting with a digit.`, {
      issues: [{ path: 'schema', message: 'invalid schema name' }],
    });
  }
  const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
  const port = parsed.port || parsed.searchParams.get('port') || '5432';
  let password = parsed.password;
  try {
    password = decodeURIComponent(password);
  } catch {
    // Keep the raw text; pg will report the URL as malformed.
  }
  return { connectionString: schemaInUrl === undefined ? url : parsed.toString(), schema, address: `${host}:${port}`, password };
}

function unavailable(error: unknown, target: Target): AppError {
  if (isAppError(error)) return error;
  const reason = scrub(errorReason(error), target.password);
  if (isConnectionFailure(error)) return unreachable(error, reason, target);
  const where = target.schema === undefined ? '' : ` in schema '${target.schema}'`;
  return new AppError('STORE_UNAVAILABLE', `PostgreSQL at ${target.address}: cannot prepare the incident tables${where}: ${reason}`, {
    cause: error,
    hint: 'Check that the database user may create tables (and the schema, if it does not exist yet).',
  });
}
