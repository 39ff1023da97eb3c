// RCAs and the monthly report over the API: content negotiation, edits by commanders, PDF, visibility.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { declare, startHarness, type Harness } from './http-harness.js';

describe('RCA and monthly report routes', () => {
  let h: Harness;
  let outage: string;
  let security: string;
  const month = new Date().toISOString().slice(0, 7);
  before(async () => {
    h = await startHarness('sqlite');
    outage = await declare(h, { severity: 'critical', type: 'outage', environment: 'production', title: 'Checkout down' });
    security = await declare(h, { severity: 'high', type: 'security', environment: 'production', title: 'Credential stuffing' });
  });
  after(async () => {
    await h?.close();
  });

  it('lets commanders edit the RCA; corrective actions become action items', async () => {
    const body = { rootCause: 'Connection pool misconfiguration', addFactors: ['Load tests missed it'], addActions: ['[Immediate] Add pool monitoring @alice due 2026-12-05'] };
    assert.equal((await h.request('PATCH', `/api/v1/incidents/${outage}/rca`, { as: 'responder', body })).statusCode, 403);
    const res = await h.request('PATCH', `/api/v1/incidents/${outage}/rca`, { as: 'commander', body });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { changed: true });
    const again = await h.request('PATCH', `/api/v1/incidents/${outage}/rca`, { as: 'commander', body: { rootCause: 'Connection pool misconfiguration' } });
    assert.deepEqual(again.json(), { changed: false });
    const bad = await h.request('PATCH', `/api/v1/incidents/${outage}/rca`, { as: 'commander', body: { addActions: ['Add monitoring'] } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /start with a tag in brackets/);
    const timeline = (await h.request('GET', `/api/v1/incidents/${outage}/timeline`, { as: 'viewer' })).json() as { items: { kind: string }[] };
    assert.ok(timeline.items.some((e) => e.kind === 'action-item-added'));
  });

  it('answers JSON by default, Markdown or HTML by Accept, and ?format wins', async () => {
    const json = await h.request('GET', `/api/v1/incidents/${outage}/rca`, { as: 'viewer' });
    assert.equal(json.statusCode, 200);
    assert.match(String(json.headers['content-type']), /^application\/json/);
    const doc = json.json() as { incidentId: string; rootCause: string; correctiveActions: { category: string }[] };
    assert.deepEqual([doc.incidentId, doc.rootCause, doc.correctiveActions[0]?.category], [outage, 'Connection pool misconfiguration', 'immediate']);
    const md = await h.request('GET', `/api/v1/incidents/${outage}/rca`, { as: 'viewer', headers: { accept: 'text/markdown' } });
    assert.match(String(md.headers['content-type']), /^text\/markdown/);
    assert.match(md.body, new RegExp(`^# Root Cause Analysis: ${outage}`));
    const html = await h.request('GET', `/api/v1/incidents/${outage}/rca?format=html`, { as: 'viewer', headers: { accept: 'text/markdown' } });
    assert.match(String(html.headers['content-type']), /^text\/html/);
    assert.match(html.body, /<h1>Root Cause Analysis: /);
  });

  it('prints the RCA as a PDF', { timeout: 60_000 }, async () => {
    const pdf = await h.request('GET', `/api/v1/incidents/${outage}/rca`, { as: 'viewer', headers: { accept: 'application/pdf' } });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  });

  it('keeps security incidents to the security team, in the RCA and in the monthly report', async () => {
    const hidden = await h.request('GET', `/api/v1/incidents/${security}/rca`, { as: 'commander' });
    assert.equal(hidden.statusCode, 404);
    assert.equal((await h.request('GET', `/api/v1/incidents/${security}/rca`, { as: 'security-viewer' })).statusCode, 200);
    const total = async (as: 'viewer' | 'security-viewer') => {
      const res = await h.request('GET', `/api/v1/reports/monthly?month=${month}`, { as });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as { current: { total: number } }).current.total;
    };
    assert.equal(await total('viewer'), 1);
    assert.equal(await total('security-viewer'), 2);
  });

  it('lists action items across incidents and serves the review agenda and its invite', async () => {
    const items = await h.request('GET', '/api/v1/action-items', { as: 'viewer' });
    assert.equal(items.statusCode, 200, items.body);
    assert.deepEqual((items.json() as { items: { ref: string; owner: string; source: string }[] }).items.map((i) => [i.ref, i.owner, i.source]), [[`${outage}-A1`, 'alice', 'rca']]);
    const agenda = await h.request('GET', `/api/v1/incidents/${outage}/review`, { as: 'viewer' });
    assert.equal(agenda.statusCode, 200, agenda.body);
    const a = agenda.json() as { isRequired: boolean; sections: { title: string; minutes: number }[]; text: string };
    assert.equal(a.isRequired, true);
    assert.deepEqual(a.sections.map((x) => x.minutes), [10, 20, 15, 10, 5]);
    assert.match(a.text, /Root cause: Connection pool misconfiguration/);
    const ics = await h.request('GET', `/api/v1/incidents/${outage}/review?format=ics`, { as: 'viewer' });
    assert.equal(ics.statusCode, 409, 'no invite before the review is scheduled');
    assert.equal((await h.request('GET', `/api/v1/incidents/${security}/review`, { as: 'viewer' })).statusCode, 404);
  });

  it('renders the monthly report in the asked format and refuses a bad month', async () => {
    const csv = await h.request('GET', `/api/v1/reports/monthly?month=${month}&format=csv`, { as: 'viewer' });
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const md = await h.request('GET', `/api/v1/reports/monthly?month=${month}`, { as: 'viewer', headers: { accept: 'text/markdown' } });
    assert.match(String(md.headers['content-type']), /^text\/markdown/);
    const bad = await h.request('GET', '/api/v1/reports/monthly?month=2026-13', { as: 'viewer' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /month '2026-13'/);
  });
});
