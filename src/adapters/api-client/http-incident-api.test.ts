import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AppError } from '../../domain/errors/index.js';
import { epochMs } from '../../domain/time/index.js';
import { sampleIncidentDto, sampleOutcome, sampleTimelineEntry } from '../../../test/support/incident-dto-fixture.js';
import { HttpIncidentApi } from './index.js';

interface Recorded { method: string; url: string; headers: IncomingMessage['headers']; body: string }
interface Answer { status: number; json?: unknown; text?: string; headers?: Record<string, string>; hang?: boolean }

const TOKEN = 'irt_s3cr3t-token-value-0123456789';
const ID = 'INC-2026-1128-001';

/** A local server speaking the documented shapes of docs/api.md; each test may override the answer. */
function documentedAnswer(method: string, path: string): Answer {
  if (method === 'POST' && path === '/api/v1/incidents') return { status: 201, json: sampleOutcome() };
  if (method === 'GET' && path === '/api/v1/incidents') return { status: 200, json: { items: [sampleIncidentDto()], nextCursor: 'abc' } };
  if (method === 'GET' && path === `/api/v1/incidents/${ID}`) return { status: 200, json: sampleIncidentDto() };
  if (method === 'GET' && path === `/api/v1/incidents/${ID}/timeline`) return { status: 200, json: { items: [sampleTimelineEntry()] } };
  if (method === 'GET' && path === '/api/v1/audit/verify') return { status: 200, json: { ok: true, count: 3, headSeq: 3 } };
  if (method === 'POST' && path.startsWith(`/api/v1/incidents/${ID}/`)) return { status: 200, json: sampleOutcome({ status: 'acknowledged' }) };
  return { status: 404, json: { error: { code: 'NOT_FOUND', message: `No incident ${path}.`, details: [] } } };
}

describe('HttpIncidentApi against a local HTTP server', () => {
  let server: Server;
  let base: string;
  let requests: Recorded[];
  let override: ((r: Recorded) => Answer | undefined) | undefined;

  before(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        requests.push(r);
        const answer = override?.(r) ?? documentedAnswer(r.method, new URL(r.url, 'http://x').pathname);
        if (answer.hang) return; // never answers: the client's timeout must fire
        res.writeHead(answer.status, { 'content-type': answer.json === undefined ? 'text/html' : 'application/json', ...answer.headers });
        res.end(answer.json === undefined ? (answer.text ?? '') : JSON.stringify(answer.json));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    requests = [];
    override = undefined;
  });

  const api = (extra: Partial<ConstructorParameters<typeof HttpIncidentApi>[0]> = {}) => new HttpIncidentApi({ baseUrl: base, token: TOKEN, ...extra });
  const last = () => {
    const r = requests.at(-1);
    assert.ok(r, 'no request reached the server');
    return r;
  };
  const neverLeaks = (e: unknown) => {
    assert.ok(e instanceof AppError, `expected an AppError, got ${String(e)}`);
    const all = [e.message, e.hint ?? '', ...e.issues.map((i) => `${i.path} ${i.message}`)].join('\n');
    assert.ok(!all.includes(TOKEN), `token leaked: ${all}`);
    return e;
  };

  it('declares with POST /api/v1/incidents, the bearer token and a strict JSON body', async () => {
    const outcome = await api().declare({
      severity: 'critical', incidentType: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout',
      impactStartedAt: epochMs(Date.parse('2026-11-28T14:20:00Z')),
    });
    assert.equal('incident' in outcome ? outcome.incident.id : outcome.receipt.id, ID);
    const r = last();
    assert.equal(r.method, 'POST');
    assert.equal(r.url, '/api/v1/incidents');
    assert.equal(r.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.headers.accept, 'application/json');
    assert.deepEqual(JSON.parse(r.body), {
      severity: 'critical', type: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout',
      impactStartedAt: '2026-11-28T14:20:00.000Z',
    });
  });

  it('leaves optional fields out of the body instead of sending null', async () => {
    await api().declare({ severity: 'low', incidentType: 'data', environment: 'staging' });
    assert.deepEqual(JSON.parse(last().body), { severity: 'low', type: 'data', environment: 'staging' });
    await api().mitigate(ID);
    assert.deepEqual(JSON.parse(last().body), {});
  });

  it('calls each documented route with its method, path and body', async () => {
    const a = api();
    const cases: [() => Promise<unknown>, string, string, unknown][] = [
      [() => a.acknowledge(ID), 'POST', `/api/v1/incidents/${ID}/acknowledge`, {}],
      [() => a.mitigate(ID, 'rolled back'), 'POST', `/api/v1/incidents/${ID}/mitigate`, { note: 'rolled back' }],
      [() => a.postStatusUpdate(ID, 'identified', 'bad deploy'), 'POST', `/api/v1/incidents/${ID}/status-updates`, { status: 'identified', message: 'bad deploy' }],
      [() => a.assignRole(ID, 'commander', 'cam'), 'POST', `/api/v1/incidents/${ID}/roles`, { role: 'commander', person: 'cam' }],
      [() => a.setStep(ID, 'confirm-scope', true), 'POST', `/api/v1/incidents/${ID}/steps/confirm-scope`, { done: true }],
      [() => a.changeSeverity(ID, 'high', 'contained'), 'POST', `/api/v1/incidents/${ID}/severity`, { severity: 'high', reason: 'contained' }],
      [() => a.changeType(ID, 'security'), 'POST', `/api/v1/incidents/${ID}/type`, { type: 'security' }],
      [() => a.resolve(ID, 'fixed'), 'POST', `/api/v1/incidents/${ID}/resolve`, { summary: 'fixed' }],
      [() => a.reopen(ID), 'POST', `/api/v1/incidents/${ID}/reopen`, {}],
      [() => a.close(ID), 'POST', `/api/v1/incidents/${ID}/close`, {}],
      [() => a.addNote(ID, 'a & b'), 'POST', `/api/v1/incidents/${ID}/notes`, { text: 'a & b' }],
      [() => a.get(ID), 'GET', `/api/v1/incidents/${ID}`, undefined],
      [() => a.timeline(ID), 'GET', `/api/v1/incidents/${ID}/timeline`, undefined],
      [() => a.verifyAudit(), 'GET', '/api/v1/audit/verify', undefined],
    ];
    for (const [call, method, path, body] of cases) {
      await call();
      const r = last();
      assert.equal(`${r.method} ${r.url}`, `${method} ${path}`);
      assert.equal(r.headers.authorization, `Bearer ${TOKEN}`);
      if (body === undefined) assert.equal(r.body, '');
      else assert.deepEqual(JSON.parse(r.body), body);
    }
  });

  it('returns DTOs as the server sent them', async () => {
    assert.deepEqual(await api().get(ID), sampleIncidentDto());
    assert.deepEqual(await api().timeline(ID), [sampleTimelineEntry()]);
    assert.deepEqual(await api().verifyAudit(), { ok: true, count: 3, headSeq: 3 });
  });

  it('lists with comma lists, since as ISO-8601 and limit, and returns the first page only', async () => {
    const items = await api().list({
      statuses: ['triggered', 'acknowledged'], severities: ['critical', 'high'], types: ['outage'], environments: ['production'],
      service: 'checkout api', since: epochMs(Date.parse('2026-11-01T00:00:00Z')), limit: 20,
      hiddenTypes: ['security'], after: { declaredAt: epochMs(0), id: 'INC-2026-1101-001' },
    });
    assert.deepEqual(items.map((i) => i.id), [ID]);
    assert.equal(requests.length, 1, 'nextCursor is not followed');
    const r = last();
    assert.equal(r.url, '/api/v1/incidents?status=triggered,acknowledged&severity=critical,high&type=outage&environment=production'
      + '&service=checkout%20api&since=2026-11-01T00%3A00%3A00.000Z&limit=20');
    const q = new URL(r.url, 'http://x').searchParams;
    assert.equal(q.get('since'), '2026-11-01T00:00:00.000Z');
    assert.equal(q.get('service'), 'checkout api');
  });

  it('sends no query string for an empty filter', async () => {
    await api().list({});
    assert.equal(last().url, '/api/v1/incidents');
  });

  it('encodes ids and step keys as one path segment', async () => {
    await assert.rejects(api().get('INC/../../x?y'));
    assert.equal(last().url, '/api/v1/incidents/INC%2F..%2F..%2Fx%3Fy');
  });

  it('accepts a base URL with a trailing slash, /api/v1, or a path prefix', async () => {
    await new HttpIncidentApi({ baseUrl: `${base}/`, token: TOKEN }).get(ID);
    assert.equal(last().url, `/api/v1/incidents/${ID}`);
    await new HttpIncidentApi({ baseUrl: `${base}/api/v1/`, token: TOKEN }).get(ID);
    assert.equal(last().url, `/api/v1/incidents/${ID}`);
    override = () => ({ status: 200, json: sampleIncidentDto() });
    await new HttpIncidentApi({ baseUrl: `${base}/ir`, token: TOKEN }).get(ID);
    assert.equal(last().url, `/ir/api/v1/incidents/${ID}`);
  });

  it('turns the error envelope into the same AppError the local CLI throws', async () => {
    override = () => ({
      status: 400,
      json: { error: { code: 'VALIDATION', message: "unknown severity 'critcal' — did you mean 'critical'? (critical, high, medium, low)", details: [{ path: 'severity', message: "unknown severity 'critcal'" }] } },
    });
    await assert.rejects(api().declare({ severity: 'critical', incidentType: 'outage', environment: 'production' }), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'VALIDATION');
      assert.equal(e.message, "unknown severity 'critcal' — did you mean 'critical'? (critical, high, medium, low)");
      assert.deepEqual(e.issues, [{ path: 'severity', message: "unknown severity 'critcal'" }]);
      return true;
    });
  });

  it('keeps codes and messages of invalid transitions and not-found answers', async () => {
    const message = `Cannot acknowledge ${ID}: it is already resolved. Reopen it with "incident-response reopen ${ID}".`;
    override = () => ({ status: 409, json: { error: { code: 'INVALID_TRANSITION', message, details: null } } });
    await assert.rejects(api().acknowledge(ID), { code: 'INVALID_TRANSITION', message, issues: [] });
    override = undefined;
    await assert.rejects(api().get('INC-2026-1128-999'), { code: 'NOT_FOUND' });
  });

  it('answers 401 with UNAUTHENTICATED and a hint to set IR_TOKEN', async () => {
    override = () => ({ status: 401, json: { error: { code: 'UNAUTHENTICATED', message: 'no API token', details: [] } } });
    await assert.rejects(new HttpIncidentApi({ baseUrl: base, token: undefined }).get(ID), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'UNAUTHENTICATED');
      assert.match(e.hint ?? '', /Set IR_TOKEN/);
      return true;
    });
    assert.equal(last().headers.authorization, undefined, 'no Authorization header without a token');
    await assert.rejects(api().get(ID), (e: unknown) => neverLeaks(e).code === 'UNAUTHENTICATED' && /IR_TOKEN/.test(neverLeaks(e).hint ?? ''));
  });

  it('never repeats the token, even when the server echoes it', async () => {
    override = (r) => ({
      status: 401,
      json: { error: { code: 'UNAUTHENTICATED', message: `token ${String(r.headers.authorization)} is revoked`, details: [{ path: 'authorization', message: TOKEN }] } },
    });
    await assert.rejects(api().get(ID), (e: unknown) => {
      neverLeaks(e);
      assert.equal((e as AppError).message, 'token Bearer [redacted] is revoked');
      return true;
    });
  });

  it('maps answers that are not our envelope by status', async () => {
    override = () => ({ status: 502, text: '<html>Bad Gateway</html>' });
    await assert.rejects(api().get(ID), { code: 'STORE_UNAVAILABLE', message: `the server at ${base} answered 502 to GET /api/v1/incidents/${ID}` });
    override = () => ({ status: 429, text: 'slow down', headers: { 'retry-after': '30' } });
    await assert.rejects(api().get(ID), { code: 'RATE_LIMITED', hint: 'Retry in 30 seconds.' });
    override = () => ({ status: 404, text: 'Not Found' });
    await assert.rejects(api().get(ID), (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND' && /incident-response server/.test(e.hint ?? ''));
    override = () => ({ status: 500, json: { error: { code: 'NO_SUCH_CODE', message: 'x' } } });
    await assert.rejects(api().get(ID), { code: 'INTERNAL' });
  });

  it('rejects a success answer that is not JSON or not the documented shape', async () => {
    override = () => ({ status: 200, text: '<html>login</html>' });
    await assert.rejects(api().get(ID), { code: 'INTERNAL', message: `the server at ${base} answered GET /api/v1/incidents/${ID} with something that is not JSON` });
    override = () => ({ status: 200, json: { hello: 'world' } });
    await assert.rejects(api().list({}), { code: 'INTERNAL', message: `the server at ${base} answered GET /api/v1/incidents with JSON of an unexpected shape` });
  });

  it('does not follow redirects, so the token is never sent elsewhere', async () => {
    override = (r) => (r.url.startsWith('/elsewhere') ? { status: 200, json: sampleIncidentDto() } : { status: 301, headers: { location: `${base}/elsewhere` } });
    await assert.rejects(api().get(ID), (e: unknown) => neverLeaks(e).code === 'STORE_UNAVAILABLE' && neverLeaks(e).message.includes('redirect'));
    assert.equal(requests.length, 1);
  });

  it('gives up after the timeout with STORE_UNAVAILABLE', async () => {
    override = () => ({ status: 200, hang: true });
    const started = performance.now();
    await assert.rejects(api({ timeoutMs: 150 }).get(ID), (e: unknown) => {
      neverLeaks(e);
      assert.equal((e as AppError).code, 'STORE_UNAVAILABLE');
      assert.equal((e as AppError).message, `cannot reach the server at ${base}: no answer within 150 ms`);
      return true;
    });
    assert.ok(performance.now() - started < 5000);
  });

  it('reports a server that is not listening as unreachable, naming the origin only', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(new HttpIncidentApi({ baseUrl: `http://127.0.0.1:${port}/some/prefix`, token: TOKEN }).get(ID), (e: unknown) => {
      neverLeaks(e);
      assert.equal((e as AppError).code, 'STORE_UNAVAILABLE');
      assert.equal((e as AppError).message, `cannot reach the server at http://127.0.0.1:${port}: connection refused (ECONNREFUSED)`);
      return true;
    });
  });

  it('uses an injected fetch', async () => {
    const seen: string[] = [];
    const fake: typeof fetch = async (input, init) => {
      seen.push(`${init?.method} ${String(input)}`);
      return new Response(JSON.stringify(sampleIncidentDto()), { status: 200 });
    };
    await new HttpIncidentApi({ baseUrl: 'https://ir.example.com', token: TOKEN, fetch: fake }).get(ID);
    assert.deepEqual(seen, [`GET https://ir.example.com/api/v1/incidents/${ID}`]);
  });
});

describe('HttpIncidentApi configuration', () => {
  const make = (baseUrl: string, token: string | undefined = TOKEN) => () => new HttpIncidentApi({ baseUrl, token });

  it('accepts http and https only', () => {
    assert.throws(make('ftp://ir.example.com'), { code: 'VALIDATION', message: 'the server URL must start with http:// or https://, not ftp://' });
    assert.throws(make('file:///etc/passwd'), { code: 'VALIDATION' });
    assert.throws(make('ir.example.com'), { code: 'VALIDATION', message: "'ir.example.com' is not a URL; expected e.g. https://incidents.example.com" });
    make('https://ir.example.com')();
    make('http://127.0.0.1:8080')();
  });

  it('refuses credentials in the URL without repeating them', () => {
    assert.throws(make('https://admin:hunter22@ir.example.com'), (e: unknown) =>
      e instanceof AppError && e.code === 'VALIDATION' && !e.message.includes('hunter22') && /IR_TOKEN/.test(e.message));
    assert.throws(make('https://admin@ir.example.com'), { code: 'VALIDATION' });
  });

  it('refuses a query or fragment', () => {
    assert.throws(make('https://ir.example.com/?token=x'), { code: 'VALIDATION' });
    assert.throws(make('https://ir.example.com/#x'), { code: 'VALIDATION' });
  });

  it('refuses a token that cannot be a header value, without repeating it', () => {
    assert.throws(make('https://ir.example.com', 'abc def\nsecret-part'), (e: unknown) =>
      e instanceof AppError && e.code === 'VALIDATION' && !e.message.includes('secret-part'));
  });

  it('treats an empty token as none', async () => {
    let auth: string | null = 'unset';
    const fake: typeof fetch = async (_input, init) => {
      auth = new Headers(init?.headers).get('authorization');
      return new Response(JSON.stringify({ items: [], nextCursor: null }), { status: 200 });
    };
    await new HttpIncidentApi({ baseUrl: 'https://ir.example.com', token: '  ', fetch: fake }).list({});
    assert.equal(auth, null);
  });
});
