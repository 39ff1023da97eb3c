import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import { T0, changeIncident, decisionContext, declareIncident, sha256, verifyStoredChain, type Written } from '../../../test/support/incidents.js';
import type { IncidentStore } from '../../app/ports/index.js';
import { GENESIS_HASH, chainPayload } from '../../domain/audit/index.js';
import { isAppError, type ErrorCode } from '../../domain/errors/index.js';
import {
  applyIncidentEvent, decideAcknowledge, decideDeclare, decideMitigate, decideNote, decideResolve, decideStatusUpdate,
  type IncidentEvent, type IncidentState,
} from '../../domain/incident/index.js';
import { DAY, MINUTE, epochMs } from '../../domain/time/index.js';
import { MIGRATIONS } from './shared/migrations.js';

const at = (minutesAfterT0: number) => epochMs(T0 + minutesAfterT0 * MINUTE);

function rejectsWith(code: ErrorCode, pattern?: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(isAppError(error), `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.message, pattern);
    return true;
  };
}

const ids = (states: readonly IncidentState[]) => states.map((s) => s.id);

for (const kind of STORE_KINDS) {
  describe(`IncidentStore contract: ${kind}`, () => {
    let t: TestStore;
    let store: IncidentStore;
    beforeEach(async () => {
      t = await openTestStore(kind);
      store = t.store;
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    describe('a new database', () => {
      it('starts with an empty chain at the genesis hash', async () => {
        assert.deepEqual(await store.chainHead(), { seq: 0, hash: GENESIS_HASH });
        assert.deepEqual(await store.readChain(0, 100), []);
        assert.deepEqual(await store.listIncidents({}), []);
      });

      it('returns nothing for an incident that does not exist', async () => {
        assert.equal(await store.findIncident('INC-2026-1128-001'), undefined);
        assert.deepEqual(await store.readIncidentEvents('INC-2026-1128-001'), []);
      });
    });

    describe('declaring and finding', () => {
      it('finds a declared incident exactly as folded from its events', async () => {
        const declared = await declareIncident(store, { title: 'Checkout returns 502', summary: 'Card payments fail' });
        assert.equal(declared.state.id, 'INC-2026-1128-001');
        assert.deepStrictEqual(await store.findIncident(declared.state.id), declared.state);
      });

      it('keeps fields that are unset as undefined, not missing', async () => {
        const { state } = await declareIncident(store, { service: undefined });
        const found = await store.findIncident(state.id);
        assert.ok(found);
        assert.ok('service' in found && found.service === undefined);
        assert.ok('acknowledgedAt' in found && found.acknowledgedAt === undefined);
      });

      it('keeps the read model in step with every change', async () => {
        const { state } = await declareIncident(store);
        const acked = await changeIncident(store, state.id, (s) => decideAcknowledge(s), at(3));
        assert.deepStrictEqual(await store.findIncident(state.id), acked.state);
        const updated = await changeIncident(store, state.id, (s, ctx) => decideStatusUpdate(s, 'identified', 'Bad deploy', ctx), at(10));
        assert.deepStrictEqual(await store.findIncident(state.id), updated.state);
        const resolved = await changeIncident(store, state.id, (s) => decideResolve(s, 'Rolled back'), at(40));
        assert.deepStrictEqual(await store.findIncident(state.id), resolved.state);
        assert.equal(resolved.state.status, 'resolved');
      });

      it('reads an incident\'s events back in version order, as they were appended', async () => {
        const a = await declareIncident(store);
        await declareIncident(store, {}, at(1));
        const b = await changeIncident(store, a.state.id, (s) => decideMitigate(s, 'Failed over'), at(5));
        const c = await changeIncident(store, a.state.id, (s) => decideNote(s, 'Watching error rates'), at(6));
        const events = await store.readIncidentEvents(a.state.id);
        assert.deepStrictEqual(events, [...a.events, ...b.events, ...c.events]);
        assert.deepEqual(events.map((e) => [e.version, e.data.kind]), [[1, 'declared'], [2, 'acknowledged'], [3, 'mitigated'], [4, 'note-added']]);
      });
    });

    describe('sequence numbers and the hash chain', () => {
      it('numbers events in one global, gapless sequence across incidents', async () => {
        const a = await declareIncident(store);
        const b = await declareIncident(store, {}, at(1));
        const a2 = await changeIncident(store, a.state.id, (s) => decideMitigate(s, undefined), at(2));
        const b2 = await changeIncident(store, b.state.id, (s) => decideAcknowledge(s), at(3));
        const all = [...a.events, ...b.events, ...a2.events, ...b2.events];
        assert.deepEqual(all.map((e) => e.seq), [1, 2, 3, 4, 5]);
        assert.deepEqual(a2.events.map((e) => e.version), [2, 3]);
        assert.deepEqual(b2.events.map((e) => e.version), [2]);
        const chain = await store.readChain(0, 100);
        assert.deepEqual(chain.map((r) => [r.seq, r.incidentId, r.version]), all.map((e) => [e.seq, e.incidentId, e.version]));
      });

      it('links each event to the one before it, starting from the genesis hash', async () => {
        const a = await declareIncident(store);
        await declareIncident(store, {}, at(1));
        await changeIncident(store, a.state.id, (s) => decideMitigate(s, 'Failed over'), at(2));
        const chain = await store.readChain(0, 100);
        assert.equal(chain.length, 4);
        assert.equal(chain[0]!.prevHash, GENESIS_HASH);
        for (let i = 1; i < chain.length; i++) assert.equal(chain[i]!.prevHash, chain[i - 1]!.hash);
        for (const { hash, ...rest } of chain) assert.equal(hash, sha256(chainPayload(rest)));
        assert.deepEqual(await store.chainHead(), { seq: 4, hash: chain[3]!.hash });
      });

      it('hands the verifier the data exactly as stored and hashed', async () => {
        const a = await declareIncident(store, { title: 'Ünïcode "quotes" \\ and\nnewlines ✓' });
        const [record] = await store.readChain(0, 1);
        assert.equal(record?.dataJson, JSON.stringify(a.events[0]!.data));
        const { broken, verifier } = await verifyStoredChain(store);
        assert.equal(broken, undefined);
        assert.equal(verifier.count, 1);
      });

      it('pages the chain: rows after a sequence number, at most the limit', async () => {
        for (let i = 0; i < 5; i++) await declareIncident(store, {}, at(i));
        assert.deepEqual((await store.readChain(0, 2)).map((r) => r.seq), [1, 2]);
        assert.deepEqual((await store.readChain(2, 2)).map((r) => r.seq), [3, 4]);
        assert.deepEqual((await store.readChain(4, 2)).map((r) => r.seq), [5]);
        assert.deepEqual(await store.readChain(5, 2), []);
      });

      it('verifies a longer history end to end, and ends at the recorded head', async () => {
        const a = await declareIncident(store);
        const b = await declareIncident(store, { severity: 'critical' }, at(1));
        await changeIncident(store, a.state.id, (s) => decideAcknowledge(s), at(2));
        await changeIncident(store, b.state.id, (s, ctx) => decideStatusUpdate(s, 'monitoring', 'Fix deployed', ctx), at(3));
        await changeIncident(store, a.state.id, (s) => decideResolve(s, 'Done'), at(4));
        const { broken, verifier } = await verifyStoredChain(store, 2);
        assert.equal(broken, undefined);
        assert.equal(verifier.count, 5);
        assert.deepEqual(await store.chainHead(), { seq: verifier.lastSeq, hash: verifier.lastHash });
      });
    });

    describe('write transactions', () => {
      it('refuses events that do not continue the incident\'s history, and writes none of them', async () => {
        const { state } = await declareIncident(store);
        const head = await store.chainHead();
        const stale: IncidentEvent = { incidentId: state.id, version: 1, at: at(1), actor: 'mallory', data: { kind: 'acknowledged' } };
        const gap: IncidentEvent = { ...stale, version: 3 };
        for (const event of [stale, gap]) {
          await assert.rejects(
            store.write((tx) => tx.append([event], { ...state, version: event.version })),
            rejectsWith('CONFLICT', new RegExp(state.id)),
          );
        }
        assert.deepEqual(await store.chainHead(), head);
        assert.deepEqual((await store.readIncidentEvents(state.id)).map((e) => e.version), [1]);
        assert.deepStrictEqual(await store.findIncident(state.id), state);
      });

      it('says an incident already exists when it is declared twice', async () => {
        const { state, events } = await declareIncident(store);
        await assert.rejects(store.write((tx) => tx.append([events[0]!], state)), rejectsWith('CONFLICT', /already exists/));
      });

      it('rolls back everything the transaction did when a conflict ends it', async () => {
        const existing = await declareIncident(store);
        const head = await store.chainHead();
        await assert.rejects(
          store.write(async (tx) => {
            assert.equal(await tx.nextIncidentNumber('2026-1128'), 2);
            const event: IncidentEvent = { ...existing.events[0]!, incidentId: 'INC-2026-1128-002' };
            await tx.append([event], applyIncidentEvent(undefined, event));
            assert.ok(await tx.findIncident('INC-2026-1128-002'), 'visible inside its own transaction');
            const stale: IncidentEvent = { incidentId: existing.state.id, version: 1, at: at(1), actor: 'bob', data: { kind: 'acknowledged' } };
            await tx.append([stale], existing.state);
          }),
          rejectsWith('CONFLICT'),
        );
        assert.deepEqual(await store.chainHead(), head);
        assert.equal(await store.findIncident('INC-2026-1128-002'), undefined);
        assert.deepEqual(await store.readIncidentEvents('INC-2026-1128-002'), []);
        assert.equal((await declareIncident(store)).state.id, 'INC-2026-1128-002', 'the counter was rolled back too');
      });

      it('rolls back everything and rethrows when the work throws', async () => {
        const boom = new Error('boom');
        await assert.rejects(
          store.write(async (tx) => {
            await tx.nextIncidentNumber('2026-1128');
            const event: IncidentEvent = { incidentId: 'INC-2026-1128-001', version: 1, at: T0, actor: 'alice', data: decideDeclare({ severity: 'low', incidentType: 'data', environment: 'staging' }, decisionContext(T0)) };
            await tx.append([event], applyIncidentEvent(undefined, event));
            throw boom;
          }),
          (error) => error === boom,
        );
        assert.deepEqual(await store.chainHead(), { seq: 0, hash: GENESIS_HASH });
        assert.deepEqual(await store.readChain(0, 10), []);
        assert.equal(await store.findIncident('INC-2026-1128-001'), undefined);
        assert.deepEqual(await store.listIncidents({}), []);
        assert.equal(await store.write((tx) => tx.nextIncidentNumber('2026-1128')), 1);
      });

      it('returns what the work returns', async () => {
        assert.equal(await store.write(async () => 'done'), 'done');
      });

      it('refuses a transaction handle used after its write has ended', async () => {
        const leaked = await store.write(async (tx) => tx);
        await assert.rejects(leaked.nextIncidentNumber('2026-1128'), rejectsWith('INTERNAL', /already ended/));
      });

      it('refuses store calls made from inside a write instead of hanging', async () => {
        const { state } = await declareIncident(store);
        await assert.rejects(store.write(() => store.findIncident(state.id)), rejectsWith('INTERNAL', /tx\.findIncident/));
        await assert.rejects(store.write(() => store.write(async () => 1)), rejectsWith('INTERNAL', /inside store\.write/));
        await assert.rejects(store.write(() => store.listIncidents({})), rejectsWith('INTERNAL'));
        assert.deepStrictEqual(await store.findIncident(state.id), state, 'usable again afterwards');
      });

      it('refuses every store method called from inside a write, not only the incident reads', async () => {
        // These had no guard of their own; on SQLite each waited for the write waiting for it.
        const methods = ['listCheckpoints', 'readAdminAudit', 'listMaintenances', 'findMaintenance', 'listIntegrations', 'listSilences', 'listChanges',
          'listTokens', 'findTokenByHash', 'revokeToken', 'escalationGenerations', 'isEndpointDisabled', 'countOverdueTimers', 'listMessages', 'checkReady', 'countActiveIncidents'];
        for (const name of methods) {
          const method = (store as unknown as Record<string, unknown>)[name];
          assert.equal(typeof method, 'function', `store.${name} exists`);
          await assert.rejects(store.write(async () => (method as () => Promise<unknown>)()), rejectsWith('INTERNAL', new RegExp(`store\\.${name}\\(\\) was called inside store\\.write`)), name);
        }
        assert.deepStrictEqual(await store.listIncidents({}), [], 'usable again afterwards');
      });

      it('refuses an append whose state does not match its events', async () => {
        const { state, events } = await declareIncident(store);
        const next: IncidentEvent = { incidentId: state.id, version: 2, at: at(1), actor: 'bob', data: { kind: 'acknowledged' } };
        await assert.rejects(store.write((tx) => tx.append([next], state)), rejectsWith('INTERNAL', /state/));
        await assert.rejects(store.write((tx) => tx.append([next, { ...next, version: 4 }], state)), rejectsWith('INTERNAL', /consecutive/));
        assert.deepEqual(await store.readIncidentEvents(state.id), events);
      });
    });

    describe('incident numbers', () => {
      it('numbers each UTC day from 1, independently of other days', async () => {
        const numbers = await store.write(async (tx) => [
          await tx.nextIncidentNumber('2026-1128'),
          await tx.nextIncidentNumber('2026-1128'),
          await tx.nextIncidentNumber('2026-1129'),
          await tx.nextIncidentNumber('2026-1128'),
        ]);
        assert.deepEqual(numbers, [1, 2, 1, 3]);
        assert.equal(await store.write((tx) => tx.nextIncidentNumber('2026-1129')), 2);
        assert.equal(await store.write((tx) => tx.nextIncidentNumber('2026-1130')), 1);
      });

      it('gives 20 concurrent declarations distinct numbers and one unbroken chain', async () => {
        const written = await Promise.all(Array.from({ length: 20 }, (_, i) => declareIncident(store, {}, at(i % 3), `user${i}`)));
        const numbers = written.map((w) => Number(w.state.id.slice(-3))).sort((x, y) => x - y);
        assert.deepEqual(numbers, Array.from({ length: 20 }, (_, i) => i + 1));
        assert.deepEqual(written.flatMap((w) => w.events.map((e) => e.seq)).sort((x, y) => x - y), numbers);
        const { broken, verifier } = await verifyStoredChain(store, 7);
        assert.equal(broken, undefined);
        assert.equal(verifier.count, 20);
        assert.deepEqual(await store.chainHead(), { seq: 20, hash: verifier.lastHash });
      });
    });

    describe('listing', () => {
      // Newest first: i5 (next day), i4 and i3 (same instant: higher id first), i2, i1.
      let i1: Written, i2: Written, i3: Written, i4: Written, i5: Written;
      beforeEach(async () => {
        i1 = await declareIncident(store, { severity: 'critical', incidentType: 'outage', environment: 'production', service: 'checkout' }, T0);
        i2 = await declareIncident(store, { severity: 'high', incidentType: 'security', environment: 'staging', service: 'auth' }, at(1));
        i3 = await declareIncident(store, { severity: 'medium', incidentType: 'performance', environment: 'production', service: undefined }, at(2));
        i4 = await declareIncident(store, { severity: 'low', incidentType: 'data', environment: 'development', service: 'billing' }, at(2));
        i5 = await declareIncident(store, { severity: 'high', incidentType: 'outage', environment: 'production', service: 'checkout' }, epochMs(T0 + DAY));
        await changeIncident(store, i2.state.id, (s) => decideAcknowledge(s), at(5));
        i1 = await changeIncident(store, i1.state.id, (s) => decideResolve(s, 'Rolled back'), at(30));
      });
      const idsOf = (...ws: Written[]) => ws.map((w) => w.state.id);

      it('lists newest first, breaking ties on declared time by id', async () => {
        assert.equal(i5.state.id, 'INC-2026-1129-001');
        assert.deepEqual(ids(await store.listIncidents({})), idsOf(i5, i4, i3, i2, i1));
      });

      it('returns each incident\'s current state', async () => {
        const listed = await store.listIncidents({});
        assert.deepStrictEqual(listed.at(-1), i1.state);
        assert.equal(listed.find((s) => s.id === i2.state.id)?.status, 'acknowledged');
      });

      it('filters by status', async () => {
        assert.deepEqual(ids(await store.listIncidents({ statuses: ['resolved'] })), idsOf(i1));
        assert.deepEqual(ids(await store.listIncidents({ statuses: ['triggered'] })), idsOf(i5, i4, i3));
        assert.deepEqual(ids(await store.listIncidents({ statuses: ['acknowledged', 'resolved'] })), idsOf(i2, i1));
        assert.deepEqual(ids(await store.listIncidents({ statuses: ['closed'] })), []);
      });

      it('filters by severity', async () => {
        assert.deepEqual(ids(await store.listIncidents({ severities: ['high'] })), idsOf(i5, i2));
        assert.deepEqual(ids(await store.listIncidents({ severities: ['critical', 'low'] })), idsOf(i4, i1));
      });

      it('filters by type', async () => {
        assert.deepEqual(ids(await store.listIncidents({ types: ['outage'] })), idsOf(i5, i1));
        assert.deepEqual(ids(await store.listIncidents({ types: ['security', 'data'] })), idsOf(i4, i2));
      });

      it('never returns hidden types, even when asked for them', async () => {
        assert.deepEqual(ids(await store.listIncidents({ hiddenTypes: ['security'] })), idsOf(i5, i4, i3, i1));
        assert.deepEqual(ids(await store.listIncidents({ types: ['security'], hiddenTypes: ['security'] })), []);
      });

      it('filters by environment', async () => {
        assert.deepEqual(ids(await store.listIncidents({ environments: ['production'] })), idsOf(i5, i3, i1));
        assert.deepEqual(ids(await store.listIncidents({ environments: ['all'] })), []);
      });

      it('filters by service', async () => {
        assert.deepEqual(ids(await store.listIncidents({ service: 'checkout' })), idsOf(i5, i1));
        assert.deepEqual(ids(await store.listIncidents({ service: 'nothing-here' })), []);
      });

      it('filters by declared time, inclusive', async () => {
        assert.deepEqual(ids(await store.listIncidents({ since: at(2) })), idsOf(i5, i4, i3));
      });

      it('combines filters', async () => {
        assert.deepEqual(ids(await store.listIncidents({ severities: ['high'], environments: ['production'] })), idsOf(i5));
        assert.deepEqual(ids(await store.listIncidents({ types: ['outage'], statuses: ['triggered'], service: 'checkout' })), idsOf(i5));
      });

      it('treats an empty list in a filter as no constraint', async () => {
        assert.deepEqual(ids(await store.listIncidents({ statuses: [], severities: [], types: [], environments: [] })), idsOf(i5, i4, i3, i2, i1));
      });

      it('returns at most `limit` incidents', async () => {
        assert.deepEqual(ids(await store.listIncidents({ limit: 2 })), idsOf(i5, i4));
        assert.deepEqual(ids(await store.listIncidents({ limit: 1000 })).length, 5);
        await assert.rejects(store.listIncidents({ limit: 0 }), rejectsWith('VALIDATION'));
        await assert.rejects(store.listIncidents({ limit: 1.5 }), rejectsWith('VALIDATION'));
      });

      it('pages with the cursor without duplicates or gaps, including across a tie', async () => {
        for (const size of [1, 2, 3]) {
          const seen: string[] = [];
          let after: { declaredAt: typeof T0; id: string } | undefined;
          for (;;) {
            const page = await store.listIncidents({ limit: size, ...(after ? { after } : {}) });
            if (page.length === 0) break;
            seen.push(...ids(page));
            const last = page.at(-1)!;
            after = { declaredAt: last.declaredAt, id: last.id };
          }
          assert.deepEqual(seen, idsOf(i5, i4, i3, i2, i1), `page size ${size}`);
        }
      });

      it('combines the cursor with filters', async () => {
        const first = await store.listIncidents({ environments: ['production'], limit: 1 });
        assert.deepEqual(ids(first), idsOf(i5));
        const rest = await store.listIncidents({ environments: ['production'], after: { declaredAt: first[0]!.declaredAt, id: first[0]!.id } });
        assert.deepEqual(ids(rest), idsOf(i3, i1));
      });

      it('defaults to 100 incidents per page', async () => {
        for (let i = 0; i < 100; i++) await declareIncident(store, {}, at(100 + i));
        const page = await store.listIncidents({});
        assert.equal(page.length, 100);
        // i5 (next day), then the 99 newest of the added ones: 199 … 101 minutes after T0.
        assert.equal(page[0]!.id, i5.state.id);
        assert.equal(page.at(-1)!.declaredAt, at(101));
      });
    });

    describe('reopening', () => {
      it('keeps every incident and the chain, and does not migrate again', async () => {
        const a = await declareIncident(store);
        await changeIncident(store, a.state.id, (s) => decideAcknowledge(s), at(1));
        const head = await store.chainHead();
        const migrations = await t.rawExec('select version, applied_at from ir_schema_migrations order by version');
        assert.equal(migrations.length, MIGRATIONS.length);
        await store.close();

        const again = await t.reopen();
        assert.deepEqual(await t.rawExec('select version, applied_at from ir_schema_migrations order by version'), migrations);
        assert.deepEqual(await again.chainHead(), head);
        assert.equal((await again.findIncident(a.state.id))?.status, 'acknowledged');
        const b = await declareIncident(again, {}, at(2));
        assert.equal(b.state.id, 'INC-2026-1128-002');
        assert.equal(b.events[0]!.prevHash, head.hash);
        assert.equal((await verifyStoredChain(again)).broken, undefined);
      });

      it('refuses a database migrated by a newer version', async () => {
        await t.rawExec('insert into ir_schema_migrations (version, applied_at) values (?, ?)', [99, T0]);
        await store.close();
        await assert.rejects(t.reopen(), rejectsWith('STORE_UNAVAILABLE', /schema version 99, newer than/));
      });

      it('closes more than once without complaint', async () => {
        await store.close();
        await store.close();
      });
    });

    describe('tamper evidence', () => {
      // seq 1: A declared, 2: B declared, 3: A acknowledged, 4: B note, 5: A resolved.
      let a: Written, b: Written;
      beforeEach(async () => {
        a = await declareIncident(store);
        b = await declareIncident(store, { severity: 'critical' }, at(1));
        await changeIncident(store, a.state.id, (s) => decideAcknowledge(s), at(2));
        await changeIncident(store, b.state.id, (s) => decideNote(s, 'Paging the database team'), at(3));
        await changeIncident(store, a.state.id, (s) => decideResolve(s, 'Rolled back'), at(4));
        assert.equal((await verifyStoredChain(store)).broken, undefined);
        // The database refuses these edits (migration 8); an attacker with file or superuser access removes that guard first.
        await t.disableAuditGuard();
      });

      it('finds an event whose data was edited', async () => {
        await t.rawExec('update ir_events set data = ? where seq = ?', [JSON.stringify({ kind: 'note-added', text: 'Nothing to see here' }), 4]);
        const { broken } = await verifyStoredChain(store);
        assert.deepEqual(broken && { seq: broken.seq, incidentId: broken.incidentId, reason: broken.reason }, { seq: 4, incidentId: b.state.id, reason: 'edited' });
      });

      it('finds an event whose actor was edited', async () => {
        await t.rawExec('update ir_events set actor = ? where seq = ?', ['someone-else', 3]);
        const { broken } = await verifyStoredChain(store);
        assert.deepEqual(broken && { seq: broken.seq, incidentId: broken.incidentId, reason: broken.reason }, { seq: 3, incidentId: a.state.id, reason: 'edited' });
      });

      it('finds a deleted event, naming the next event that is still there', async () => {
        await t.rawExec('delete from ir_events where seq = ?', [3]);
        const { broken } = await verifyStoredChain(store);
        assert.deepEqual(broken && { seq: broken.seq, incidentId: broken.incidentId, reason: broken.reason }, { seq: 3, incidentId: b.state.id, reason: 'missing' });
      });

      it('finds two events whose sequence numbers were swapped', async () => {
        // Three steps, because PostgreSQL checks the primary key row by row.
        await t.rawExec('update ir_events set seq = ? where seq = ?', [-1, 3]);
        await t.rawExec('update ir_events set seq = ? where seq = ?', [3, 4]);
        await t.rawExec('update ir_events set seq = ? where seq = ?', [4, -1]);
        const { broken } = await verifyStoredChain(store);
        assert.ok(broken);
        assert.deepEqual({ seq: broken.seq, incidentId: broken.incidentId }, { seq: 3, incidentId: b.state.id });
        assert.ok(broken.reason === 'broken-link' || broken.reason === 'edited', broken.reason);
      });
    });
  });
}
