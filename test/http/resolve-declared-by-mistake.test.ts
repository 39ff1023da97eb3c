// POST /incidents/{id}/resolve with reason "declared-by-mistake": resolved, said so on the timeline,
// closable without a review; an unknown reason is refused naming the field.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { declare, startHarness, type Harness } from './http-harness.js';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`resolving an incident declared by mistake over HTTP (${kind})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(kind);
    });
    after(() => h.close());

    it('resolves it with the reason, shows it on the timeline and closes it without a review', async () => {
      const id = await declare(h, { severity: 'critical', type: 'outage', environment: 'production', title: 'Checkout down?' });
      const res = await h.request('POST', `/api/v1/incidents/${id}/resolve`, { as: 'commander', body: { summary: 'A test alert, nothing was down', reason: 'declared-by-mistake' } });
      assert.equal(res.statusCode, 200, res.body);
      const timeline = (await h.request('GET', `/api/v1/incidents/${id}/timeline`, { as: 'viewer' })).json() as { items: { kind: string; text: string }[] };
      assert.match(timeline.items.find((e) => e.kind === 'resolved')?.text ?? '', /^closed as declared by mistake by .*: A test alert, nothing was down \(kept on record, left out of MTTR\)$/);
      const closed = await h.request('POST', `/api/v1/incidents/${id}/close`, { as: 'commander', body: {} });
      assert.equal(closed.statusCode, 200, closed.body);
    });

    it('refuses an unknown reason, naming the field', async () => {
      const id = await declare(h, { severity: 'low', type: 'outage', environment: 'staging', title: 'Staging blip' });
      const res = await h.request('POST', `/api/v1/incidents/${id}/resolve`, { as: 'commander', body: { summary: 'x', reason: 'bored' } });
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.body, /"path":"reason"/);
    });
  });
}
