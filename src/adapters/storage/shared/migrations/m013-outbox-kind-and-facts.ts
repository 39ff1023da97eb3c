import { sql } from 'kysely';
import type { Migration } from './migration.js';

/**
 * Outbox rows say what the engine does with them (`kind`: deliver, open the war room, post to it)
 * instead of the engine telling by the idempotency key, and carry the incident's facts as planned
 * (`incident`, JSON), so sending reads nothing. Rows already queued get their kind from the key
 * they were queued with; their facts stay empty (the engine reads the incident for those).
 */
export const MIGRATION_13: Migration = {
  version: 13,
  name: 'outbox: the kind of each message and the incident facts it carries',
  async up(db) {
    await db.schema.alterTable('ir_outbox').addColumn('kind', 'text', (c) => c.notNull().defaultTo('message')).execute();
    await db.schema.alterTable('ir_outbox').addColumn('incident', 'text').execute();
    await sql`
      UPDATE ir_outbox SET kind = CASE WHEN idempotency_key LIKE 'war-room:%' THEN 'war-room-open' ELSE 'war-room-post' END
      WHERE purpose = 'war-room'
    `.execute(db);
  },
};
