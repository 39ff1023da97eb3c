import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { canSeeIncidentType, hasPermission, type Permission } from '../../src/domain/access/index.js';
import { epochMs } from '../../src/domain/time/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { CALLERS, declare, startHarness, type Caller, type Harness } from './http-harness.js';

/**
 * What every route needs, keyed by "METHOD url" as Fastify registers it. A route missing here
 * fails the test, so a new route cannot ship without a decision about who may call it.
 */
const ROUTE_PERMISSION: Record<string, Permission | 'public'> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'GET /api/v1/openapi.json': 'public',
  'POST /api/v1/incidents': 'incident:work',
  'GET /api/v1/incidents': 'incident:read',
  'GET /api/v1/incidents/:id': 'incident:read',
  'POST /api/v1/incidents/:id/acknowledge': 'incident:work',
  'POST /api/v1/incidents/:id/mitigate': 'incident:work',
  'POST /api/v1/incidents/:id/status-updates': 'incident:work',
  'POST /api/v1/incidents/:id/roles': 'incident:command',
  'POST /api/v1/incidents/:id/steps/:step': 'incident:work',
  'POST /api/v1/incidents/:id/severity': 'incident:command',
  'POST /api/v1/incidents/:id/type': 'incident:command',
  'POST /api/v1/incidents/:id/resolve': 'incident:command',
  'POST /api/v1/incidents/:id/reopen': 'incident:command',
  'POST /api/v1/incidents/:id/close': 'incident:command',
  'POST /api/v1/incidents/:id/notes': 'incident:work',
  'POST /api/v1/incidents/:id/impact': 'incident:work',
  'GET /api/v1/incidents/:id/timeline': 'incident:read',
  'GET /api/v1/incidents/:id/rca': 'incident:read',
  'PATCH /api/v1/incidents/:id/rca': 'incident:command',
  'GET /api/v1/reports/monthly': 'incident:read',
  'GET /api/v1/dashboard': 'incident:read',
  'GET /api/v1/action-items': 'incident:read',
  'GET /api/v1/incidents/:id/review': 'incident:read',
  'POST /api/v1/incidents/:id/review': 'incident:work',
  'POST /api/v1/incidents/:id/review/notes': 'incident:work',
  'POST /api/v1/incidents/:id/review/decisions': 'incident:work',
  'POST /api/v1/incidents/:id/review/done': 'incident:command',
  'POST /api/v1/incidents/:id/action-items': 'incident:work',
  'POST /api/v1/incidents/:id/action-items/from-rca': 'incident:work',
  'PATCH /api/v1/action-items/:ref': 'incident:work',
  'POST /api/v1/incidents/:id/tickets': 'incident:work',
  'POST /api/v1/tickets/sync': 'incident:work',
  'GET /api/v1/incidents/:id/rca/form': 'incident:command',
  'POST /api/v1/incidents/:id/rca/form': 'incident:command',
  'POST /api/v1/incidents/:id/publication': 'incident:work',
  'DELETE /api/v1/incidents/:id/publication': 'incident:work',
  'POST /api/v1/incidents/:id/compliance/flags': 'incident:command',
  'POST /api/v1/incidents/:id/compliance/notifications': 'incident:work',
  'GET /api/v1/compliance/soc2': 'incident:read',
  'GET /api/v1/compliance/reminders': 'incident:read',
  'GET /api/v1/incidents/:id/evidence': 'incident:read',
  'GET /api/v1/audit/verify': 'audit:read',
  'GET /api/v1/events/stream': 'incident:read',
  'POST /api/v1/tokens': 'token:manage',
  'GET /api/v1/tokens': 'token:manage',
  'DELETE /api/v1/tokens/:idOrName': 'token:manage',
  'POST /api/v1/integrations': 'config:manage',
  'GET /api/v1/integrations': 'config:manage',
  'DELETE /api/v1/integrations/:idOrName': 'config:manage',
  'POST /api/v1/silences': 'incident:work',
  'GET /api/v1/silences': 'incident:read',
  'DELETE /api/v1/silences/:id': 'incident:work',
  'GET /api/v1/alerts': 'incident:read',
  'POST /api/v1/maintenances': 'incident:work',
  'GET /api/v1/maintenances': 'incident:read',
  'DELETE /api/v1/maintenances/:id': 'incident:work',
  'GET /api/v1/oncall': 'incident:read',
  'GET /api/v1/oncall/schedules/:id/calendar.ics': 'incident:read',
  'GET /api/v1/oncall/people/:id/calendar.ics': 'incident:read',
  'GET /api/v1/incidents/:id/messages': 'incident:read',
  // Responders may also make and delete overrides that put themselves on call or hand over their
  // own shift, and anyone may test their own contact methods: object checks tested in
  // test/http/oncall-changes-routes.test.ts. For someone else (as here) it takes a commander.
  'POST /api/v1/oncall/overrides': 'incident:command',
  'GET /api/v1/oncall/overrides': 'incident:read',
  'DELETE /api/v1/oncall/overrides/:id': 'incident:command',
  'POST /api/v1/people/:id/test-page': 'incident:command',
  'POST /api/v1/config/reload': 'config:manage',
  'POST /api/v1/incidents/:id/pages': 'incident:work',
};

/** A person and a schedule, so the on-call routes have something to answer about. */
const MATRIX_CONFIG = `
people:
  alice: { name: Alice Adams, contact_methods: [{ kind: email, address: alice@example.com }] }
schedules:
  primary:
    name: Primary
    layers: [{ time_zone: UTC, start_date: 2026-11-01, hand_off_time: "09:00", turn: weekly, participants: [alice] }]
`;
/** The id each non-incident `:id` route is asked about. */
const ROUTE_IDS: Record<string, string> = { '/api/v1/oncall/schedules/:id/calendar.ics': 'primary', '/api/v1/oncall/people/:id/calendar.ics': 'alice', '/api/v1/people/:id/test-page': 'alice' };

/** A valid body for each POST (the incident's own type for /type, so visibility never changes). */
function bodyFor(key: string, type: string, n: number): unknown {
  const suffix = key.slice(key.lastIndexOf('/') + 1);
  switch (suffix) {
    case 'incidents': return { severity: 'low', type: 'outage', environment: 'staging' };
    case 'status-updates': return { status: 'investigating', message: 'looking' };
    case 'roles': return { role: 'scribe', person: 'sam' };
    case ':step': return { done: true };
    case 'severity': return { severity: 'high' };
    case 'type': return { type };
    case 'resolve': return { summary: 'fixed' };
    case 'notes': return { text: 'a note' };
    case 'impact': return { customersAffected: 1 };
    case 'decisions': return { text: 'a decision' };
    case 'review': return { startsAt: '2099-01-01T15:00:00Z', attendees: [{ name: 'alice' }] };
    case 'action-items': return { title: 'Matrix item' };
    case 'tickets': return { system: 'jira' };
    case 'form': return { text: '# not the form' };
    case 'publication': return { componentIds: ['api'], impact: 'minor', title: 'Matrix' };
    case 'flags': return { regime: 'gdpr', awareAt: '2026-01-01T00:00:00Z' };
    case 'notifications': return { regime: 'gdpr', to: 'CNIL' };
    case 'tokens': return { name: `matrix-${n}`, role: 'viewer' };
    case 'integrations': return { source: 'pagerduty-events', name: `matrix-${n}` };
    case 'silences': return { matchers: ['alertname=Matrix'], duration: '1h', reason: 'route matrix' };
    case 'pages': return { personId: 'alice' };
    case 'overrides': return { scheduleId: 'primary', personId: 'alice', from: '2099-01-01T00:00Z', to: '2099-01-02T00:00Z' };
    case 'maintenances': return { title: 'Matrix', componentIds: ['api'], startsAt: '2099-01-01T00:00:00Z', endsAt: '2099-01-01T01:00:00Z' };
    default: return {};
  }
}

const principalOf = (caller: Caller) => ({
  name: caller,
  role: caller.replace('security-', '') as 'viewer',
  teams: caller.startsWith('security-') ? ['security'] : [],
});

for (const kind of STORE_KINDS) {
  describe(`route matrix: every route × every role (${kind})`, () => {
    let h: Harness;
    let base: string;
    let outageId: string;
    let securityId: string;
    let n = 0;
    before(async () => {
      h = await startHarness(kind, {}, { configYaml: MATRIX_CONFIG });
      base = await h.listen();
      outageId = await declare(h, { severity: 'critical', type: 'outage', environment: 'production' });
      securityId = await declare(h, { severity: 'high', type: 'security', environment: 'production' });
    });
    after(() => h.close());

    const admin = { name: 'root', role: 'admin' as const, teams: [] };
    /** Ingest endpoints answer in their senders' formats and authenticate by integration key: tested in test/alerts. */
    const isIngestRoute = (r: { method: string; url: string }) =>
      h.app.alerts.registry.sources.some((s) => s.routes.some((route) => route.method === r.method && route.path === r.url))
      // The web app's pages authenticate by session cookie and answer in HTML: tested in test/web.
      || r.url === '/' || r.url.startsWith('/app');

    /** Something to delete on each DELETE route, so an allowed call has something to revoke or expire. */
    async function throwaway(url: string): Promise<string> {
      if (url.startsWith('/api/v1/integrations/')) return (await h.app.alerts.integrations.create({ source: 'opsgenie', name: `throwaway-${n++}` }, admin)).integration.name;
      if (url.startsWith('/api/v1/silences/')) return (await h.app.alerts.silences.create({ matchers: ['a=b'], duration: '1h', reason: 'matrix' }, admin)).id;
      if (url.startsWith('/api/v1/oncall/overrides/')) return (await h.app.overrides.create(admin, { scheduleId: 'primary', personId: 'alice', from: '2099-01-01T00:00Z', to: '2099-01-02T00:00Z' })).id;
      if (url.startsWith('/api/v1/maintenances/')) {
        const id = `mnt_matrix_${n++}`;
        await h.app.store.addMaintenance({ id, title: 'Matrix', componentIds: ['api'], startsAt: epochMs(Date.now() + 3_600_000), endsAt: epochMs(Date.now() + 7_200_000), createdAt: epochMs(Date.now()) }, 'root');
        return id;
      }
      return throwawayToken();
    }

    async function throwawayToken(): Promise<string> {
      const name = `throwaway-${n++}`;
      await h.app.tokens.create({ name, role: 'viewer' }, { name: 'root', role: 'admin', teams: [] });
      return name;
    }

    async function call(method: string, url: string, caller: Caller | undefined, body: unknown): Promise<{ status: number; json: unknown }> {
      const controller = new AbortController();
      const res = await fetch(base + url, {
        method,
        signal: controller.signal,
        headers: { ...(caller ? { authorization: `Bearer ${h.tokens[caller]}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
        controller.abort();
        return { status: res.status, json: undefined };
      }
      const text = await res.text();
      return { status: res.status, json: (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
    }

    it('has a permission for every registered route, and every permission row is a registered route', () => {
      const registered = h.routes.filter((r) => !isIngestRoute(r)).map((r) => `${r.method} ${r.url}`);
      for (const key of registered) assert.ok(key in ROUTE_PERMISSION, `route ${key} is missing from ROUTE_PERMISSION`);
      assert.deepEqual(Object.keys(ROUTE_PERMISSION).filter((k) => !registered.includes(k)), []);
    });

    it('answers each caller as its role and team allow', async () => {
      for (const { method, url } of h.routes.filter((r) => !isIngestRoute(r))) {
        const key = `${method} ${url}`;
        const permission = ROUTE_PERMISSION[key]!;
        const isIncidentRoute = url.startsWith('/api/v1/incidents/:id');
        const targets = isIncidentRoute ? [{ id: outageId, type: 'outage' }, { id: securityId, type: 'security' }] : [{ id: '', type: 'outage' }];
        for (const target of targets) {
          const path = url.replace(':id', ROUTE_IDS[url] ?? target.id).replace(':step', '1.1');
          /** A live token for each DELETE, so an allowed call has something to revoke. */
          const pathFor = async () => (method === 'DELETE' && !isIncidentRoute ? url.replace(/:idOrName|:id/, await throwaway(url)) : path);
          const body = method === 'POST' ? bodyFor(url, target.type, n++) : undefined;
          const anonymous = await call(method, await pathFor(), undefined, body);
          if (permission === 'public') {
            assert.equal(anonymous.status, 200, `${key} is public`);
            continue;
          }
          assert.equal(anonymous.status, 401, `${key} without a token`);
          assert.equal((anonymous.json as { error: { code: string } }).error.code, 'UNAUTHENTICATED');
          for (const caller of CALLERS) {
            const p = principalOf(caller);
            const { status, json } = await call(method, await pathFor(), caller, method === 'POST' ? bodyFor(url, target.type, n++) : undefined);
            const where = `${key} on ${target.type} as ${caller}: ${status} ${String(JSON.stringify(json)).slice(0, 300)}`;
            assert.ok(status < 500, where);
            if (!hasPermission(p, permission)) {
              assert.equal(status, 403, where);
              assert.equal((json as { error: { code: string } }).error.code, 'FORBIDDEN', where);
            } else if (target.id !== '' && !canSeeIncidentType(p, target.type as 'security')) {
              assert.equal(status, 404, where);
              assert.match((json as { error: { message: string } }).error.message, new RegExp(`^No incident ${target.id}\\.`), where);
            } else {
              assert.ok(status < 500 && ![401, 403, 404].includes(status), where);
            }
          }
        }
      }
    });

    it('never shows a security incident, its alerts or the silences that held them outside the security team, on any read route', async () => {
      // A security alert routed by the integration's service, an outage alert, and an alert a silence
      // held that later joined an incident reclassified as security.
      const key = async (name: string, service: string, type: string) => (await h.app.alerts.integrations.create({ source: 'pagerduty-events', name, service, routing: [{ match: [`service="${service}"`], type }] }, admin)).key;
      const secKey = await key('matrix-sec', 'auth-gateway', 'security');
      const outKey = await key('matrix-out', 'checkout', 'outage');
      const heldKey = await key('matrix-held', 'payments', 'outage');
      const trigger = (routingKey: string, dedup: string, summary: string) => h.request('POST', '/v2/enqueue', { body: { routing_key: routingKey, event_action: 'trigger', dedup_key: dedup, payload: { summary, source: 'probe', severity: 'critical' } } });
      assert.equal((await trigger(secKey, 'cred', 'Credential stuffing on auth-gateway')).statusCode, 202);
      assert.equal((await trigger(outKey, 'slow', 'Checkout latency high')).statusCode, 202);
      const held = await h.app.alerts.silences.create({ matchers: ['service="payments"'], duration: '1h', reason: 'quiet-payments-probe' }, admin);
      assert.equal((await trigger(heldKey, 'held', 'Payments card tokens exfiltrated')).statusCode, 202);
      await h.app.alerts.silences.expire(held.id, admin);
      assert.equal((await trigger(heldKey, 'held', 'Payments card tokens exfiltrated')).statusCode, 202);
      const all = (await h.app.store.listAlerts({ limit: 1000 }));
      const secAlertIncident = all.find((a) => a.dedupKey === 'cred')!.incidentId!;
      const heldIncident = all.find((a) => a.dedupKey === 'held')!.incidentId!;
      await h.app.apiFor(admin).changeType(heldIncident, 'security', 'card data');
      const secrets = [securityId, secAlertIncident, heldIncident, 'Credential stuffing', 'card tokens exfiltrated', 'quiet-payments-probe', held.id];
      /** An id of the same shape that does not exist. */
      const unknownLike = (id: string) => id.replace(/\d+$/, (d) => String(Number(d) + 900).padStart(d.length, '0'));

      const reads = h.routes.filter((r) => r.method === 'GET' && !isIngestRoute(r) && ROUTE_PERMISSION[`GET ${r.url}`] !== 'public' && r.url !== '/api/v1/events/stream');
      for (const caller of CALLERS) {
        const p = principalOf(caller);
        const insider = canSeeIncidentType(p, 'security');
        for (const { url } of reads) {
          if (!hasPermission(p, ROUTE_PERMISSION[`GET ${url}`] as Permission)) continue;
          const paths: { path: string; id: string | undefined }[] = url.includes(':id') && ROUTE_IDS[url] === undefined
            ? [securityId, secAlertIncident, heldIncident].map((id) => ({ path: url.replace(':id', id), id }))
            : [{ path: url.replace(':id', ROUTE_IDS[url] ?? ''), id: undefined }];
          if (url === '/api/v1/alerts') paths.push(...[secAlertIncident, heldIncident].map((id) => ({ path: `${url}?incident=${id}`, id })));
          if (url === '/api/v1/action-items') paths.push({ path: `${url}?incident=${securityId}&all=true`, id: securityId });
          for (const { path, id } of paths) {
            const res = await call('GET', path, caller, undefined);
            const text = typeof res.json === 'string' ? res.json : JSON.stringify(res.json);
            if (!insider) {
              // The id asked for may be echoed back (as for any unknown id); nothing else may show.
              const scrubbed = id === undefined ? text : text.split(id).join('<asked>');
              for (const secret of secrets) assert.ok(!scrubbed.includes(secret), `GET ${path} as ${caller} shows ${secret}: ${text.slice(0, 300)}`);
              if (id !== undefined) {
                // A hidden id answers exactly like one that does not exist, with the id substituted.
                const unknown = unknownLike(id);
                const other = await call('GET', path.replace(id, unknown), caller, undefined);
                assert.equal(res.status, other.status, `GET ${path} as ${caller}`);
                const otherText = typeof other.json === 'string' ? other.json : JSON.stringify(other.json);
                const withoutRequestId = (t: string) => t.replace(/"requestId":"[^"]*"/g, '');
                assert.equal(withoutRequestId(text), withoutRequestId(otherText.split(unknown).join(id)), `GET ${path} as ${caller} answers unlike an unknown id`);
              }
            }
          }
        }
        const alerts = (await call('GET', '/api/v1/alerts?limit=1000', caller, undefined)).json as { items: { summary: string }[] };
        assert.equal(alerts.items.some((a) => a.summary.startsWith('Credential stuffing')), insider, `alerts as ${caller}`);
        assert.equal(alerts.items.some((a) => a.summary.includes('card tokens')), insider, `held alert as ${caller}`);
        assert.ok(alerts.items.some((a) => a.summary === 'Checkout latency high'), `outage alert as ${caller}`);
        const silences = (await call('GET', '/api/v1/silences', caller, undefined)).json as { items: { id: string }[] };
        assert.equal(silences.items.some((x) => x.id === held.id), insider, `silences as ${caller}`);
        if (hasPermission(p, 'incident:work') && !insider) {
          const hidden = await call('DELETE', `/api/v1/silences/${held.id}`, caller, undefined);
          const unknown = await call('DELETE', '/api/v1/silences/sil_doesnotexist', caller, undefined);
          assert.equal(hidden.status, 404, `DELETE hidden silence as ${caller}`);
          assert.equal((hidden.json as { error: { message: string } }).error.message, (unknown.json as { error: { message: string } }).error.message.replace('sil_doesnotexist', held.id));
        }
      }
    });

    it('lists a security incident only to the security team and admins', async () => {
      for (const caller of CALLERS) {
        const { json } = await call('GET', '/api/v1/incidents?limit=500', caller, undefined);
        const ids = (json as { items: { id: string }[] }).items.map((i) => i.id);
        assert.equal(ids.includes(securityId), canSeeIncidentType(principalOf(caller), 'security'), caller);
        assert.ok(ids.includes(outageId), caller);
        const filtered = await call('GET', '/api/v1/incidents?type=security', caller, undefined);
        assert.equal((filtered.json as { items: unknown[] }).items.length > 0, canSeeIncidentType(principalOf(caller), 'security'), caller);
      }
    });
  });
}
