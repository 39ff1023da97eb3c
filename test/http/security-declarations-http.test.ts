// Security incidents over HTTP: a declarer outside the security team gets a 202 receipt (also in the
// remote CLI), and /metrics leaves them out unless the scrape carries a security-team or admin token.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Caller, type Harness } from './http-harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

for (const kind of STORE_KINDS) {
  describe(`security declarations over HTTP (${kind})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(kind);
    });
    after(() => h.close());

    const declare = (caller: Caller, body: Record<string, unknown>) => h.request('POST', '/api/v1/incidents', { as: caller, body });

    it('answers a declarer outside the security team 202 with a receipt: id, severity, handed to the security team, nothing more', async () => {
      const res = await declare('responder', { severity: 'high', type: 'security', environment: 'production', title: 'Suspicious admin login', summary: 'From an unknown ASN' });
      assert.equal(res.statusCode, 202, res.body);
      const { receipt } = res.json() as Json;
      assert.deepEqual(Object.keys(res.json() as Json), ['receipt']);
      assert.deepEqual(Object.keys(receipt).sort(), ['declaredAt', 'handedTo', 'id', 'message', 'severity', 'severityLabel', 'title', 'type']);
      assert.match(receipt.id, /^SEC-\d{4}-\d{4}-001$/);
      assert.deepEqual([receipt.severityLabel, receipt.type, receipt.handedTo, receipt.title], ['SEV-2', 'security', 'security', 'Suspicious admin login']);
      assert.ok(!res.body.includes('From an unknown ASN'), 'no summary, timeline, pages or checklist');
      assert.equal((await h.request('GET', `/api/v1/incidents/${receipt.id}`, { as: 'responder' })).statusCode, 404);
      assert.equal((await h.request('GET', `/api/v1/incidents/${receipt.id}`, { as: 'security-viewer' })).statusCode, 200);
    });

    it('answers the security team and admins 201 with the incident as before, numbered SEC-…', async () => {
      const insider = await declare('security-responder', { severity: 'low', type: 'security', environment: 'staging' });
      assert.equal(insider.statusCode, 201, insider.body);
      assert.match((insider.json() as Json).incident.id, /^SEC-\d{4}-\d{4}-002$/);
      const outage = await declare('responder', { severity: 'low', type: 'outage', environment: 'staging' });
      assert.equal(outage.statusCode, 201);
      assert.match((outage.json() as Json).incident.id, /^INC-\d{4}-\d{4}-001$/, 'INC numbers show no gap for the SEC incidents');
    });

    it('documents both answers of POST /incidents in the OpenAPI document', async () => {
      const doc = (await h.request('GET', '/api/v1/openapi.json')).json() as Json;
      const responses = doc.paths['/incidents'].post.responses;
      assert.equal(responses['201'].content['application/json'].schema.$ref, '#/components/schemas/DeclaredOutcome');
      assert.ok(doc.components.schemas.DeclaredOutcome.required.includes('paging'), 'the answer says who was paged');
      assert.equal(responses['202'].content['application/json'].schema.$ref, '#/components/schemas/DeclarationReceipt');
      assert.deepEqual(doc.components.schemas.DeclarationReceipt.required, ['receipt']);
    });

    it('leaves security incidents out of the unauthenticated /metrics scrape, and counts them apart for the security team and admins', async () => {
      const before = (await h.request('GET', '/metrics')).body;
      const series = (text: string) => text.split('\n').filter((l) => l.startsWith('ir_incidents_open{')).join('\n');
      const openCritical = (text: string, labels = 'severity="critical"') => Number(new RegExp(`ir_incidents_open\\{${labels}\\} (\\d+)`).exec(text)?.[1] ?? 'NaN');
      assert.equal((await declare('security-admin', { severity: 'critical', type: 'security', environment: 'production', title: 'Ransom note' })).statusCode, 201);
      assert.equal((await declare('admin', { severity: 'critical', type: 'outage', environment: 'production' })).statusCode, 201);
      const anonymous = (await h.request('GET', '/metrics')).body;
      assert.equal(openCritical(anonymous), openCritical(before) + 1, 'only the outage is counted');
      assert.doesNotMatch(series(anonymous), /confidential/);
      for (const caller of ['security-viewer', 'admin'] as const) {
        const scrape = await h.request('GET', '/metrics', { as: caller });
        assert.equal(scrape.statusCode, 200);
        assert.equal(openCritical(scrape.body), openCritical(anonymous), `${caller}: the public series is the same`);
        assert.equal(openCritical(scrape.body, 'severity="critical",confidential="true"'), 1, `${caller}: ${series(scrape.body)}`);
      }
      const outsider = (await h.request('GET', '/metrics', { as: 'commander' })).body;
      assert.doesNotMatch(series(outsider), /confidential/);
      const wrong = await h.request('GET', '/metrics', { headers: { authorization: `Bearer irt_${'x'.repeat(43)}` } });
      assert.equal(wrong.statusCode, 401);
    });

    if (kind === 'sqlite') {
      it('prints the receipt in the remote CLI, as text and as JSON', async () => {
        const url = await h.listen();
        const env = { IR_API_URL: url, IR_TOKEN: h.tokens.responder };
        const text = await runBin(['critical', 'security', 'production', '--title', 'USB stick found in the server room'], { cwd: tempDir(), env });
        assert.equal(text.code, 0, text.stderr);
        assert.match(text.stdout, /^SEC-\d{4}-\d{4}-\d{3} {2}SEV-1 security/);
        assert.match(text.stdout, /handed to the security team/);
        assert.doesNotMatch(text.stdout, /Checklist|Next: incident-response ack/);
        const json = await runBin(['high', 'security', 'production', '--json'], { cwd: tempDir(), env });
        assert.equal(json.code, 0, json.stderr);
        const receipt = JSON.parse(json.stdout) as Json;
        assert.deepEqual([receipt.handedTo, receipt.severityLabel], ['security', 'SEV-2']);
        assert.match(receipt.id, /^SEC-/);
      });
    }
  });
}
