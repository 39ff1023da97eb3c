// Story: Jira opens issues automatically for SEV-1 and SEV-2 (PRODUCT.md's auto_ticket_creation).
// Declaring a SEV-2 outage opens an issue in project INC (Jira Cloud REST v3, ADF description,
// priority High) and links it back to the incident; a SEV-3 gets none. When Jira is down at
// declaration, the next pass opens it, and says once why it could not. Resolving moves the issue
// through its transitions to Done. Jira here is a local server answering as Jira's REST API does.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { epochMs } from '../../src/domain/time/index.js';
import { createIntegrationRelay } from '../../src/main/integration-relay-wiring.js';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from '../http/http-harness.js';

interface Seen { readonly method: string; readonly url: string; readonly body: unknown; readonly auth: string | undefined }

/** Jira Cloud's issue, remote link and transition endpoints, over issues kept in memory. */
class FakeJira {
  readonly seen: Seen[] = [];
  readonly issues = new Map<string, { status: string; category: string; fields: Record<string, unknown> }>();
  isDown = false;
  #next = 12;
  #server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
      req.on('end', () => this.#answer(req, raw, res));
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server!.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => { this.#server?.closeAllConnections(); this.#server?.close(() => resolve()); });
  }

  #answer(req: IncomingMessage, raw: string, res: ServerResponse): unknown {
    const body = raw === '' ? undefined : JSON.parse(raw) as Record<string, unknown>;
    const url = req.url ?? '';
    this.seen.push({ method: req.method ?? '', url, body, auth: req.headers.authorization });
    const json = (status: number, answer?: unknown) => (answer === undefined ? res.writeHead(status).end() : res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer)));
    if (this.isDown) return json(503, { errorMessages: ['Jira is under maintenance'] });
    if (req.method === 'POST' && url === '/rest/api/3/issue') {
      const key = `INC-${this.#next++}`;
      this.issues.set(key, { status: 'To Do', category: 'new', fields: (body?.['fields'] ?? {}) as Record<string, unknown> });
      return json(201, { id: String(10000 + this.#next), key, self: `${this.url}/rest/api/3/issue/${key}` });
    }
    const m = /^\/rest\/api\/3\/issue\/([A-Z]+-\d+)(\/remotelink|\/transitions|\?fields=status)$/.exec(url);
    const issue = m === null ? undefined : this.issues.get(m[1]!);
    if (m === null || issue === undefined) return json(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'] });
    if (m[2] === '?fields=status') return json(200, { key: m[1], fields: { status: { name: issue.status, statusCategory: { key: issue.category } } } });
    if (m[2] === '/remotelink') return json(201, { id: 10000, self: `${this.url}${url}/10000` });
    if (req.method === 'GET') {
      return json(200, { transitions: [
        { id: '21', name: 'Start work', to: { name: 'In Progress', statusCategory: { key: 'indeterminate' } } },
        { id: '31', name: 'Close', to: { name: 'Done', statusCategory: { key: 'done' } } },
      ] });
    }
    const id = (body?.['transition'] as { id?: string } | undefined)?.id;
    if (id === '31') Object.assign(issue, { status: 'Done', category: 'done' });
    return json(204);
  }
}

const TOKEN = 'jira-api-token-1234';

for (const kind of STORE_KINDS) {
  describe(`Jira issues opened automatically (${kind})`, () => {
    let h: Harness;
    let jira: FakeJira;
    before(async () => {
      jira = new FakeJira();
      await jira.start();
      h = await startHarness(kind, {}, {
        env: { JIRA_API_TOKEN: TOKEN },
        configYaml: [
          'paging: { app_url: "https://ir.example.com" }',
          'tickets:',
          `  jira: { base_url: "${jira.url}", project_key: INC, email: bot@example.com, api_token_env: JIRA_API_TOKEN }`,
          'integrations:',
          '  jira: { project_key: INC, auto_ticket_creation: true, priority_mapping: true }',
          '',
        ].join('\n'),
      });
    });
    after(async () => {
      await h?.close();
      await jira?.close();
    });

    const declare = async (severity: string, title: string) => {
      const res = await h.request('POST', '/api/v1/incidents', { as: 'responder', body: { severity, type: 'outage', environment: 'production', title } });
      assert.equal(res.statusCode, 201, res.body);
      return (res.json() as { incident: { id: string } }).incident.id;
    };
    const timeline = async (id: string) => (await h.app.store.readIncidentEvents(id)).map((e) => e.data);

    it('opens an issue for a SEV-2 at declaration, with priority and an ADF description, and links it back', async () => {
      const id = await declare('high', 'Checkout API errors');
      const created = jira.seen.find((s) => s.method === 'POST' && s.url === '/rest/api/3/issue');
      assert.ok(created, 'an issue was created');
      assert.equal(created.auth, `Basic ${Buffer.from(`bot@example.com:${TOKEN}`).toString('base64')}`);
      const fields = (created.body as { fields: Record<string, unknown> }).fields;
      assert.deepEqual(fields['project'], { key: 'INC' });
      assert.deepEqual(fields['priority'], { name: 'High' });
      assert.equal(fields['summary'], `${id}: Checkout API errors`);
      assert.equal((fields['description'] as { type: string }).type, 'doc');
      const link = jira.seen.find((s) => s.url === '/rest/api/3/issue/INC-12/remotelink');
      assert.deepEqual(link?.body, {
        globalId: `incident-response:${id}`, application: { type: 'incident-response', name: 'incident-response' },
        object: { url: `https://ir.example.com/app/incidents/${id}`, title: `${id}: Checkout API errors` },
      });
      const data = await timeline(id);
      assert.ok(data.some((d) => d.kind === 'ticket-linked' && d.system === 'jira' && d.key === 'INC-12'));
      assert.ok(data.some((d) => d.kind === 'action-recorded' && d.action === 'jira-link' && d.status === 'done' && d.detail === `Jira issue INC-12 links back to https://ir.example.com/app/incidents/${id}`));
      // A second pass changes nothing: one issue, one link.
      const before = jira.seen.length;
      await h.app.autoTickets.reconcile();
      assert.equal(jira.seen.length, before);
    });

    it('opens none for a SEV-3', async () => {
      const before = jira.seen.length;
      await declare('medium', 'Slow search');
      assert.equal(jira.seen.length, before);
    });

    it('when Jira is down at declaration, says so once and opens the issue at the next pass', async () => {
      jira.isDown = true;
      const id = await declare('critical', 'Payments down');
      await h.app.autoTickets.reconcile();
      const failures = (await timeline(id)).filter((d) => d.kind === 'action-recorded' && d.action === 'jira-ticket' && d.status === 'failed');
      assert.equal(failures.length, 1);
      assert.match(failures[0]!.kind === 'action-recorded' ? failures[0]!.detail ?? '' : '', /^could not open the Jira issue: Jira answered 503 Service Unavailable: Jira is under maintenance/);
      assert.ok(!JSON.stringify(await timeline(id)).includes(TOKEN), 'the token never reaches the timeline');
      jira.isDown = false;
      await h.app.autoTickets.reconcile();
      assert.ok((await timeline(id)).some((d) => d.kind === 'ticket-linked' && d.key === 'INC-13'));
    });

    it('moves the issue to Done through its transitions when the incident resolves', async () => {
      const id = await declare('high', 'Login failures');
      const key = [...jira.issues.keys()].at(-1)!;
      const res = await h.request('POST', `/api/v1/incidents/${id}/resolve`, { as: 'commander', body: { summary: 'Rolled back the deploy' } });
      assert.equal(res.statusCode, 200, res.body);
      const relay = createIntegrationRelay(h.app)!;
      await relay.runOnce(epochMs(Date.now()));
      assert.deepEqual(jira.seen.filter((s) => s.url === `/rest/api/3/issue/${key}/transitions` && s.method === 'POST').map((s) => s.body), [{ transition: { id: '31' } }]);
      assert.equal(jira.issues.get(key)?.status, 'Done');
      const closure = (await timeline(id)).find((d) => d.kind === 'action-recorded' && d.action === 'jira-ticket-closure');
      assert.equal(closure?.kind === 'action-recorded' && closure.detail, `Jira issue ${key} moved to Done`);
    });
  });
}
