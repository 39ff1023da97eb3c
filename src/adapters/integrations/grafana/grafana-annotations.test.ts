import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AddressGuard } from '../../outbound-net/index.js';
import { buildTelemetryLinks, GrafanaAnnotations } from './index.js';

// A local Grafana HTTP API: POST /api/annotations ({ message: "Annotation added", id }) and
// GET /api/annotations filtered by type, dashboardUID and tags (every tag must match, as Grafana
// does without matchAny), behind a service-account Bearer token.

const TOKEN = 'glsa_localtestserviceaccounttoken_0a1b2c3d';

interface Stored { id: number; dashboardUID?: string; panelId?: number; time: number; tags: string[]; text: string }

async function localGrafana() {
  const annotations: Stored[] = [];
  const seen: { method: string; url: string; body: unknown }[] = [];
  let failWith: number | undefined;
  const send = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
    req.on('end', () => {
      const body = raw === '' ? undefined : JSON.parse(raw) as Record<string, unknown>;
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      if (failWith !== undefined) return send(res, failWith, { message: 'Internal error' });
      if (req.headers['authorization'] !== `Bearer ${TOKEN}`) return send(res, 401, { message: 'invalid API key' });
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== '/api/annotations') return send(res, 404, { message: 'Not found' });
      if (req.method === 'POST') {
        if (typeof body?.['time'] !== 'number' || typeof body['text'] !== 'string') return send(res, 400, { message: 'bad request data' });
        const id = annotations.length + 1;
        annotations.push({ id, ...(body as Omit<Stored, 'id'>) });
        return send(res, 200, { message: 'Annotation added', id });
      }
      const tags = url.searchParams.getAll('tags');
      const dash = url.searchParams.get('dashboardUID');
      const found = annotations.filter((a) => tags.every((t) => a.tags.includes(t)) && (dash === null || a.dashboardUID === dash));
      return send(res, 200, found.slice(0, Number(url.searchParams.get('limit') ?? 100)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, annotations, seen,
    fail: (status: number | undefined) => { failWith = status; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

describe('Grafana annotations', () => {
  let grafana: Awaited<ReturnType<typeof localGrafana>>;
  const client = (token = TOKEN) => new GrafanaAnnotations({ url: grafana.url, token }, new AddressGuard([], 'integrations.grafana.allow_private_addresses', [grafana.url]));
  before(async () => { grafana = await localGrafana(); });
  after(async () => { await grafana.close(); });
  beforeEach(() => { grafana.annotations.length = 0; grafana.seen.length = 0; grafana.fail(undefined); });

  it('marks declaration, mitigation and resolution on the service\'s panel, tagged with the incident, once each', async () => {
    const base = { incidentId: 'INC-2026-1205-004', dashboardUid: 'checkout-overview', panelId: 4, tags: ['service:checkout', 'SEV-1'] };
    assert.deepEqual(await client().annotate({ ...base, moment: 'declared', at: 1_764_943_200_000, text: 'INC-2026-1205-004 declared: Card payments failing' }), { kind: 'added', annotationId: 1 });
    assert.deepEqual(grafana.seen.at(-1)!.body, {
      dashboardUID: 'checkout-overview', panelId: 4, time: 1_764_943_200_000,
      tags: ['incident-response', 'INC-2026-1205-004', 'declared', 'service:checkout', 'SEV-1'], text: 'INC-2026-1205-004 declared: Card payments failing',
    });
    assert.deepEqual(await client().annotate({ ...base, moment: 'declared', at: 1_764_943_200_000, text: 'again' }), { kind: 'unchanged', annotationId: 1 });
    assert.equal((await client().annotate({ ...base, moment: 'mitigated', at: 1_764_944_400_000, text: 'mitigated' })).kind, 'added');
    assert.equal((await client().annotate({ ...base, moment: 'resolved', at: 1_764_946_800_000, text: 'resolved' })).kind, 'added');
    assert.deepEqual(grafana.annotations.map((a) => a.tags[2]), ['declared', 'mitigated', 'resolved']);
    const lookup = new URL(grafana.seen[0]!.url, 'http://x');
    assert.deepEqual(lookup.searchParams.getAll('tags'), ['incident-response', 'INC-2026-1205-004', 'declared']);
  });

  it('401 fails naming the token setting (never the token); 5xx is retried', async () => {
    const denied = await client('glsa_wrong_token_value').annotate({ incidentId: 'INC-1', moment: 'declared', at: 1, text: 't' });
    assert.deepEqual(denied, { kind: 'failed', reason: 'Grafana answered 401 Unauthorized: invalid API key (check the service account token in integrations.grafana.token_env)' });
    grafana.fail(503);
    assert.equal((await client().annotate({ incidentId: 'INC-1', moment: 'declared', at: 1, text: 't' })).kind, 'retry');
  });
});

describe('dashboard and trace links for an incident window', () => {
  it('builds the dashboard panel, Jaeger (microseconds) and Tempo Explore links', () => {
    const from = Date.parse('2026-12-05T14:00:00Z');
    const to = Date.parse('2026-12-05T15:00:00Z');
    const links = buildTelemetryLinks('checkout', {
      grafana: { url: 'https://grafana.example.com', dashboardUid: 'checkout-overview', panelId: 4 },
      jaeger: { url: 'https://jaeger.example.com', service: 'checkout-api' },
      tempo: { grafanaUrl: 'https://grafana.example.com', datasourceUid: 'tempo-prod', service: 'checkout-api' },
    }, { fromMs: from, toMs: to });
    assert.deepEqual(links.map((l) => l.label), ['checkout dashboard (panel 4)', 'checkout traces (Jaeger)', 'checkout traces (Tempo)']);
    assert.equal(links[0]!.href, `https://grafana.example.com/d/checkout-overview?from=${from}&to=${to}&viewPanel=4`);
    assert.equal(links[1]!.href, `https://jaeger.example.com/search?service=checkout-api&start=${from * 1000}&end=${to * 1000}&limit=20&lookback=custom`);
    const left = JSON.parse(new URL(links[2]!.href).searchParams.get('left')!) as { queries: { query: string }[]; range: { from: string; to: string } };
    assert.equal(left.queries[0]!.query, '{resource.service.name="checkout-api"}');
    assert.deepEqual(left.range, { from: String(from), to: String(to) });
  });
});
