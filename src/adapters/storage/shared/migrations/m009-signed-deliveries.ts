import type { Migration } from './migration.js';

export const MIGRATION_9: Migration = {
  version: 9,
  name: 'signed inbound deliveries already seen (replay protection)',
  async up(db) {
    // One row per signed delivery acted on (a Standard Webhooks webhook-id, an SNS MessageId, a
    // Slack request signature), per scope (source and integration), kept until its replay window
    // closes; rows past `expires_at` are deleted as new deliveries are claimed. In the database so
    // a replay is refused by every instance, and after a restart.
    await db.schema
      .createTable('ir_signed_deliveries')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('delivery_id', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('ir_signed_deliveries_pk', ['scope', 'delivery_id'])
      .execute();
    await db.schema.createIndex('ir_signed_deliveries_expires_idx').on('ir_signed_deliveries').column('expires_at').execute();
  },
};
