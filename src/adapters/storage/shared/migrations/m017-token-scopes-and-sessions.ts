import { sql } from 'kysely';
import type { Migration } from './migration.js';

/**
 * Tokens carry what they may do (`scopes`, JSON: any of read, ingest, write) and what they are
 * (`kind`): a machine token made with `token create`, or the session token of a person signed in
 * through OpenID Connect, which ends at `expires_at`. Existing tokens keep every scope. A name
 * belongs to one live machine token; a person may hold several sessions at once.
 */
export const MIGRATION_17: Migration = {
  version: 17,
  name: 'API tokens: scopes, machine or session kind, and session expiry',
  async up(db) {
    await db.schema.alterTable('ir_api_tokens').addColumn('scopes', 'text', (c) => c.notNull().defaultTo('["read","ingest","write"]')).execute();
    await db.schema.alterTable('ir_api_tokens').addColumn('kind', 'text', (c) => c.notNull().defaultTo('machine')).execute();
    await db.schema.alterTable('ir_api_tokens').addColumn('expires_at', 'bigint').execute();
    await db.schema.dropIndex('ir_api_tokens_live_name_key').execute();
    await sql`CREATE UNIQUE INDEX ir_api_tokens_live_name_key ON ir_api_tokens (name) WHERE revoked_at IS NULL AND kind = 'machine'`.execute(db);
  },
};
