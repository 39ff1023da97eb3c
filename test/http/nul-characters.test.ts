// A NUL character (U+0000) is answered the same way on both stores and never with a 5xx: people's
// text through the API is refused naming the field; machine alert payloads are stored with U+FFFD.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { declare, startHarness, type Harness } from './http-harness.js';

const NUL = '\u0000';
const fixture = async (name: string) => JSON.parse(await readFile(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

function assertRefusedNaming(res: { statusCode: number; body: string; json(): unknown }, path: string): void {
  assert.equal(res.statusCode, 400, res.body);
  const { error } = res.json() as { error: { code: string; message: string; details: { path: string; message: string }[] } };
  assert.equal(error.code, 'VALIDATION');
  assert.match(error.message, /NUL character/);
  assert.deepEqual(error.details.map((d) => d.path), [path]);
  assert.match(error.details[0]!.message, /contains a NUL character/);
}

async function createIntegration(h: Harness, body: Record<string, unknown>): Promise<string> {
  const res = await h.request('POST', '/api/v1/integrations', { as: 'admin', body });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { key: string }).key;
}

for (const kind of STORE_KINDS) {
  describe(`NUL characters in input: ${kind}`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(kind);
    });
    after(async () => {
      await h?.close();
    });

    it('refuses a title with a NUL character with 400 naming the field', async () => {
      const res = await h.request('POST', '/api/v1/incidents', { as: 'admin', body: { severity: 'high', type: 'outage', environment: 'production', title: `Checkout${NUL} down` } });
      assertRefusedNaming(res, 'title');
    });

    it('refuses a note and a status update with a NUL character, naming the field', async () => {
      const id = await declare(h, { severity: 'high', type: 'outage', environment: 'production', title: 'Search slow' });
      assertRefusedNaming(await h.request('POST', `/api/v1/incidents/${id}/notes`, { as: 'admin', body: { text: `restarted${NUL}` } }), 'text');
      assertRefusedNaming(await h.request('POST', `/api/v1/incidents/${id}/status-updates`, { as: 'admin', body: { status: 'investigating', message: `${NUL}looking` } }), 'message');
      const timeline = await h.request('GET', `/api/v1/incidents/${id}/timeline`, { as: 'admin' });
      assert.ok(!timeline.body.includes('\\u0000'));
    });

    it('refuses a NUL character in a query parameter instead of failing in the database', async () => {
      assertRefusedNaming(await h.request('GET', `/api/v1/incidents?service=a${encodeURIComponent(NUL)}b`, { as: 'admin' }), 'service');
    });

    it('takes a PagerDuty event with a NUL in its summary and stores it with U+FFFD', async () => {
      const key = await createIntegration(h, { source: 'pagerduty-events', name: 'pd-nul', service: 'payments' });
      const event = { routing_key: key, event_action: 'trigger', dedup_key: `nul${NUL}key`, payload: { summary: `Disk${NUL} full`, source: `db${NUL}1`, severity: 'warning' } };
      const res = await h.request('POST', '/v2/enqueue', { body: event });
      assert.equal(res.statusCode, 202, res.body);
      const stored = (await h.app.store.listAlerts({})).find((a) => a.summary.startsWith('Disk'));
      assert.ok(stored);
      assert.equal(stored.summary, 'Disk\uFFFD full');
      assert.equal(stored.dedupKey, 'nul\uFFFDkey');
      assert.ok(!JSON.stringify(stored).includes('\\u0000'));
      // The sender retries the same event: it is the same alert, not a new one.
      assert.equal((await h.request('POST', '/v2/enqueue', { body: event })).statusCode, 202);
      assert.equal((await h.app.store.listAlerts({})).filter((a) => a.summary.startsWith('Disk')).length, 1);
    });

    it('takes an Alertmanager notification with NULs in its labels and annotations, stored with U+FFFD', async () => {
      const key = await createIntegration(h, { source: 'alertmanager-webhook', name: 'am-nul', service: 'api' });
      const body = await fixture('alertmanager-webhook-firing.json');
      const alerts = body['alerts'] as { labels: Record<string, string>; annotations: Record<string, string> }[];
      alerts[0]!.labels['alertname'] = `Probe${NUL}Failure`;
      alerts[0]!.labels[`odd${NUL}name`] = 'x';
      alerts[0]!.annotations['summary'] = `Probe${NUL} failed`;
      (body['groupLabels'] as Record<string, string>)['alertname'] = `Probe${NUL}Failure`;
      const res = await h.request('POST', `/api/v1/alertmanager/${key}`, { body });
      assert.equal(res.statusCode, 200, res.body);
      const stored = (await h.app.store.listAlerts({})).find((a) => a.labels['alertname'] === 'Probe\uFFFDFailure');
      assert.ok(stored, 'the alert is stored with its label sanitized');
      assert.equal(stored.labels['odd\uFFFDname'], 'x');
      assert.ok(stored.summary.includes('\uFFFD'));
      assert.ok(!JSON.stringify(stored).includes('\\u0000'));
    });
  });
}
