// Splunk and Kibana alerts over HTTP into incidents, on SQLite and PostgreSQL: the key in the URL,
// the saved search or rule as the alert (its runs join one incident), Kibana's recovery resolving
// it, the sender's link on the incident's timeline, and a bad body refused naming the field.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from '../http/http-harness.js';

const fixture = async (name: string) => JSON.parse(await readFile(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

async function createIntegration(h: Harness, body: Record<string, unknown>): Promise<string> {
  const res = await h.request('POST', '/api/v1/integrations', { as: 'admin', body });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { key: string }).key;
}

async function alerts(h: Harness): Promise<{ source: string; status: string; incidentId?: string; occurrences: number }[]> {
  const res = await h.request('GET', '/api/v1/alerts', { as: 'viewer' });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { items: never[] }).items;
}

async function timelineTexts(h: Harness, id: string): Promise<string[]> {
  const res = await h.request('GET', `/api/v1/incidents/${id}/timeline`, { as: 'admin' });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { items?: { text: string }[] } | { text: string }[];
  return (Array.isArray(body) ? body : body.items ?? []).map((e) => e.text);
}

for (const kind of STORE_KINDS) {
  describe(`Splunk and Kibana alerts over HTTP (${kind})`, () => {
    let h: Harness;
    before(async () => { h = await startHarness(kind); });
    after(async () => { await h?.close(); });

    it('a Splunk saved search opens one incident linked to its search results; its next run joins it', async () => {
      const key = await createIntegration(h, { source: 'splunk', name: 'splunk-prod', service: 'checkout' });
      const body = await fixture('splunk-webhook-saved-search.json');
      const first = await h.request('POST', `/integrations/splunk/${key}`, { body });
      assert.equal(first.statusCode, 202, first.body);
      const again = await h.request('POST', `/integrations/splunk/${key}`, { body: { ...body, sid: 'scheduler__admin__search__RMD5e8f1b2c3d4_at_1764950700_1240' } });
      assert.equal(again.statusCode, 202, again.body);
      const mine = (await alerts(h)).filter((a) => a.source === 'splunk');
      assert.equal(mine.length, 1);
      assert.equal(mine[0]!.occurrences, 2);
      const texts = await timelineTexts(h, mine[0]!.incidentId!);
      assert.ok(texts.some((t) => t.includes('alert from splunk: Checkout 5xx spike') && t.includes('(https://splunk.example.com:8000/app/search/@go?sid=scheduler__admin__search__RMD5e8f1b2c3d4_at_1764950400_1234)')), texts.join('\n'));
    });

    it('refuses an unknown key and a body without sid, naming the field', async () => {
      const unknown = await h.request('POST', `/integrations/splunk/iri_${'x'.repeat(43)}`, { body: await fixture('splunk-webhook.json') });
      assert.equal(unknown.statusCode, 401);
      const key = await createIntegration(h, { source: 'splunk', name: 'splunk-bad' });
      const bad = await h.request('POST', `/integrations/splunk/${key}`, { body: { search_name: 'Disk', result: {} } });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual((bad.json() as { errors: { path: string }[] }).errors.map((e) => e.path), ['sid']);
    });

    it('a Kibana rule fires an incident and its recovered action resolves the alert', async () => {
      const key = await createIntegration(h, { source: 'elastic', name: 'kibana-prod' });
      const fired = await h.request('POST', `/integrations/elastic/${key}`, { body: await fixture('elastic-webhook-firing.json') });
      assert.equal(fired.statusCode, 202, fired.body);
      const opened = (await alerts(h)).find((a) => a.source === 'elastic')!;
      assert.equal(opened.status, 'open');
      const incident = (await h.request('GET', `/api/v1/incidents/${opened.incidentId!}`, { as: 'admin' })).json() as { incident?: { service?: string; severity?: string } } & { service?: string; severity?: string };
      const facts = incident.incident ?? incident;
      assert.equal(facts.service, 'checkout');
      assert.equal(facts.severity, 'high');
      const recovered = await h.request('POST', `/integrations/elastic/${key}`, { body: await fixture('elastic-webhook-recovered.json') });
      assert.equal(recovered.statusCode, 202, recovered.body);
      assert.equal((await alerts(h)).find((a) => a.source === 'elastic')!.status, 'resolved');
    });
  });
}
