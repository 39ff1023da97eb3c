import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';
import type { AppError } from '../../../domain/errors/index.js';
import { refuseNul } from './refuse-nul.js';

/**
 * Turns one driver error into the AppError it means (the database unreachable, locked or
 * damaged), or undefined for errors the store handles itself (a unique violation, a missing
 * table) and bugs, which stay as they are.
 */
export type FailureClassifier = (error: unknown) => AppError | undefined;

/**
 * What the store has seen go wrong. A damaged database does not heal by itself, so once any query
 * met corruption, readiness stays false until the process restarts (on a restored file).
 */
export class FailureWatch {
  #corruption: AppError | undefined;

  get corruption(): AppError | undefined {
    return this.#corruption;
  }

  noticed(error: AppError): void {
    if (error.code === 'STORE_CORRUPT') this.#corruption ??= error;
  }
}

/**
 * `inner` with every driver call's failure classified once, here, so every caller of the store
 * (API, CLI, engine, ingest) sees STORE_UNAVAILABLE / STORE_BUSY / STORE_CORRUPT instead of a
 * driver's error, which would read as a bug; and every query refused before it is sent when a value
 * holds a NUL character (refuse-nul.ts), the same on both databases.
 */
export function classifyingDialect(inner: Dialect, classify: FailureClassifier, watch: FailureWatch): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => new ClassifyingDriver(inner.createDriver(), classify, watch),
  };
}

class ClassifyingDriver implements Driver {
  /** Our connection → the driver's own, which is what the driver must get back. */
  readonly #inner = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(
    private readonly driver: Driver,
    private readonly classify: FailureClassifier,
    private readonly watch: FailureWatch,
  ) {}

  init(): Promise<void> {
    return this.#guard(() => this.driver.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const conn = await this.#guard(() => this.driver.acquireConnection());
    const guard = <T>(work: () => Promise<T>) => this.#guard(work);
    const fail = (error: unknown) => this.#translate(error);
    const ours: DatabaseConnection = {
      executeQuery: <R>(query: CompiledQuery) => {
        refuseNul(query);
        return guard(() => conn.executeQuery<R>(query));
      },
      async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
        refuseNul(query);
        try {
          yield* conn.streamQuery<R>(query, chunkSize);
        } catch (error) {
          throw fail(error);
        }
      },
    };
    this.#inner.set(ours, conn);
    return ours;
  }

  beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#guard(() => this.driver.beginTransaction(this.#unwrap(conn), settings));
  }

  commitTransaction(conn: DatabaseConnection): Promise<void> {
    return this.#guard(() => this.driver.commitTransaction(this.#unwrap(conn)));
  }

  rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    return this.#guard(() => this.driver.rollbackTransaction(this.#unwrap(conn)));
  }

  releaseConnection(conn: DatabaseConnection): Promise<void> {
    return this.driver.releaseConnection(this.#unwrap(conn));
  }

  destroy(): Promise<void> {
    return this.driver.destroy();
  }

  #unwrap(conn: DatabaseConnection): DatabaseConnection {
    return this.#inner.get(conn) ?? conn;
  }

  async #guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.#translate(error);
    }
  }

  #translate(error: unknown): unknown {
    const classified = this.classify(error);
    if (classified === undefined) return error;
    this.watch.noticed(classified);
    return classified;
  }
}
