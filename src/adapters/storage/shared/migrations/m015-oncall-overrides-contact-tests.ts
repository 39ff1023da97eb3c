import type { Migration } from './migration.js';

/**
 * On-call overrides made at runtime (CLI, API, Slack, web app), which the paging engine reads on
 * every decision, and the outcome of each contact-method test ("send me a test page").
 */
export const MIGRATION_15: Migration = {
  version: 15,
  name: 'on-call overrides stored in the database, and contact-method tests',
  async up(db) {
    // Instants are epoch milliseconds; a deleted override keeps its row (deleted_at) for the record.
    await db.schema
      .createTable('ir_oncall_overrides')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('schedule_id', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('replaces_person_id', 'text')
      .addColumn('start_at', 'bigint', (c) => c.notNull())
      .addColumn('end_at', 'bigint', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint')
      .addColumn('deleted_by', 'text')
      .execute();
    await db.schema.createIndex('ir_oncall_overrides_end_idx').on('ir_oncall_overrides').columns(['end_at', 'schedule_id']).execute();

    await db.schema
      .createTable('ir_contact_tests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('contact_method_id', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ir_contact_tests_person_at_idx').on('ir_contact_tests').columns(['person_id', 'at']).execute();
  },
};
