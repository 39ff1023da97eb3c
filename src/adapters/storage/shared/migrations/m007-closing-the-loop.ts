import type { Migration } from './migration.js';

/**
 * Reviews, action items and tickets are incident events (docs/reviews.md); listing them across
 * incidents (`actions`, `ticket sync`) reads events by kind, which this index serves in sequence
 * order. Alerts are looked up by service and fingerprint to find an incident "seen before".
 */
export const MIGRATION_7: Migration = {
  version: 7,
  name: 'post-incident reviews, action items and tickets',
  async up(db) {
    await db.schema.createIndex('ir_events_kind_idx').on('ir_events').columns(['kind', 'seq']).execute();
    await db.schema.createIndex('ir_alerts_service_fingerprint_idx').on('ir_alerts').columns(['service', 'fingerprint']).execute();
  },
};
