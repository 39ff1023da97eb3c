import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sha256Hex } from '../../adapters/storage/index.js';
import type { Principal } from '../../domain/access/index.js';
import { AppError } from '../../domain/errors/index.js';
import { epochMs } from '../../domain/time/index.js';
import { STORE_KINDS, openTestStore, type TestStore } from '../../../test/support/stores.js';
import { DEFAULT_RESPONSE_CONFIG } from '../config/index.js';
import { IncidentService, LocalIncidentApi, isDeclarationReceipt, type DeclareOutcome } from './index.js';

const idOf = (o: DeclareOutcome) => (isDeclarationReceipt(o) ? o.receipt.id : o.incident.id);

const viewer: Principal = { name: 'val', role: 'viewer', teams: [] };
const responder: Principal = { name: 'rob', role: 'responder', teams: ['payments'] };
const commander: Principal = { name: 'cam', role: 'commander', teams: [] };
const securityViewer: Principal = { name: 'sec', role: 'viewer', teams: ['security'] };
const admin: Principal = { name: 'ada', role: 'admin', teams: [] };

const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;

for (const kind of STORE_KINDS) {
  describe(`roles and security-team visibility (${kind})`, () => {
    let t: TestStore;
    let as: (p: Principal) => LocalIncidentApi;
    let outageId: string;
    let securityId: string;

    before(async () => {
      t = await openTestStore(kind);
      const service = new IncidentService(t.store, { now: () => epochMs(Date.parse('2026-11-28T14:30:00Z')) }, DEFAULT_RESPONSE_CONFIG);
      as = (p) => new LocalIncidentApi(service, t.store, p, sha256Hex);
      outageId = idOf(await as(responder).declare({ severity: 'critical', incidentType: 'outage', environment: 'production' }));
      securityId = idOf(await as(admin).declare({ severity: 'high', incidentType: 'security', environment: 'production' }));
    });
    after(() => t.cleanup());

    it('a viewer reads but may not work an incident', async () => {
      assert.equal((await as(viewer).get(outageId)).id, outageId);
      await assert.rejects(as(viewer).acknowledge(outageId), { message: 'val (viewer) may not do this: it needs the responder role.' });
      await assert.rejects(as(viewer).declare({ severity: 'low', incidentType: 'data', environment: 'staging' }), code('FORBIDDEN'));
    });

    it('a responder works incidents but may not resolve or re-classify them', async () => {
      await as(responder).acknowledge(outageId);
      await assert.rejects(as(responder).resolve(outageId, 'x'), code('FORBIDDEN'));
      await assert.rejects(as(responder).changeSeverity(outageId, 'low'), code('FORBIDDEN'));
      await assert.rejects(as(responder).assignRole(outageId, 'commander', 'x'), code('FORBIDDEN'));
      await assert.rejects(as(commander).verifyAudit(), code('FORBIDDEN'));
      assert.equal((await as(commander).assignRole(outageId, 'commander', 'cam')).changed, true);
    });

    it('outside the security team a security incident does not exist: same 404, absent from lists', async () => {
      for (const p of [viewer, responder, commander]) {
        await assert.rejects(as(p).get(securityId), { code: 'NOT_FOUND', message: `No incident ${securityId}. List incidents with "incident-response list".` });
        await assert.rejects(as(p).timeline(securityId), code('NOT_FOUND'));
        const ids = (await as(p).list({})).map((i) => i.id);
        assert.deepEqual(ids, [outageId]);
        assert.deepEqual((await as(p).list({ types: ['security'] })).map((i) => i.id), []);
      }
      await assert.rejects(as(commander).resolve(securityId, 'x'), code('NOT_FOUND'));
    });

    it('reads the incident once to check visibility and show it', async () => {
      let reads = 0;
      const counting = new Proxy(t.store, {
        get(target, key, receiver) {
          if (key === 'findIncident') return (id: string) => { reads += 1; return target.findIncident(id); };
          const value: unknown = Reflect.get(target, key, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const service = new IncidentService(counting, { now: () => epochMs(Date.parse('2026-11-28T14:30:00Z')) }, DEFAULT_RESPONSE_CONFIG);
      const api = (p: Principal) => new LocalIncidentApi(service, counting, p, sha256Hex);
      assert.equal((await api(viewer).get(outageId)).id, outageId);
      assert.equal(reads, 1);
      await assert.rejects(api(viewer).get(securityId), code('NOT_FOUND'));
      assert.equal(reads, 2);
    });

    it('lists summaries: what a list shows, agreeing with the whole incident, without checklist or compliance obligations', async () => {
      const [item] = await as(commander).list({ statuses: ['acknowledged'] });
      assert.ok(item !== undefined);
      assert.deepEqual(Object.keys(item).sort(), [
        'acknowledgedAt', 'asOf', 'clocks', 'commander', 'complianceFlagCount', 'declaredAt', 'environment', 'id', 'lastUpdateAt', 'publicStatus',
        'resolvedAt', 'service', 'severity', 'severityLabel', 'status', 'title', 'type',
      ]);
      const whole = await as(commander).get(item.id);
      assert.deepEqual(item, {
        id: whole.id, title: whole.title, severity: whole.severity, severityLabel: whole.severityLabel, type: whole.type, environment: whole.environment,
        service: whole.service, status: whole.status, publicStatus: whole.publicStatus, declaredAt: whole.declaredAt, acknowledgedAt: whole.acknowledgedAt,
        resolvedAt: whole.resolvedAt, lastUpdateAt: whole.lastUpdate?.at ?? null, commander: whole.roles['commander'] ?? null, clocks: whole.clocks,
        complianceFlagCount: whole.compliance.flags.length, asOf: whole.asOf,
      });
      assert.equal(item.commander, 'cam');
    });

    it('the security team and admins see it', async () => {
      assert.equal((await as(securityViewer).get(securityId)).type, 'security');
      assert.deepEqual((await as(securityViewer).list({})).map((i) => i.id), [securityId, outageId]);
      assert.equal((await as(admin).timeline(securityId)).length, 1);
      assert.equal((await as(admin).verifyAudit()).ok, true);
    });
  });
}
