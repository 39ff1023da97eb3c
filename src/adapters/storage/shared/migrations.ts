import { sql, type Kysely } from 'kysely';
import { GENESIS_HASH } from '../../../domain/audit/index.js';

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

/** Every migration, in the order they apply; versions are 1, 2, 3, … without gaps. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'event log, chain head, incident counters and incidents read model',
    async up(db) {
      await db.schema
        .createTable('ir_events')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addUniqueConstraint('ir_events_incident_version_key', ['incident_id', 'version'])
        .execute();

      await db.schema
        .createTable('ir_chain_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addCheckConstraint('ir_chain_head_single_row', sql`id = 1`)
        .execute();
      await db.insertInto('ir_chain_head').values({ id: 1, seq: 0, hash: GENESIS_HASH }).execute();

      await db.schema
        .createTable('ir_incident_counters')
        .addColumn('day', 'text', (c) => c.primaryKey())
        .addColumn('last', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('ir_incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('incident_type', 'text', (c) => c.notNull())
        .addColumn('environment', 'text', (c) => c.notNull())
        .addColumn('service', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('public_status', 'text', (c) => c.notNull())
        .addColumn('declared_at', 'bigint', (c) => c.notNull())
        .addColumn('acknowledged_at', 'bigint')
        .addColumn('resolved_at', 'bigint')
        .addColumn('response_due_at', 'bigint', (c) => c.notNull())
        .addColumn('next_update_due_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .execute();

      // Listing is newest first with the id as tiebreak; each filter gets an index that also
      // serves that order, so a filtered page is an index range scan.
      await db.schema.createIndex('ir_incidents_declared_idx').on('ir_incidents').columns(['declared_at desc', 'id desc']).execute();
      for (const column of ['status', 'severity', 'incident_type', 'environment', 'service']) {
        await db.schema
          .createIndex(`ir_incidents_${column}_idx`)
          .on('ir_incidents')
          .columns([column, 'declared_at desc', 'id desc'])
          .execute();
      }
    },
  },
  {
    version: 2,
    name: 'API tokens',
    async up(db) {
      await db.schema
        .createTable('ir_api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('teams', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('last_used_at', 'bigint')
        .execute();
      // A name belongs to one live token; revoked tokens keep theirs for the record.
      await db.schema
        .createIndex('ir_api_tokens_live_name_key')
        .on('ir_api_tokens')
        .column('name')
        .unique()
        .where(sql.ref('revoked_at'), 'is', null)
        .execute();
    },
  },
];
