import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { PublicIncident } from '../../../domain/status-page/index.js';
import { epochMs } from '../../../domain/time/index.js';
import { AddressGuard } from '../../outbound-net/index.js';
import { planStatuspageIncident, StatuspageClient } from './index.js';

// A local statuspage.io: REST API v1 incidents (list, create, update) on one page, keeping the
// incident objects as Statuspage returns them (id, name, status, impact, metadata, incident_updates
// newest first, components), and refusing any key but the page's.

const PAGE = 'kctbh9vrtdwd';
const KEY = 'statuspage-api-key-0123456789';

interface Remote { id: string; name: string; status: string; impact: string; metadata: Record<string, unknown>; incident_updates: { id: string; status: string; body: string }[]; components: { id: string; status: string }[] }

async function localStatuspage() {
  const incidents: Remote[] = [];
  const seen: { method: string; url: string; body: unknown; auth: string | undefined }[] = [];
  let override: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
  const send = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
    req.on('end', () => {
      const body = raw === '' ? undefined : JSON.parse(raw) as { incident: Record<string, unknown> };
      seen.push({ method: req.method ?? '', url: req.url ?? '', body, auth: req.headers['authorization'] });
      if (override?.(req, res)) return;
      if (req.headers['authorization'] !== `OAuth ${KEY}`) return send(res, 401, { error: 'Could not authenticate' });
      const base = `/v1/pages/${PAGE}/incidents`;
      if (req.method === 'GET' && req.url === `${base}?limit=100`) return send(res, 200, [...incidents].reverse());
      const apply = (target: Remote, i: Record<string, unknown>) => {
        if (typeof i['name'] === 'string') target.name = i['name'];
        if (typeof i['status'] === 'string') target.status = i['status'];
        if (typeof i['impact_override'] === 'string') target.impact = i['impact_override'];
        if (i['metadata'] !== undefined) target.metadata = i['metadata'] as Record<string, unknown>;
        if (i['components'] !== undefined) target.components = Object.entries(i['components'] as Record<string, string>).map(([id, status]) => ({ id, status }));
        if (typeof i['body'] === 'string') target.incident_updates.unshift({ id: `upd${target.incident_updates.length + 1}`, status: target.status, body: i['body'] });
      };
      if (req.method === 'POST' && req.url === base) {
        const i = body?.incident;
        if (i === undefined || typeof i['name'] !== 'string' || i['name'] === '') return send(res, 422, { error: "Name can't be blank" });
        const created: Remote = { id: `inc${incidents.length + 1}x9`, name: '', status: '', impact: 'none', metadata: {}, incident_updates: [], components: [] };
        apply(created, i);
        incidents.push(created);
        return send(res, 201, created);
      }
      const m = /^\/v1\/pages\/[^/]+\/incidents\/([^/?]+)$/.exec(req.url ?? '');
      const target = incidents.find((x) => x.id === m?.[1]);
      if (req.method === 'PATCH' && target !== undefined && body?.incident) {
        apply(target, body.incident);
        return send(res, 200, target);
      }
      return send(res, 404, { error: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, incidents, seen,
    override: (f: typeof override) => { override = f; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const at = (iso: string) => epochMs(Date.parse(iso));
function publicIncident(over: Partial<PublicIncident> = {}): PublicIncident {
  return {
    id: 'INC-2026-1205-004', title: 'Card payments failing', status: 'investigating', impact: 'major', componentIds: ['payments', 'api'],
    startedAt: at('2026-12-05T14:00:00Z'), createdAt: at('2026-12-05T14:05:00Z'), updatedAt: at('2026-12-05T14:05:00Z'),
    monitoringAt: undefined, resolvedAt: undefined, nextUpdateAt: undefined,
    updates: [{ at: at('2026-12-05T14:05:00Z'), status: 'investigating', body: 'We are investigating failed card payments.' }],
    ...over,
  };
}
const MAP = { payments: 'cmp_payments01', api: 'cmp_api000002' };

describe('Statuspage (statuspage.io REST API v1)', () => {
  let page: Awaited<ReturnType<typeof localStatuspage>>;
  let client: StatuspageClient;
  before(async () => {
    page = await localStatuspage();
    client = new StatuspageClient({ apiUrl: page.url, pageId: PAGE, apiKey: KEY }, new AddressGuard([], 'integrations.statuspage.allow_private_addresses', [page.url]));
  });
  after(async () => { await page.close(); });
  beforeEach(() => { page.incidents.length = 0; page.seen.length = 0; page.override(undefined); });

  it('creates the incident with status, body, impact, mapped component statuses and our id in its metadata', async () => {
    const plan = planStatuspageIncident(publicIncident({ componentIds: ['payments', 'api', 'search'] }), MAP);
    assert.deepEqual(plan.unmapped, ['search']);
    const out = await client.sync(plan);
    assert.deepEqual(out, { kind: 'created', statuspageId: 'inc1x9', detail: 'created Statuspage incident inc1x9 (investigating)' });
    const post = page.seen.find((s) => s.method === 'POST')!;
    assert.equal(post.auth, `OAuth ${KEY}`);
    assert.deepEqual(post.body, {
      incident: {
        name: 'Card payments failing', status: 'investigating', body: 'We are investigating failed card payments.', impact_override: 'major',
        components: { cmp_payments01: 'partial_outage', cmp_api000002: 'partial_outage' }, component_ids: ['cmp_payments01', 'cmp_api000002'],
        metadata: { incident_response: { incident_id: 'INC-2026-1205-004', revision: String(at('2026-12-05T14:05:00Z')) } }, deliver_notifications: true,
      },
    });
  });

  it('updates and resolves the same incident, components back to operational; repeating a sync changes nothing', async () => {
    await client.sync(planStatuspageIncident(publicIncident(), MAP));
    const identified = publicIncident({
      status: 'identified', updatedAt: at('2026-12-05T14:20:00Z'),
      updates: [{ at: at('2026-12-05T14:20:00Z'), status: 'identified', body: 'A card processor is failing; we are failing over.' }, ...publicIncident().updates],
    });
    assert.equal((await client.sync(planStatuspageIncident(identified, MAP))).kind, 'updated');
    page.seen.length = 0;
    assert.equal((await client.sync(planStatuspageIncident(identified, MAP))).kind, 'unchanged');
    assert.deepEqual(page.seen.map((s) => s.method), ['GET'], 'a repeated sync only reads');
    const resolved = publicIncident({
      status: 'resolved', updatedAt: at('2026-12-05T15:00:00Z'), resolvedAt: at('2026-12-05T15:00:00Z'),
      updates: [{ at: at('2026-12-05T15:00:00Z'), status: 'resolved', body: 'This incident has been resolved.' }, ...identified.updates],
    });
    assert.deepEqual(await client.sync(planStatuspageIncident(resolved, MAP)), { kind: 'updated', statuspageId: 'inc1x9', detail: 'updated Statuspage incident inc1x9 (resolved)' });
    assert.equal(page.incidents.length, 1);
    const remote = page.incidents[0]!;
    assert.equal(remote.status, 'resolved');
    assert.deepEqual(remote.components, [{ id: 'cmp_payments01', status: 'operational' }, { id: 'cmp_api000002', status: 'operational' }]);
    assert.deepEqual(remote.incident_updates.map((u) => u.status), ['resolved', 'identified', 'investigating']);
    // An older plan delivered late (a retry after a newer one) does not roll the page back.
    assert.equal((await client.sync(planStatuspageIncident(identified, MAP))).kind, 'unchanged');
    assert.equal(remote.status, 'resolved');
  });

  it('a retried create whose answer was lost finds the incident by its metadata instead of opening a second', async () => {
    let dropped = false;
    page.override((req, res) => {
      if (req.method !== 'POST' || dropped) return false;
      dropped = true;
      // Statuspage created it, but the answer never arrived.
      page.incidents.push({ id: 'inc1x9', name: 'Card payments failing', status: 'investigating', impact: 'major', metadata: { incident_response: { incident_id: 'INC-2026-1205-004', revision: '1' } }, incident_updates: [{ id: 'u1', status: 'investigating', body: 'We are investigating failed card payments.' }], components: [] });
      res.destroy();
      return true;
    });
    const first = await client.sync(planStatuspageIncident(publicIncident(), MAP));
    assert.equal(first.kind, 'retry');
    const second = await client.sync(planStatuspageIncident(publicIncident(), MAP));
    assert.equal(second.kind, 'updated');
    assert.equal(page.incidents.length, 1);
    assert.equal(page.incidents[0]!.incident_updates.length, 1, 'the same status and text are not posted twice');
  });

  it('a resolution of an incident never published there does nothing', async () => {
    assert.equal((await client.sync(planStatuspageIncident(publicIncident({ status: 'resolved' }), MAP))).kind, 'unchanged');
    assert.equal(page.incidents.length, 0);
  });

  it('401 fails (naming the key setting, never the key); 5xx and 420 are retried; 422 fails with Statuspage\'s reason', async () => {
    const bad = new StatuspageClient({ apiUrl: page.url, pageId: PAGE, apiKey: 'wrong-key-123456' }, new AddressGuard([], 'x', [page.url]));
    const denied = await bad.sync(planStatuspageIncident(publicIncident(), MAP));
    assert.deepEqual(denied, { kind: 'failed', reason: 'Statuspage answered 401 Unauthorized: Could not authenticate (check the API key in integrations.statuspage.api_key_env)' });
    for (const status of [500, 503, 420, 429]) {
      page.override((_req, res) => { res.writeHead(status, { 'content-type': 'application/json' }).end('{"error":"try later"}'); return true; });
      assert.equal((await client.sync(planStatuspageIncident(publicIncident(), MAP))).kind, 'retry', String(status));
    }
    page.override(undefined);
    const unnamed = await client.sync(planStatuspageIncident(publicIncident({ title: '' }), MAP));
    assert.deepEqual(unnamed, { kind: 'failed', reason: "Statuspage answered 422 Unprocessable Entity: Name can't be blank" });
  });
});
