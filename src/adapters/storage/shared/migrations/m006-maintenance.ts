import type { Migration } from './migration.js';

export const MIGRATION_6: Migration = {
  version: 6,
  name: 'status page maintenance windows',
  async up(db) {
    // Component ids are a JSON array as text. A cancelled window keeps its row (who scheduled and
    // who cancelled it stay on record) and leaves the public page.
    await db.schema
      .createTable('ir_maintenances')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('message', 'text')
      .addColumn('component_ids', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'bigint', (c) => c.notNull())
      .addColumn('ends_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('cancelled_at', 'bigint')
      .addColumn('cancelled_by', 'text')
      .execute();
    await db.schema.createIndex('ir_maintenances_ends_idx').on('ir_maintenances').columns(['ends_at', 'starts_at']).execute();
  },
};
