import { sql } from 'kysely';
import type { Migration } from './migrations/migration.js';
import { GENESIS_HASH } from '../../../domain/audit/index.js';
export type { Migration } from './migrations/migration.js';
import { MIGRATION_5 } from './migrations/m005-paging-engine.js';
import { MIGRATION_6 } from './migrations/m006-maintenance.js';
import { MIGRATION_7 } from './migrations/m007-closing-the-loop.js';
import { MIGRATION_8 } from './migrations/m008-compliance-audit.js';
import { MIGRATION_9 } from './migrations/m009-signed-deliveries.js';
import { MIGRATION_10 } from './migrations/m010-audit-closer-to-proof.js';
import { MIGRATION_11 } from './migrations/m011-read-projections.js';
import { MIGRATION_12 } from './migrations/m012-alert-groups.js';
import { MIGRATION_13 } from './migrations/m013-outbox-kind-and-facts.js';
import { MIGRATION_14 } from './migrations/m014-subscriptions.js';
import { MIGRATION_15 } from './migrations/m015-oncall-overrides-contact-tests.js';
import { MIGRATION_16 } from './migrations/m016-shared-instance-state.js';
import { MIGRATION_17 } from './migrations/m017-token-scopes-and-sessions.js';
import { MIGRATION_18 } from './migrations/m018-alerts-group-index-dropped.js';

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
  {
    version: 3,
    name: 'integration keys, alerts, silences, change events and the admin audit trail',
    async up(db) {
      await db.schema
        .createTable('ir_integrations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('service', 'text')
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('routing', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('ir_integrations_live_name_key').on('ir_integrations').column('name').unique().where(sql.ref('revoked_at'), 'is', null).execute();

      await db.schema
        .createTable('ir_alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('integration_key', 'text', (c) => c.notNull())
        .addColumn('dedup_key', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text')
        .addColumn('service', 'text')
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('labels', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('resolved_at', 'bigint')
        .addColumn('occurrences', 'integer', (c) => c.notNull())
        .addColumn('reported_occurrences', 'integer', (c) => c.notNull())
        .addColumn('reported_at', 'bigint')
        .addColumn('flap', 'text', (c) => c.notNull())
        .addColumn('silenced_by', 'text')
        .addColumn('group_key', 'text', (c) => c.notNull())
        .execute();
      // One live alert per identity: the backstop that makes a retried delivery append, never duplicate.
      await db.schema
        .createIndex('ir_alerts_live_identity_key')
        .on('ir_alerts')
        .columns(['source', 'integration_key', 'dedup_key'])
        .unique()
        .where(sql.ref('status'), '<>', 'resolved')
        .execute();
      await db.schema.createIndex('ir_alerts_identity_idx').on('ir_alerts').columns(['dedup_key', 'opened_at']).execute();
      await db.schema.createIndex('ir_alerts_incident_idx').on('ir_alerts').column('incident_id').execute();
      await db.schema.createIndex('ir_alerts_group_idx').on('ir_alerts').columns(['group_key', 'opened_at']).execute();
      await db.schema.createIndex('ir_alerts_opened_idx').on('ir_alerts').columns(['opened_at desc', 'id desc']).execute();

      await db.schema
        .createTable('ir_silences')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('matchers', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'bigint', (c) => c.notNull())
        .addColumn('ends_at', 'bigint', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('expired_at', 'bigint')
        .execute();
      await db.schema.createIndex('ir_silences_ends_idx').on('ir_silences').column('ends_at').execute();

      await db.schema
        .createTable('ir_changes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('integration_key', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('origin', 'text')
        .addColumn('happened_at', 'bigint', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ir_changes_happened_idx').on('ir_changes').columns(['happened_at desc', 'id']).execute();

      await db.schema
        .createTable('ir_admin_audit')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ir_admin_audit_at_idx').on('ir_admin_audit').columns(['at desc', 'id desc']).execute();
    },
  },
  {
    version: 4,
    name: 'heartbeat monitors: last ping and the incident a missed heartbeat opened',
    async up(db) {
      await db.schema
        .createTable('ir_heartbeats')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('watch_since', 'bigint', (c) => c.notNull())
        .addColumn('last_ping_at', 'bigint')
        .addColumn('incident_id', 'text')
        .addColumn('incident_opened_at', 'bigint')
        .execute();
    },
  },
  MIGRATION_5,
  MIGRATION_6,
  MIGRATION_7,
  MIGRATION_8,
  MIGRATION_9,
  MIGRATION_10,
  MIGRATION_11,
  MIGRATION_12,
  MIGRATION_13,
  MIGRATION_14,
  MIGRATION_15,
  MIGRATION_16,
  MIGRATION_17,
  MIGRATION_18,
];
