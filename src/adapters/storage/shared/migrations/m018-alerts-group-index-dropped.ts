import type { Migration } from './migration.js';

/**
 * `ir_alerts (group_key, opened_at)` served grouping when it aggregated the alerts of a group; the
 * group table (migration 12) answers that now, and no query reads alerts by group key. Every alert
 * written kept this seventh b-tree up to date for nothing.
 */
export const MIGRATION_18: Migration = {
  version: 18,
  name: 'alerts: the unused group-key index dropped',
  async up(db) {
    await db.schema.dropIndex('ir_alerts_group_idx').ifExists().execute();
  },
};
