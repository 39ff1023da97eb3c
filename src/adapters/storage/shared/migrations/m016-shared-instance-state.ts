import type { Migration } from './migration.js';

/**
 * What several `serve` instances on one database share instead of keeping in memory: leases
 * (who runs a singleton loop, with a fencing token that grows on every change of holder), the
 * detection engine's rule and baseline state, failed-authentication counts per client address,
 * and signed-out web sessions. Counters and revocations are expiring rows.
 */
export const MIGRATION_16: Migration = {
  version: 16,
  name: 'shared instance state: leases, detection state, failed-authentication windows, revoked sessions',
  async up(db) {
    await db.schema
      .createTable('ir_leases')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('token', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('ir_detection_state')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('label_set', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('last_fired_at', 'bigint')
      .addColumn('firing', 'text')
      .addColumn('token', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('ir_detection_state_pkey', ['kind', 'name', 'label_set'])
      .execute();

    await db.schema
      .createTable('ir_auth_failures')
      .addColumn('address', 'text', (c) => c.primaryKey())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ir_auth_failures_expires_idx').on('ir_auth_failures').column('expires_at').execute();

    await db.schema
      .createTable('ir_revoked_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ir_revoked_sessions_expires_idx').on('ir_revoked_sessions').column('expires_at').execute();
  },
};
