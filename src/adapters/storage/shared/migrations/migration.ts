import type { Kysely } from 'kysely';

/**
 * One schema change. `up` runs inside the migration transaction on both SQLite and PostgreSQL, so
 * it uses only the schema builder and portable types (bigint for instants and sequence numbers,
 * text for JSON). Released migrations are never edited; a change is a new migration.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** `db` is bound to the migration transaction. */
  // The schema a migration sees is the one of its time, not today's `Database`: Kysely types it `any`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>): Promise<void>;
}
