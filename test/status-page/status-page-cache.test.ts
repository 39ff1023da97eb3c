// The public page is served from memory: the same bytes and ETag until something that changes it
// is seen, 304 to a matching If-None-Match, and a short public cache lifetime.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import type { Harness } from '../http/http-harness.js';
import { caughtUp, declareIncident, postUpdate, publish, startStatusPageHarness, publicId } from './status-page-world.js';

for (const kind of STORE_KINDS) {
  describe(`the public page from memory (${kind})`, () => {
    let h: Harness;
    let outageId: string;
    let outagePublic: string;
    before(async () => {
      h = await startStatusPageHarness(kind);
      outageId = await declareIncident(h, { severity: 'critical', type: 'outage', environment: 'production', title: 'Checkout down' });
      await postUpdate(h, outageId, 'investigating', 'We are looking into failed payments.');
      await publish(h, outageId, { title: 'Payments failing', componentIds: ['api'], impact: 'major' });
      outagePublic = await publicId(h, outageId);
      await caughtUp(h);
    });
    after(() => h.close());

    const summary = () => h.request('GET', '/api/v2/summary.json');

    it('answers with a strong ETag and a short public lifetime, and 304 to a matching If-None-Match', async () => {
      const first = await summary();
      assert.equal(first.statusCode, 200);
      assert.equal(first.headers['cache-control'], 'public, max-age=10');
      const etag = String(first.headers.etag);
      assert.match(etag, /^"[A-Za-z0-9_-]{32}"$/);
      const again = await summary();
      assert.equal(again.headers.etag, etag);
      assert.equal(again.body, first.body);
      for (const given of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const cached = await h.request('GET', '/api/v2/summary.json', { headers: { 'if-none-match': given } });
        assert.equal(cached.statusCode, 304, given);
        assert.equal(cached.body, '');
        assert.equal(cached.headers.etag, etag);
        assert.equal(cached.headers['access-control-allow-origin'], '*');
      }
      assert.equal((await h.request('GET', '/api/v2/summary.json', { headers: { 'if-none-match': '"stale"' } })).statusCode, 200);
      const page = await h.request('GET', '/status');
      assert.equal((await h.request('GET', '/status', { headers: { 'if-none-match': String(page.headers.etag) } })).statusCode, 304);
      assert.notEqual(page.headers.etag, etag, 'each representation has its own ETag');
    });

    it('shows a posted update on the next request after its event is seen, with a new ETag', async () => {
      const before = await summary();
      await postUpdate(h, outageId, 'identified', 'A certificate expired; renewing it.');
      await caughtUp(h);
      const after = await summary();
      assert.notEqual(after.headers.etag, before.headers.etag);
      const incident = (after.json() as { incidents: { id: string; status: string; incident_updates: { body: string }[] }[] }).incidents.find((i) => i.id === outagePublic)!;
      assert.equal(incident.status, 'identified');
      assert.equal(incident.incident_updates[0]!.body, 'A certificate expired; renewing it.');
      assert.equal((await h.request('GET', '/api/v2/summary.json', { headers: { 'if-none-match': String(before.headers.etag) } })).statusCode, 200);
    });

    it('keeps the ETag when an event changes nothing public', async () => {
      const before = await summary();
      const staging = await declareIncident(h, { severity: 'low', type: 'outage', environment: 'staging', title: 'Staging flaky' });
      await h.request('POST', `/api/v1/incidents/${outageId}/notes`, { as: 'admin', body: { text: 'internal only' } });
      await caughtUp(h);
      const after = await summary();
      assert.equal(after.headers.etag, before.headers.etag);
      assert.ok(!after.body.includes(staging));
    });

    it('shows maintenance scheduled through this server at once', async () => {
      const before = await h.request('GET', '/api/v2/scheduled-maintenances/upcoming.json');
      const from = new Date(Date.now() + 3_600_000).toISOString();
      const to = new Date(Date.now() + 7_200_000).toISOString();
      const res = await h.request('POST', '/api/v1/maintenances', { as: 'responder', body: { title: 'Database upgrade', componentIds: ['api'], startsAt: from, endsAt: to } });
      assert.equal(res.statusCode, 201, res.body);
      const after = await h.request('GET', '/api/v2/scheduled-maintenances/upcoming.json');
      assert.notEqual(after.headers.etag, before.headers.etag);
      assert.match(after.body, /Database upgrade/);
    });
  });
}
