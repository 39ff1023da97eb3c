// Story: a SEV-1 on checkout is declared, published on our status page, updated, mitigated and
// resolved. Each change reaches the outside as the relay follows the event log: the statuspage.io
// page shows one incident that moves investigating → identified → resolved with its component
// back to operational, Grafana gets one annotation per moment on the checkout panel, and the
// incident's Remedy ticket is resolved. A target that fails (503) is tried again later; a second
// relay (a restart) replays the log and changes nothing. Both stores.
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../src/adapters/config/index.js';
import { IncidentService } from '../../src/app/incidents/index.js';
import { PagingService } from '../../src/app/paging/index.js';
import type { IntegrationRelay } from '../../src/app/integrations/index.js';
import { StatusPageAdmin } from '../../src/app/status-page/index.js';
import { epochMs, MINUTE, type EpochMs } from '../../src/domain/time/index.js';
import { createIntegrationRelay } from '../../src/main/integration-relay-wiring.js';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/stores.js';

interface Hit { method: string; url: string; auth: string | undefined; body: unknown; raw: string }

/** One local server standing in for statuspage.io, Grafana and Remedy (each on its documented paths). */
async function saas() {
  const hits: Hit[] = [];
  const page: { id: string; name: string; status: string; metadata: unknown; incident_updates: { status: string; body: string }[]; components: Record<string, string> }[] = [];
  const annotations: { id: number; dashboardUID?: string; panelId?: number; time: number; tags: string[]; text: string }[] = [];
  let remedyStatus = 'Assigned';
  let statuspageDown = 0;
  const send = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
    req.on('end', () => {
      let body: unknown;
      try { body = raw === '' ? undefined : JSON.parse(raw); } catch { body = undefined; }
      const url = decodeURIComponent(req.url ?? '');
      hits.push({ method: req.method ?? '', url, auth: req.headers['authorization'], body, raw });
      // statuspage.io
      if (url.startsWith('/v1/pages/kctbh9vrtdwd/')) {
        if (req.headers['authorization'] !== 'OAuth sp-key-123456') return send(res, 401, { error: 'Could not authenticate' });
        if (statuspageDown > 0) { statuspageDown--; return send(res, 503, { error: 'Service Unavailable' }); }
        if (req.method === 'GET') return send(res, 200, [...page].reverse());
        const i = (body as { incident: Record<string, unknown> }).incident;
        const apply = (t: (typeof page)[number]) => {
          if (typeof i['name'] === 'string') t.name = i['name'];
          if (typeof i['status'] === 'string') t.status = i['status'];
          if (i['metadata'] !== undefined) t.metadata = i['metadata'];
          if (i['components'] !== undefined) t.components = i['components'] as Record<string, string>;
          if (typeof i['body'] === 'string') t.incident_updates.unshift({ status: t.status, body: i['body'] });
        };
        if (req.method === 'POST') {
          const created = { id: `sp${page.length + 1}`, name: '', status: '', metadata: {}, incident_updates: [], components: {} };
          apply(created);
          page.push(created);
          return send(res, 201, created);
        }
        const target = page.find((p) => url.endsWith(`/incidents/${p.id}`));
        if (req.method === 'PATCH' && target) { apply(target); return send(res, 200, target); }
        return send(res, 404, { error: 'Not found' });
      }
      // Grafana
      if (url.startsWith('/api/annotations')) {
        if (req.headers['authorization'] !== 'Bearer glsa_token_abcdef') return send(res, 401, { message: 'invalid API key' });
        if (req.method === 'POST') {
          const id = annotations.length + 1;
          annotations.push({ id, ...(body as Omit<(typeof annotations)[number], 'id'>) });
          return send(res, 200, { message: 'Annotation added', id });
        }
        const q = new URL(req.url ?? '/', 'http://x').searchParams;
        return send(res, 200, annotations.filter((a) => q.getAll('tags').every((t) => a.tags.includes(t))));
      }
      // Remedy (AR System REST API)
      if (url === '/api/jwt/login') return send(res, 200, 'remedy-jwt');
      if (url === '/api/jwt/logout') return send(res, 204, '');
      if (req.method === 'GET' && url.startsWith('/api/arsys/v1/entry/HPD:IncidentInterface?')) {
        return send(res, 200, { entries: url.includes('"INC000000000777"') ? [{ values: { 'Request ID': '000000000000777', 'Incident Number': 'INC000000000777', Status: remedyStatus } }] : [] });
      }
      if (req.method === 'PUT' && url === '/api/arsys/v1/entry/HPD:IncidentInterface/000000000000777') {
        remedyStatus = (body as { values: { Status: string } }).values.Status;
        return send(res, 204, '');
      }
      return send(res, 404, { message: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits, page, annotations,
    remedyStatus: () => remedyStatus,
    failStatuspage: (times: number) => { statuspageDown = times; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const T0 = epochMs(Date.UTC(2026, 11, 5, 14, 0, 0));
const yaml = (url: string) => `
services:
  checkout: { name: Checkout }
status_page:
  name: Example status
  url: https://status.example.com
  components:
    - { id: payments, name: Payments }
    - { id: api, name: Public API }
integrations:
  statuspage:
    auto_updates: true
    component_mapping: true
    page_id: kctbh9vrtdwd
    api_key_env: STATUSPAGE_API_KEY
    api_url: ${url}
    components: { payments: cmppay000001 }
  grafana:
    url: ${url}
    token_env: GRAFANA_TOKEN
    services:
      checkout: { dashboard_uid: checkout-overview, panel_id: 4 }
tickets:
  remedy: { base_url: "${url}", username: ir, password_env: REMEDY_PASSWORD, first_name: Incident, last_name: Response }
`;
const env = { STATUSPAGE_API_KEY: 'sp-key-123456', GRAFANA_TOKEN: 'glsa_token_abcdef', REMEDY_PASSWORD: 'remedy-pw-1' };
const carol = { name: 'carol' };

for (const kind of STORE_KINDS) {
  describe(`incident changes relayed to Statuspage, Grafana and Remedy (${kind})`, () => {
    let db: TestStore;
    let remote: Awaited<ReturnType<typeof saas>>;
    let incidents: IncidentService;
    let relay: IntegrationRelay;
    let now: EpochMs = T0;
    let id: string;
    let build: () => IntegrationRelay;
    before(async () => {
      remote = await saas();
      db = await openTestStore(kind);
      const config = parseConfig(yaml(remote.url), 'incident-response.yaml');
      const clock = { now: () => now };
      incidents = new IncidentService(db.store, clock, config, new PagingService(config, () => `msg_${Math.random()}`));
      build = () => createIntegrationRelay({ config, env, store: db.store, incidents } as Parameters<typeof createIntegrationRelay>[0])!;
      relay = build();
      // The relay starts at the log's head: what happened before it is replayed only within its window.
      await relay.runOnce(now);
    });
    after(async () => {
      await db.cleanup();
      await remote.close();
    });
    const admin = () => new StatusPageAdmin({ service: incidents, store: db.store, clock: { now: () => now }, page: parseConfig(yaml(remote.url), 'x.yaml').statusPage, maintenance: undefined, newId: () => 'mw' }, { name: 'carol', role: 'responder', teams: [] });
    const actions = async () => (await incidents.timeline(id)).flatMap((e) => (e.data.kind === 'action-recorded' ? [`${e.data.action} ${e.data.status}: ${e.data.detail ?? ''}`] : []));

    it('annotates the declaration on the service\'s panel; nothing is on Statuspage before it is published', async () => {
      const declared = await incidents.declare({ severity: 'critical', incidentType: 'outage', environment: 'production', title: 'Card payments failing', service: 'checkout' }, carol);
      id = declared.view.incident.id;
      const pass = await relay.runOnce(now);
      assert.equal(pass.done, 1, JSON.stringify({ pass, actions: await actions(), hits: remote.hits }));
      assert.deepEqual(remote.annotations.map((a) => [a.dashboardUID, a.panelId, a.time, a.tags]), [['checkout-overview', 4, T0, ['incident-response', id, 'declared', 'SEV-1', 'service:checkout']]]);
      assert.equal(remote.annotations[0]!.text, `${id} declared (SEV-1): Card payments failing`);
      assert.equal(remote.page.length, 0);
      assert.deepEqual(await actions(), [`grafana-annotation done: Grafana annotation 1 (declared) on dashboard checkout-overview`]);
    });

    it('publishing opens the statuspage.io incident with the mapped component, and an update moves it', async () => {
      now = epochMs(T0 + 5 * MINUTE);
      await admin().publish(id, { componentIds: ['payments', 'api'], impact: 'major' });
      await incidents.postStatusUpdate(id, 'investigating', 'We are investigating failed card payments.', carol);
      await relay.runOnce(now);
      assert.equal(remote.page.length, 1);
      assert.equal(remote.page[0]!.status, 'investigating');
      assert.deepEqual(remote.page[0]!.components, { cmppay000001: 'partial_outage' });
      assert.equal(remote.page[0]!.incident_updates[0]!.body, 'We are investigating failed card payments.');
      const spHit = remote.hits.find((h) => h.method === 'POST' && h.url.endsWith('/incidents'))!;
      assert.equal(spHit.auth, 'OAuth sp-key-123456');
      assert.match((await actions()).at(-1)!, /^statuspage done: created Statuspage incident sp1 \(investigating\); components without a statuspage.io id \(integrations.statuspage.components\): api$/);
    });

    it('a Statuspage outage is retried on a later pass, and the update arrives once', async () => {
      now = epochMs(T0 + 20 * MINUTE);
      await incidents.postStatusUpdate(id, 'identified', 'A card processor is failing; we are failing over.', carol);
      remote.failStatuspage(1);
      const failed = await relay.runOnce(now);
      assert.equal(failed.retrying, 1);
      assert.equal(remote.page[0]!.status, 'investigating');
      assert.equal((await relay.runOnce(now)).done, 0, 'not due yet: it backs off');
      now = epochMs(now + MINUTE);
      assert.equal((await relay.runOnce(now)).done, 1);
      assert.equal(remote.page[0]!.status, 'identified');
      assert.deepEqual(remote.page[0]!.incident_updates.map((u) => u.status), ['identified', 'investigating']);
    });

    it('mitigation and resolution are annotated; resolution resolves Statuspage (component operational) and the Remedy ticket', async () => {
      // The ticket as "incident-response ticket create --system remedy" links it.
      await db.store.write((tx) => incidents.recordIn(tx, id, carol, now, () => [{ kind: 'ticket-linked', system: 'remedy', key: 'INC000000000777', externalId: '000000000000777', status: 'Assigned' }]));
      now = epochMs(T0 + 40 * MINUTE);
      await incidents.mitigate(id, 'Failed over to the secondary processor', carol);
      now = epochMs(T0 + 60 * MINUTE);
      await incidents.resolve(id, 'Card processor failover completed.', carol);
      await relay.runOnce(now);
      assert.deepEqual(remote.annotations.map((a) => a.tags[2]), ['declared', 'mitigated', 'resolved']);
      assert.equal(remote.annotations[2]!.time, T0 + 60 * MINUTE);
      assert.equal(remote.page.length, 1);
      assert.equal(remote.page[0]!.status, 'resolved');
      assert.deepEqual(remote.page[0]!.components, { cmppay000001: 'operational' });
      assert.equal(remote.remedyStatus(), 'Resolved');
      const put = remote.hits.find((h) => h.method === 'PUT')!;
      assert.deepEqual((put.body as { values: Record<string, string> }).values['Resolution'], `${id} resolved: Card processor failover completed.`);
      assert.ok((await actions()).includes('remedy-ticket-closure done: Remedy ticket INC000000000777 set to Resolved'));
    });

    it('a security incident\'s annotation names its id and severity only, never the title', async () => {
      const declared = await incidents.declare({ severity: 'high', incidentType: 'security', environment: 'production', title: 'Credential stuffing from 203.0.113.7', service: 'checkout' }, carol);
      await relay.runOnce(now);
      const mark = remote.annotations.find((x) => x.tags.includes(declared.view.incident.id))!;
      assert.equal(mark.text, `${declared.view.incident.id} declared (SEV-2)`);
      assert.ok(!JSON.stringify(remote.hits.at(-1)!.body).includes('Credential stuffing'));
    });

    it('a restarted relay replays the log and changes nothing outside', async () => {
      const writes = () => remote.hits.filter((h) => h.method !== 'GET' && !h.url.startsWith('/api/jwt/')).length;
      const before = writes();
      const timeline = (await incidents.timeline(id)).length;
      const pass = await build().runOnce(now);
      assert.equal(pass.done + pass.failed + pass.retrying, 0);
      assert.ok(pass.unchanged >= 5, `replayed ${pass.unchanged}`);
      assert.equal(writes(), before, 'no second incident, annotation or ticket update');
      assert.equal((await incidents.timeline(id)).length, timeline, 'nothing new on the timeline');
    });
  });
}
