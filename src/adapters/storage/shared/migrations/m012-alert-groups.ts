import { sql } from 'kysely';
import type { Migration } from './migration.js';

/**
 * The grouping table: one row per (group key, incident) with the instant its first alert opened.
 * Grouping used to aggregate every alert of a group on each new alert (quadratic in a storm); the
 * write transaction now keeps this small table up to date as alerts are saved. Backfilled from the
 * alerts already linked.
 */
export const MIGRATION_12: Migration = {
  version: 12,
  name: 'alert groups: one row per group key and incident',
  async up(db) {
    await db.schema
      .createTable('ir_alert_groups')
      .addColumn('group_key', 'text', (c) => c.notNull())
      .addColumn('incident_id', 'text', (c) => c.notNull())
      .addColumn('first_alert_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('ir_alert_groups_pkey', ['group_key', 'incident_id'])
      .execute();
    await sql`
      INSERT INTO ir_alert_groups (group_key, incident_id, first_alert_at)
      SELECT group_key, incident_id, MIN(opened_at) FROM ir_alerts
      WHERE incident_id IS NOT NULL GROUP BY group_key, incident_id
    `.execute(db);
  },
};
