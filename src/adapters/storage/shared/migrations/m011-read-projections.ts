import type { Migration } from './migration.js';

const BACKFILL_PAGE = 500;

/** The parts of a stored state document the backfill reads (as stored by this migration's time). */
interface StoredStateFields {
  readonly responseClockStartedAt: number;
  readonly lastUpdate?: { readonly at: number };
  readonly roles?: { readonly commander?: string };
  readonly compliance?: { readonly flags?: Record<string, unknown> };
}

function listColumnsOf(json: string) {
  const s = JSON.parse(json) as StoredStateFields;
  return {
    response_clock_started_at: s.responseClockStartedAt,
    last_update_at: s.lastUpdate?.at ?? null,
    commander: s.roles?.commander ?? null,
    compliance_flag_count: Object.values(s.compliance?.flags ?? {}).filter((f) => f !== undefined && f !== null).length,
  };
}

/**
 * The list columns of the incident read model: when the response clock started, the last status
 * update, the commander and how many compliance regimes are flagged. With the columns that were
 * already there they are everything a list shows, so a list never reads the state documents.
 * Written with every read model from now on (`toIncidentRow`); backfilled here from the stored
 * state documents, page by page in id order.
 */
export const MIGRATION_11: Migration = {
  version: 11,
  name: 'incident list columns',
  async up(db) {
    await db.schema.alterTable('ir_incidents').addColumn('response_clock_started_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('ir_incidents').addColumn('last_update_at', 'bigint').execute();
    await db.schema.alterTable('ir_incidents').addColumn('commander', 'text').execute();
    await db.schema.alterTable('ir_incidents').addColumn('compliance_flag_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    let after = '';
    for (;;) {
      const rows = (await db.selectFrom('ir_incidents').select(['id', 'state']).where('id', '>', after).orderBy('id').limit(BACKFILL_PAGE).execute()) as { id: string; state: string }[];
      for (const row of rows) {
        await db.updateTable('ir_incidents').set(listColumnsOf(row.state)).where('id', '=', row.id).execute();
      }
      if (rows.length < BACKFILL_PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  },
};
