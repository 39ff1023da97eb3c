// A new incident from the same alert as a past one with an RCA names it, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RcaService } from '../../src/app/rca/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from '../http/http-harness.js';

const ADMIN = { name: 'admin', role: 'admin' as const, teams: [] };

for (const kind of STORE_KINDS) {
  describe(`seen before: ${kind}`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(kind);
    });
    after(async () => {
      await h?.close();
    });

    it('links a new incident of the same service and alert to the past incident whose RCA names a root cause', async () => {
      const created = await h.request('POST', '/api/v1/integrations', { as: 'admin', body: { source: 'pagerduty-events', name: 'prom', service: 'checkout' } });
      const key = (created.json() as { key: string }).key;
      const trigger = { routing_key: key, event_action: 'trigger', dedup_key: 'pool-exhausted', payload: { summary: 'DB pool exhausted', source: 'db-1', severity: 'critical' } };
      const send = async (body: unknown) => assert.equal((await h.request('POST', '/v2/enqueue', { body })).statusCode, 202);
      const incidentOf = async () => {
        const res = await h.request('GET', '/api/v1/alerts', { as: 'admin' });
        return (res.json() as { items: { status: string; incidentId?: string }[] }).items.find((a) => a.status === 'open')!.incidentId!;
      };

      await send(trigger);
      const first = await incidentOf();
      await send({ routing_key: key, event_action: 'resolve', dedup_key: 'pool-exhausted' });
      // Without an RCA the next occurrence is not linked…
      await send(trigger);
      const second = await incidentOf();
      assert.notEqual(second, first);
      const plain = (await h.request('GET', `/api/v1/incidents/${second}`, { as: 'admin' })).json() as { seenBefore: string[] };
      assert.deepEqual(plain.seenBefore, []);
      await send({ routing_key: key, event_action: 'resolve', dedup_key: 'pool-exhausted' });

      // …once the first incident's RCA names the cause, the next one is.
      await new RcaService(h.app.store, h.app.incidents, h.app.clock).edit(first, { rootCause: 'Connection pool misconfiguration' }, ADMIN);
      await send(trigger);
      const third = await incidentOf();
      const dto = (await h.request('GET', `/api/v1/incidents/${third}`, { as: 'admin' })).json() as { seenBefore: string[] };
      assert.deepEqual(dto.seenBefore, [first]);
      const timeline = (await h.request('GET', `/api/v1/incidents/${third}/timeline`, { as: 'admin' })).json() as { items: { kind: string; text?: string; description?: string }[] };
      const seen = timeline.items.find((e) => e.kind === 'seen-before');
      assert.ok(seen, 'a seen-before event is on the timeline');
      assert.match(JSON.stringify(seen), new RegExp(`seen before: ${first} \\(checkout, same alert\\) — root cause then: Connection pool misconfiguration`));
      const rca = await new RcaService(h.app.store, h.app.incidents, h.app.clock).document(third, ADMIN);
      assert.deepEqual(rca.seenBefore, [{ incidentId: first, rootCause: 'Connection pool misconfiguration' }]);
    });
    it('never names a past security incident on an incident its readers may not be able to see', async () => {
      const created = await h.request('POST', '/api/v1/integrations', { as: 'admin', body: { source: 'pagerduty-events', name: 'vault', service: 'vault' } });
      const key = (created.json() as { key: string }).key;
      const trigger = { routing_key: key, event_action: 'trigger', dedup_key: 'token-abuse', payload: { summary: 'Unusual token use', source: 'vault-1', severity: 'critical' } };
      const send = async (body: unknown) => assert.equal((await h.request('POST', '/v2/enqueue', { body })).statusCode, 202);
      const incidentOf = async () => {
        const res = await h.request('GET', '/api/v1/alerts', { as: 'admin' });
        return (res.json() as { items: { status: string; incidentId?: string; dedupKey: string }[] }).items.find((a) => a.status === 'open' && a.dedupKey === 'token-abuse')!.incidentId!;
      };

      await send(trigger);
      const first = await incidentOf();
      // Investigated, it turned out to be an intrusion: reclassified, and its RCA names the cause.
      await h.app.incidents.changeType(first, 'security', 'stolen token', { name: 'admin' });
      await new RcaService(h.app.store, h.app.incidents, h.app.clock).edit(first, { rootCause: 'Leaked CI token used from abroad' }, ADMIN);
      await send({ routing_key: key, event_action: 'resolve', dedup_key: 'token-abuse' });

      await send(trigger);
      const second = await incidentOf();
      assert.notEqual(second, first);
      const dto = (await h.request('GET', `/api/v1/incidents/${second}`, { as: 'admin' })).json() as { seenBefore: string[]; incident?: { type?: string } };
      assert.deepEqual(dto.seenBefore, [], 'an outage visible to everyone names no security incident');
      const timeline = (await h.request('GET', `/api/v1/incidents/${second}/timeline`, { as: 'admin' })).json() as { items: unknown[] };
      assert.ok(!JSON.stringify(timeline).includes('Leaked CI token'), 'the security root cause stays off the outage timeline');
    });
  });
}
