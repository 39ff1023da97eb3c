import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { T0, changeIncident, declareIncident, type Written } from '../../../test/support/incidents.js';
import { STORE_KINDS, createTestDatabase, openTestStore, type TestDatabase, type TestStore } from '../../../test/support/stores.js';
import type { IncidentFilter, IncidentListRow, IncidentStore } from '../../app/ports/index.js';
import { decideComplianceFlag } from '../../domain/compliance/index.js';
import { decideAcknowledge, decideAssignRole, decideResolve, decideStatusUpdate, type IncidentState } from '../../domain/incident/index.js';
import { DAY, MINUTE, epochMs } from '../../domain/time/index.js';
import { MIGRATIONS } from './shared/migrations.js';
import type { Database } from './shared/schema.js';

const at = (minutesAfterT0: number) => epochMs(T0 + minutesAfterT0 * MINUTE);

/** What a list row must say of an incident: its current state, field by field. */
function expectedRow(s: IncidentState): IncidentListRow {
  return {
    id: s.id, title: s.title, severity: s.severity, incidentType: s.incidentType, environment: s.environment, service: s.service,
    status: s.status, publicStatus: s.publicStatus, declaredAt: s.declaredAt, acknowledgedAt: s.acknowledgedAt, resolvedAt: s.resolvedAt,
    responseClockStartedAt: s.responseClockStartedAt, responseDueAt: s.responseDueAt, nextUpdateDueAt: s.nextUpdateDueAt,
    lastUpdateAt: s.lastUpdate?.at, commander: s.roles.commander, complianceFlagCount: Object.keys(s.compliance?.flags ?? {}).length,
  };
}

/** Five incidents in every state a list distinguishes: resolved, acknowledged with an update and a commander, flagged, untouched. */
async function writeHistory(store: IncidentStore): Promise<Written[]> {
  const i1 = await declareIncident(store, { severity: 'critical', incidentType: 'outage', environment: 'production', service: 'checkout' }, T0);
  const i2 = await declareIncident(store, { severity: 'high', incidentType: 'security', environment: 'staging', service: 'auth' }, at(1));
  const i3 = await declareIncident(store, { severity: 'medium', incidentType: 'data', environment: 'production', service: undefined }, at(2));
  const i4 = await declareIncident(store, { severity: 'low', incidentType: 'performance', environment: 'development', service: 'billing' }, at(2));
  const i5 = await declareIncident(store, { severity: 'high', incidentType: 'outage', environment: 'production', service: 'checkout' }, epochMs(T0 + DAY));
  await changeIncident(store, i2.state.id, (s) => decideAcknowledge(s), at(5));
  await changeIncident(store, i2.state.id, (s, ctx) => decideStatusUpdate(s, 'identified', 'Token signing key rotated', ctx), at(9));
  await changeIncident(store, i2.state.id, (s) => decideAssignRole(s, 'commander', 'cam'), at(10));
  await changeIncident(store, i3.state.id, (s) => decideComplianceFlag(s.compliance, { regime: 'gdpr', awareAt: at(3) }, at(4)), at(4));
  await changeIncident(store, i3.state.id, (s) => decideComplianceFlag(s.compliance, { regime: 'sox', awareAt: at(3) }, at(4)), at(4));
  await changeIncident(store, i1.state.id, (s) => decideResolve(s, 'Rolled back'), at(30));
  return [i5, i4, i3, i2, i1];
}

const FILTERS: readonly (readonly [string, IncidentFilter])[] = [
  ['no filter', {}],
  ['status', { statuses: ['triggered', 'acknowledged'] }],
  ['severity', { severities: ['high'] }],
  ['type', { types: ['outage', 'data'] }],
  ['environment', { environments: ['production'] }],
  ['service', { service: 'checkout' }],
  ['since', { since: at(2) }],
  ['hidden types', { hiddenTypes: ['security'] }],
  ['a hidden type asked for', { types: ['security'], hiddenTypes: ['security'] }],
  ['limit', { limit: 2 }],
];

for (const kind of STORE_KINDS) {
  describe(`incident list rows (${kind})`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    it('lists each incident\'s current state as a list row: update, commander, compliance flags, resolution', async () => {
      await writeHistory(t.store);
      const states = await t.store.listIncidents({});
      const rows = await t.store.listIncidentRows({});
      assert.deepStrictEqual(rows, states.map(expectedRow));
      const acked = rows.find((r) => r.incidentType === 'security')!;
      assert.equal(acked.commander, 'cam');
      assert.equal(acked.lastUpdateAt, at(9));
      assert.equal(rows.find((r) => r.incidentType === 'data')!.complianceFlagCount, 2);
    });

    for (const [name, filter] of FILTERS) {
      it(`filters and orders like listIncidents: ${name}`, async () => {
        await writeHistory(t.store);
        const ids = (await t.store.listIncidentRows(filter)).map((r) => r.id);
        assert.deepEqual(ids, (await t.store.listIncidents(filter)).map((s) => s.id));
        if (filter.hiddenTypes !== undefined) assert.ok((await t.store.listIncidentRows(filter)).every((r) => r.incidentType !== 'security'));
      });
    }

    it('pages with the `after` cursor: every incident once, newest first', async () => {
      const written = await writeHistory(t.store);
      const seen: string[] = [];
      let after: IncidentFilter['after'];
      for (;;) {
        const page = await t.store.listIncidentRows({ limit: 2, ...(after === undefined ? {} : { after }) });
        if (page.length === 0) break;
        seen.push(...page.map((r) => r.id));
        const last = page[page.length - 1]!;
        after = { declaredAt: last.declaredAt, id: last.id };
      }
      assert.deepEqual(seen, written.map((w) => w.state.id));
    });
  });

  describe(`migration 11 on a database written before it (${kind})`, () => {
    const databases: TestDatabase[] = [];
    after(async () => {
      for (const d of databases) await d.cleanup().catch(() => undefined);
    });

    it('fills the list columns of every incident from its stored state', async () => {
      // The history is written by today's store, then the database is taken back to before migration 11.
      const t = await createTestDatabase(kind);
      databases.push(t);
      const store = await t.open();
      await writeHistory(store);
      const expected = (await store.listIncidents({})).map(expectedRow);
      await store.close();
      const db = await openKysely(t);
      for (const column of ['response_clock_started_at', 'last_update_at', 'commander', 'compliance_flag_count']) {
        await db.schema.alterTable('ir_incidents').dropColumn(column).execute();
      }
      const eleven = MIGRATIONS.find((m) => m.version === 11)!;
      await db.transaction().execute((tx) => eleven.up(tx));
      await db.destroy();

      const reopened = await t.open();
      assert.deepStrictEqual(await reopened.listIncidentRows({}), expected);
    });
  });
}

function schemaOf(t: TestDatabase): string {
  return new URL(t.location).searchParams.get('schema')!;
}

async function openKysely(t: TestDatabase): Promise<Kysely<Database>> {
  if (t.kind === 'sqlite') {
    const { default: Sqlite } = await import('better-sqlite3');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: new Sqlite(t.location) }) });
  }
  const url = new URL(t.location);
  const schema = schemaOf(t);
  url.searchParams.delete('schema');
  const { default: pg } = await import('pg');
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: url.toString(), max: 1 }),
      onCreateConnection: async (c) => { await c.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`)); },
    }),
  });
}
