import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { TicketRequest } from '../../app/ports/index.js';
import { startConnectionRecorder, startRedirector, type ConnectionRecorder } from '../../../test/support/outbound-servers.js';
import { isAppError } from '../../domain/errors/index.js';
import { AddressGuard } from '../outbound-net/index.js';
import { createTicketGateway } from './index.js';
import { WebhookTickets } from './webhook-tickets.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  raw: string;
}

/** A local HTTP server answering with whatever `answer` decides; every request is kept. */
async function fakeServer(): Promise<{ url: string; seen: Seen[]; answer: (req: Seen, res: ServerResponse) => void; close(): Promise<void>; set(a: (req: Seen, res: ServerResponse) => void): void }> {
  const seen: Seen[] = [];
  let answer: (req: Seen, res: ServerResponse) => void = (_req, res) => res.writeHead(500).end();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
    req.on('end', () => {
      const s: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: raw === '' ? undefined : JSON.parse(raw), raw };
      seen.push(s);
      answer(s, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    get answer() { return answer; },
    set: (a) => { answer = a; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

const TOKEN = 'jira-secret-token-123';
const PASSWORD = 'snow-password-456';
const WHSEC = `whsec_${Buffer.from('a-very-secret-key').toString('base64')}`;
const env = { JIRA_API_TOKEN: TOKEN, SNOW_PASSWORD: PASSWORD, ITSM_SECRET: WHSEC };
const REQUEST: TicketRequest = {
  incidentId: 'INC-2026-1128-001', severity: 'critical', environment: 'production', service: 'checkout',
  summary: 'INC-2026-1128-001-A1: Add pool monitoring', description: ['Action item of INC-2026-1128-001', 'Impact: all users'],
  priority: 'critical', actionItemRef: 'INC-2026-1128-001-A1', owner: 'alice', dueOn: '2026-12-05',
};

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; hint: string | undefined }> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message, hint: e.hint };
    throw e;
  }
  throw new Error('expected a failure');
}

describe('tickets over HTTP', () => {
  let server: Awaited<ReturnType<typeof fakeServer>>;
  before(async () => { server = await fakeServer(); });
  after(async () => { await server.close(); });
  beforeEach(() => { server.seen.length = 0; });

  const jira = () => createTicketGateway({
    jira: { baseUrl: server.url, projectKey: 'INC', issueType: 'Task', email: 'bot@example.com', apiTokenEnv: 'JIRA_API_TOKEN', priorities: { critical: 'Highest', high: 'High', medium: 'Medium', low: 'Low' }, doneStatuses: ['done'], autoCreateFor: [] },
  }, env, () => 1_790_000_000_000);

  it('creates a Jira issue with project key, issue type, mapped priority and an ADF description, then reads its status', async () => {
    server.set((req, res) => {
      if (req.method === 'POST' && req.url === '/rest/api/3/issue') return json(res, 201, { id: '10001', key: 'INC-12', self: `${server.url}/rest/api/3/issue/10001` });
      if (req.method === 'GET' && req.url === '/rest/api/3/issue/INC-12?fields=status') {
        return json(res, 200, { id: '10001', key: 'INC-12', fields: { status: { name: 'To Do', statusCategory: { key: 'new', name: 'To Do' } } } });
      }
      return json(res, 404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
    });
    const created = await jira().create('jira', REQUEST);
    assert.deepEqual(created, { key: 'INC-12', externalId: '10001', url: `${server.url}/browse/INC-12`, status: 'To Do' });
    const post = server.seen[0]!;
    assert.equal(post.headers['authorization'], `Basic ${Buffer.from(`bot@example.com:${TOKEN}`).toString('base64')}`);
    assert.equal(post.headers['content-type'], 'application/json');
    const fields = (post.body as { fields: Record<string, unknown> }).fields;
    assert.deepEqual(fields['project'], { key: 'INC' });
    assert.deepEqual(fields['issuetype'], { name: 'Task' });
    assert.deepEqual(fields['priority'], { name: 'Highest' });
    assert.equal(fields['summary'], REQUEST.summary);
    assert.equal(fields['duedate'], '2026-12-05');
    assert.deepEqual(fields['description'], {
      type: 'doc', version: 1,
      content: REQUEST.description.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
    });

    server.set((_req, res) => json(res, 200, { key: 'INC-12', fields: { status: { name: 'Done', statusCategory: { key: 'done' } } } }));
    assert.deepEqual(await jira().readStatus('jira', { key: 'INC-12' }), { status: 'Done', isDone: true });
  });

  it('reports Jira errors clearly and never prints the token', async () => {
    const table: [string, (res: ServerResponse) => void, string, RegExp][] = [
      ['401', (res) => res.writeHead(401, { 'content-type': 'text/plain' }).end(`Unauthorized; token ${TOKEN} rejected`), 'UPSTREAM_FAILED', /^Jira answered 401 Unauthorized: Unauthorized; token \[redacted\] rejected$/],
      ['400', (res) => json(res, 400, { errorMessages: ['Field errors'], errors: { priority: "Priority name 'Highest' is not valid", summary: 'You must specify a summary of the issue.' } }), 'UPSTREAM_FAILED',
        /^Jira answered 400 Bad Request: Field errors; priority: Priority name 'Highest' is not valid; summary: You must specify a summary of the issue\.$/],
      ['429', (res) => json(res, 429, { errorMessages: ['Rate limit exceeded.'] }, { 'retry-after': '30' }), 'RATE_LIMITED', /^Jira answered 429 Too Many Requests: Rate limit exceeded\. Retry after 30 s\.$/],
      ['500', (res) => json(res, 500, { errorMessages: ['Internal server error'] }), 'UPSTREAM_FAILED', /^Jira answered 500 Internal Server Error: Internal server error$/],
    ];
    for (const [name, answer, code, message] of table) {
      server.set((_req, res) => answer(res));
      const f = await failure(jira().create('jira', REQUEST));
      assert.equal(f.code, code, name);
      assert.match(f.message, message, name);
      assert.ok(!f.message.includes(TOKEN) && !(f.hint ?? '').includes(TOKEN), `${name}: no secret`);
      if (name === '401') assert.match(f.hint ?? '', /\$JIRA_API_TOKEN/);
    }
    const missing = await failure(createTicketGateway({ jira: { baseUrl: server.url, projectKey: 'INC', issueType: 'Task', email: 'bot@example.com', apiTokenEnv: 'NOPE_TOKEN', priorities: {}, doneStatuses: ['done'], autoCreateFor: [] } }, {}, () => 0).create('jira', REQUEST));
    assert.deepEqual([missing.code, missing.message], ['CONFIG_INVALID', 'tickets.jira.api_token_env: the environment variable NOPE_TOKEN is not set']);
  });

  it('creates ServiceNow incident records through the Table API and maps resolved states to done', async () => {
    server.set((req, res) => {
      if (req.method === 'POST' && req.url.startsWith('/api/now/table/incident?')) return json(res, 201, { result: { sys_id: 'a1b2c3', number: 'INC0010001', state: '1' } });
      if (req.method === 'GET' && req.url.startsWith('/api/now/table/incident/a1b2c3?')) return json(res, 200, { result: { number: 'INC0010001', state: '6' } });
      return json(res, 400, { error: { message: 'Invalid table', detail: 'no such table' }, status: 'failure' });
    });
    const gw = createTicketGateway({ servicenow: { instanceUrl: server.url, table: 'incident', username: 'ir-bot', passwordEnv: 'SNOW_PASSWORD', assignmentGroup: 'Database', doneStates: ['6', '7', '8'] } }, env, () => 0);
    const created = await gw.create('servicenow', REQUEST);
    assert.deepEqual([created.key, created.externalId, created.status], ['INC0010001', 'a1b2c3', '1']);
    const body = server.seen[0]!.body as Record<string, string>;
    assert.deepEqual([body['short_description'], body['impact'], body['urgency'], body['assignment_group'], body['correlation_id']], [REQUEST.summary, '1', '1', 'Database', 'INC-2026-1128-001-A1']);
    assert.equal(server.seen[0]!.headers['authorization'], `Basic ${Buffer.from(`ir-bot:${PASSWORD}`).toString('base64')}`);
    assert.deepEqual(await gw.readStatus('servicenow', { key: 'INC0010001', externalId: 'a1b2c3' }), { status: '6', isDone: true });
    server.set((_req, res) => json(res, 401, { error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' }, status: 'failure' }));
    const f = await failure(gw.create('servicenow', REQUEST));
    assert.deepEqual([f.code, f.message], ['UPSTREAM_FAILED', 'ServiceNow answered 401 Unauthorized: User Not Authenticated: Required to provide Auth information']);
    assert.ok(!f.message.includes(PASSWORD));
  });

  it('signs ITSM webhook requests per Standard Webhooks', async () => {
    server.set((req, res) => {
      const b = req.body as { type: string };
      return b.type === 'ticket.create' ? json(res, 200, { id: 'CHG-77', status: 'open', url: 'https://itsm.example.com/CHG-77' }) : json(res, 200, { status: 'Resolved' });
    });
    const gw = createTicketGateway({ webhook: { url: `${server.url}/hooks/ir`, signingSecretEnv: 'ITSM_SECRET', doneStatuses: ['resolved'] } }, env, () => 1_790_000_000_000);
    assert.deepEqual(await gw.create('webhook', REQUEST), { key: 'CHG-77', status: 'open', url: 'https://itsm.example.com/CHG-77' });
    const req = server.seen[0]!;
    const id = String(req.headers['webhook-id']);
    assert.equal(req.headers['webhook-timestamp'], '1790000000');
    const expected = createHmac('sha256', Buffer.from('a-very-secret-key')).update(`${id}.1790000000.${req.raw}`).digest('base64');
    assert.equal(req.headers['webhook-signature'], `v1,${expected}`);
    assert.deepEqual((req.body as { ticket: TicketRequest }).ticket.actionItemRef, 'INC-2026-1128-001-A1');
    assert.deepEqual(await gw.readStatus('webhook', { key: 'CHG-77' }), { status: 'Resolved', isDone: true });
  });

  it('says when a ticket system cannot be reached', async () => {
    const closed = await fakeServer();
    await closed.close();
    const gw = createTicketGateway({ webhook: { url: closed.url, doneStatuses: ['done'] } }, {}, () => 0);
    const f = await failure(gw.create('webhook', REQUEST));
    assert.equal(f.code, 'UPSTREAM_FAILED');
    assert.match(f.message, /^The ITSM webhook could not be reached at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED$/);
  });
});

describe('tickets through the SSRF guard', () => {
  let elsewhere: ConnectionRecorder;
  before(async () => { elsewhere = await startConnectionRecorder(); });
  after(() => elsewhere.close());

  it('refuses a ticket URL resolving to loopback that is neither configured nor allow-listed, without connecting', async () => {
    const webhook = new WebhookTickets({ url: `http://localhost:${elsewhere.port}/hooks/ir`, doneStatuses: ['done'] }, {}, () => 0, new AddressGuard([], 'tickets.allow_private_addresses'));
    const f = await failure(webhook.create(REQUEST));
    assert.equal(f.code, 'UPSTREAM_FAILED');
    assert.match(f.message, /^The ITSM webhook could not be reached at http:\/\/localhost:\d+: refused to connect to localhost: .* is a loopback, private or link-local address; add it to tickets\.allow_private_addresses to reach it$/);
    assert.equal(elsewhere.connections(), 0);
  });

  for (const [name, location] of [['127.0.0.1', () => `${elsewhere.url}/rest/api/3/issue`], ['169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/']] as const) {
    it(`reaches the configured Jira but refuses its redirect to ${name}, and the token goes nowhere else`, async () => {
      const configured = await startRedirector(location(), 307);
      try {
        const gw = createTicketGateway({ jira: { baseUrl: configured.url, projectKey: 'INC', issueType: 'Task', email: 'bot@example.com', apiTokenEnv: 'JIRA_API_TOKEN', priorities: {}, doneStatuses: ['done'], autoCreateFor: [] } }, env, () => 0);
        const f = await failure(gw.create('jira', REQUEST));
        assert.equal(configured.requests.length, 1, 'the configured origin was reached');
        assert.equal(f.code, 'UPSTREAM_FAILED');
        assert.ok(f.message.startsWith(`Jira could not be reached at ${configured.url}: refused to connect to ${name}: `), f.message);
        assert.match(f.message, /add it to tickets\.allow_private_addresses to reach it$/);
        assert.ok(!f.message.includes(TOKEN));
        assert.equal(elsewhere.connections(), 0);
      } finally {
        await configured.close();
      }
    });
  }

  it('follows a redirect to an address listed in tickets.allow_private_addresses', async () => {
    const itsm = await startConnectionRecorder((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"CHG-9","status":"open"}'));
    const configured = await startRedirector(`${itsm.url}/hooks/ir`, 308);
    try {
      const gw = createTicketGateway({ webhook: { url: configured.url, doneStatuses: ['done'] }, allowPrivateAddresses: ['127.0.0.1/32'] }, {}, () => 0);
      assert.deepEqual(await gw.create('webhook', REQUEST), { key: 'CHG-9', status: 'open' });
      assert.deepEqual(itsm.requests.map((r) => [r.method, r.url]), [['POST', '/hooks/ir']]);
    } finally {
      await configured.close();
      await itsm.close();
    }
  });
});
