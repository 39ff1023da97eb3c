import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sha256Hex } from '../../adapters/storage/index.js';
import type { Principal } from '../../domain/access/index.js';
import type { IncidentType } from '../../domain/classification/index.js';
import { epochMs } from '../../domain/time/index.js';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import { DEFAULT_RESPONSE_CONFIG } from '../config/index.js';
import { IncidentService, LocalIncidentApi, isDeclarationReceipt, type DeclareOutcome } from './index.js';

const responder: Principal = { name: 'rob', role: 'responder', teams: ['payments'] };
const securityResponder: Principal = { name: 'sue', role: 'responder', teams: ['security'] };
const admin: Principal = { name: 'ada', role: 'admin', teams: [] };

const idOf = (o: DeclareOutcome) => (isDeclarationReceipt(o) ? o.receipt.id : o.incident.id);

for (const kind of STORE_KINDS) {
  describe(`security incidents are numbered and declared apart (${kind})`, () => {
    let t: TestStore;
    let as: (p: Principal) => LocalIncidentApi;
    const declare = (p: Principal, incidentType: IncidentType, title?: string) =>
      as(p).declare({ severity: 'high', incidentType, environment: 'production', ...(title === undefined ? {} : { title }) });

    before(async () => {
      t = await openTestStore(kind);
      const service = new IncidentService(t.store, { now: () => epochMs(Date.parse('2026-11-28T14:30:00Z')) }, DEFAULT_RESPONSE_CONFIG);
      as = (p) => new LocalIncidentApi(service, t.store, p, sha256Hex);
    });
    after(() => t.cleanup());

    it('numbers security incidents SEC-… on their own counter, leaving no gaps in the INC numbers', async () => {
      const ids = [
        idOf(await declare(admin, 'outage')),
        idOf(await declare(admin, 'security')),
        idOf(await declare(securityResponder, 'security')),
        idOf(await declare(responder, 'performance')),
        idOf(await declare(responder, 'security')),
        idOf(await declare(admin, 'data')),
      ];
      assert.deepEqual(ids, [
        'INC-2026-1128-001', 'SEC-2026-1128-001', 'SEC-2026-1128-002', 'INC-2026-1128-002', 'SEC-2026-1128-003', 'INC-2026-1128-003',
      ]);
      assert.deepEqual((await as(responder).list({})).map((i) => i.id).sort(), ['INC-2026-1128-001', 'INC-2026-1128-002', 'INC-2026-1128-003']);
    });

    it('keeps the id when an incident is reclassified to or from security', async () => {
      const id = idOf(await declare(admin, 'outage', 'Odd logins'));
      assert.equal((await as(admin).changeType(id, 'security')).incident.id, id);
      assert.equal((await as(admin).get(id)).type, 'security');
      const sec = idOf(await declare(admin, 'security', 'False alarm'));
      assert.equal((await as(admin).changeType(sec, 'outage')).incident.id, sec);
      assert.equal((await as(responder).get(sec)).id, sec, 'reclassified out of security, it is visible under its SEC id');
      assert.equal(idOf(await declare(admin, 'outage')), 'INC-2026-1128-005');
    });

    it('counts open incidents per severity for the given types only, so public counts can leave security incidents out', async () => {
      const all = await t.store.countActiveIncidents();
      const security = await t.store.countActiveIncidents(['security']);
      const others = await t.store.countActiveIncidents(['outage', 'performance', 'data', 'integration']);
      assert.equal(security.high, 4, JSON.stringify(security));
      assert.deepEqual(Object.keys(security).sort(), ['critical', 'high', 'low', 'medium']);
      assert.equal(others.high + security.high, all.high);
      assert.deepEqual(await t.store.countActiveIncidents([]), { critical: 0, high: 0, medium: 0, low: 0 });
    });

    it('answers a declarer outside the security team with a receipt only: id, severity, and to whom it went', async () => {
      const outcome = await declare(responder, 'security', 'Laptop stolen from the office');
      assert.ok(isDeclarationReceipt(outcome), JSON.stringify(outcome));
      const r = outcome.receipt;
      assert.deepEqual(Object.keys(r).sort(), ['declaredAt', 'handedTo', 'id', 'message', 'severity', 'severityLabel', 'title', 'type']);
      assert.deepEqual([r.severity, r.severityLabel, r.type, r.title, r.handedTo, r.declaredAt], ['high', 'SEV-2', 'security', 'Laptop stolen from the office', 'security', '2026-11-28T14:30:00.000Z']);
      assert.match(r.id, /^SEC-2026-1128-\d{3}$/);
      assert.match(r.message, /handed to the security team/);
      await assert.rejects(as(responder).get(r.id), { code: 'NOT_FOUND' });
      const seen = await as(securityResponder).get(r.id);
      assert.deepEqual([seen.title, seen.declaredBy], ['Laptop stolen from the office', 'rob']);
      assert.ok(!isDeclarationReceipt(await declare(securityResponder, 'security')), 'the security team gets the full outcome');
    });
  });
}
