// Silences are bounded: each role may silence for at most its configured span, only admins may
// silence with matchers that match practically everything, and no silence ever holds an alert
// routed to a security incident. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Caller, type Harness } from '../http/http-harness.js';

interface ErrorBody { error: { code: string; message: string; details: { path: string }[] } }

for (const kind of STORE_KINDS) {
  describe(`silence limits (${kind})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(kind);
    });
    after(() => h.close());

    const silence = (as: Caller, body: Record<string, unknown>) => h.request('POST', '/api/v1/silences', { as, body: { reason: 'limits', ...body } });
    const refused = (res: { statusCode: number; json(): unknown }, path: string) => {
      assert.equal(res.statusCode, 400);
      const body = res.json() as ErrorBody;
      assert.equal(body.error.code, 'VALIDATION');
      assert.deepEqual(body.error.details.map((d) => d.path), [path]);
      assert.match(body.error.message, /^Cannot create a silence/);
      return body.error.message;
    };

    it('lets a responder silence for 24 hours and a commander for 7 days, no longer', async () => {
      assert.match(refused(await silence('responder', { matchers: ['alertname=Foo'], duration: '25h' }), 'duration'), /a responder may silence alerts for at most 1d \(alerts\.silences\.max_duration\.responder\)/);
      assert.equal((await silence('responder', { matchers: ['alertname=Foo'], duration: '24h' })).statusCode, 201);
      refused(await silence('responder', { matchers: ['alertname=Foo'], duration: '100000h' }), 'duration');
      refused(await silence('responder', { matchers: ['alertname=Foo'], endsAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }), 'endsAt');
      refused(await silence('commander', { matchers: ['alertname=Foo'], duration: '8d' }), 'duration');
      assert.equal((await silence('commander', { matchers: ['alertname=Foo'], duration: '7d' })).statusCode, 201);
      assert.equal((await silence('admin', { matchers: ['alertname=Foo'], duration: '90d' })).statusCode, 201);
      refused(await silence('admin', { matchers: ['alertname=Foo'], duration: '91d' }), 'duration');
    });

    it('refuses matchers that match everything below admin', async () => {
      for (const matchers of [['alertname=~".*"'], ['alertname=""'], ['alertname=~""', 'team=~".*"'], ['alertname!="Foo"']]) {
        for (const caller of ['responder', 'commander', 'security-commander'] as const) refused(await silence(caller, { matchers, duration: '1h' }), 'matchers');
      }
      const everything = await silence('admin', { matchers: ['alertname=~".*"'], duration: '1h' });
      assert.equal(everything.statusCode, 201, everything.body);
      assert.equal((await h.request('DELETE', `/api/v1/silences/${(everything.json() as { id: string }).id}`, { as: 'admin' })).statusCode, 200);
    });

    it('never holds an alert routed to a security incident, while it holds an outage alert', async () => {
      const integration = async (name: string, service: string, type: string) => {
        const res = await h.request('POST', '/api/v1/integrations', { as: 'admin', body: { source: 'pagerduty-events', name, service, routing: [{ match: [`service="${service}"`], type }] } });
        assert.equal(res.statusCode, 201, res.body);
        return (res.json() as { key: string }).key;
      };
      const secKey = await integration('sec-probe', 'auth-gateway', 'security');
      const outKey = await integration('search-probe', 'search', 'outage');
      for (const [as, service] of [['admin', 'auth-gateway'], ['security-admin', 'auth-gateway'], ['responder', 'search']] as const) {
        assert.equal((await silence(as, { matchers: [`service="${service}"`], duration: '1h' })).statusCode, 201);
      }
      const trigger = (key: string, dedup: string, summary: string) => h.request('POST', '/v2/enqueue', { body: { routing_key: key, event_action: 'trigger', dedup_key: dedup, payload: { summary, source: 'probe', severity: 'critical' } } });
      assert.equal((await trigger(secKey, 'cred-1', 'Credential stuffing on auth-gateway')).statusCode, 202);
      assert.equal((await trigger(outKey, 'slow-1', 'Search is slow')).statusCode, 202);
      const list = await h.request('GET', '/api/v1/alerts', { as: 'admin' });
      const items = (list.json() as { items: { summary: string; incidentId?: string; silencedBy?: string }[] }).items;
      const sec = items.find((a) => a.summary.startsWith('Credential stuffing'))!;
      const out = items.find((a) => a.summary === 'Search is slow')!;
      assert.equal(sec.silencedBy, undefined);
      assert.ok(sec.incidentId !== undefined, 'the security alert reached its incident');
      assert.equal((await h.app.store.findIncident(sec.incidentId))!.incidentType, 'security');
      assert.ok(out.silencedBy !== undefined && out.incidentId === undefined, 'the outage alert was held');
    });
  });
}
