import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { WORLD_CONFIG } from '../paging/paging-world.js';
import { startHarness, type Harness } from './http-harness.js';

for (const kind of STORE_KINDS) {
  describe(`on-call and delivery routes (${kind})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(kind, {}, { configYaml: WORLD_CONFIG });
    });
    after(() => h.close());

    it('answers who is on call, and who is next', async () => {
      const res = await h.request('GET', '/api/v1/oncall?at=2026-11-28T03:00:00Z', { as: 'viewer' });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { at: string; schedules: { scheduleId: string; onCall: { name: string } | null; until: string | null }[] };
      assert.equal(body.at, '2026-11-28T03:00:00.000Z');
      assert.deepEqual(body.schedules.map((s) => [s.scheduleId, s.onCall?.name]), [['primary', 'Alice Adams']]);
      const bad = await h.request('GET', '/api/v1/oncall?at=yesterday', { as: 'viewer' });
      assert.equal(bad.statusCode, 400);
      const unknown = await h.request('GET', '/api/v1/oncall?schedule=nope', { as: 'viewer' });
      assert.equal(unknown.statusCode, 404);
      assert.match(unknown.body, /schedule/);
    });

    it('serves a schedule and a person as iCalendar feeds', async () => {
      for (const url of ['/api/v1/oncall/schedules/primary/calendar.ics?days=14', '/api/v1/oncall/people/alice/calendar.ics']) {
        const res = await h.request('GET', url, { as: 'viewer' });
        assert.equal(res.statusCode, 200, res.body);
        assert.match(String(res.headers['content-type']), /^text\/calendar/);
        assert.match(res.body, /^BEGIN:VCALENDAR\r\n/);
        assert.match(res.body, /SUMMARY:On call: Payments primary|SUMMARY:.*Alice Adams/);
      }
      const days = await h.request('GET', '/api/v1/oncall/schedules/primary/calendar.ics?days=999', { as: 'viewer' });
      assert.equal(days.statusCode, 400);
    });

    it("lists an incident's pages with their delivery status", async () => {
      const declared = await h.request('POST', '/api/v1/incidents', { as: 'responder', body: { severity: 'high', type: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout-api' } });
      assert.equal(declared.statusCode, 201, declared.body);
      const id = (declared.json() as { incident: { id: string } }).incident.id;
      const res = await h.request('GET', `/api/v1/incidents/${id}/messages`, { as: 'viewer' });
      assert.equal(res.statusCode, 200, res.body);
      const items = (res.json() as { items: { channel: string; recipient: string; status: string; purpose: string }[] }).items;
      assert.ok(items.some((m) => m.channel === 'sms' && m.recipient === 'Alice Adams' && m.purpose === 'page' && m.status === 'pending'), JSON.stringify(items));
      assert.ok(!JSON.stringify(items).includes('+1555'), 'phone numbers are not part of the listing');
      // No engine runs in this harness: the pages wait, and /metrics says how many.
      const metrics = (await h.request('GET', '/metrics')).body;
      const pending = Number(/ir_paging_messages\{status="pending"\} (\d+)/.exec(metrics)?.[1]);
      assert.equal(pending, items.filter((m) => m.status === 'pending').length);
      assert.ok(pending > 0);
    });
  });
}
