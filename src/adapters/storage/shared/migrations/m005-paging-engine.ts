import type { Migration } from './migration.js';

export const MIGRATION_5: Migration = {
  version: 5,
  name: 'the paging engine: escalations, timers, outbox messages and endpoints',
  async up(db) {
    await db.schema
      .createTable('ir_escalations')
      .addColumn('incident_id', 'text', (c) => c.primaryKey())
      .addColumn('snapshot', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('ir_timers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('incident_id', 'text', (c) => c.notNull())
      .addColumn('generation', 'integer', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint')
      .execute();
    await db.schema.createIndex('ir_timers_due_idx').on('ir_timers').column('due_at').execute();

    await db.schema
      .createTable('ir_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('incident_id', 'text')
      .addColumn('generation', 'integer')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text')
      .addColumn('recipient_name', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('send_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('provider_id', 'text')
      .addColumn('finished_at', 'bigint')
      .execute();
    await db.schema.createIndex('ir_outbox_due_idx').on('ir_outbox').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('ir_outbox_incident_idx').on('ir_outbox').columns(['incident_id', 'created_at']).execute();
    await db.schema.createIndex('ir_outbox_address_idx').on('ir_outbox').columns(['channel', 'address', 'finished_at']).execute();

    await db.schema
      .createTable('ir_disabled_endpoints')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('disabled_at', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('ir_disabled_endpoints_pkey', ['channel', 'address'])
      .execute();
  },
};
