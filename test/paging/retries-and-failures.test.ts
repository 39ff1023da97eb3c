// Story: the SMS provider answers 429 with Retry-After 30 s, then 500, then accepts: the page is
// retried, later each time, and delivered once. An endpoint that answers 410 is disabled and never
// called again. A message that keeps failing gives up and says so on the timeline.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SECOND, MINUTE } from '../../src/domain/time/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { openWorld, WORLD_CONFIG, type World } from './paging-world.js';

const WITH_WEBHOOK = WORLD_CONFIG.replace(
  'engineering-leads: [{ channel: email, address: leads@example.com, name: Leads list }]',
  'engineering-leads: [{ channel: webhook, address: "https://hooks.example.com/gone", name: Leads hook }]',
);

for (const kind of STORE_KINDS) {
  describe(`retries and failures (${kind})`, () => {
    let world: World;
    before(async () => {
      world = await openWorld(kind, WITH_WEBHOOK);
    });
    after(() => world.close());

    it('retries a page after Retry-After and after a 500, then delivers it once', async () => {
      world.notifier.answer('sms', { kind: 'retry', reason: 'HTTP 429', retryAfterMs: 30 * SECOND }, { kind: 'retry', reason: 'HTTP 500' });
      world.notifier.answer('webhook', { kind: 'endpoint-gone', reason: 'HTTP 410 Gone' });
      const { view } = await world.incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout-api' }, { name: 'carol' });
      await world.settle();
      const first = world.notifier.sent.map((s) => `${s.channel}#${s.attempt}`);
      assert.equal(first.length, 3, 'sms, the lead e-mail and the webhook were each tried once');
      await world.advance(29 * SECOND);
      assert.equal(world.notifier.sent.length, 3, 'nothing before Retry-After');
      await world.advance(2 * SECOND);
      await world.advance(MINUTE);
      const attempts = world.notifier.sent.filter((s) => s.channel === 'sms').map((s) => s.attempt);
      assert.deepEqual(attempts, [1, 2, 3]);
      const timeline = await world.incidents.timeline(view.incident.id);
      const statuses = timeline.flatMap((e) => (e.data.kind === 'message-delivery' ? [`${e.data.channel}:${e.data.status}:${e.data.attempt}`] : []));
      assert.ok(statuses.includes('sms:delivered:3'), statuses.join(', '));
      assert.ok(statuses.some((s) => s.startsWith('webhook:endpoint-disabled')), statuses.join(', '));
    });

    it('never calls a disabled endpoint again', async () => {
      const before = world.notifier.sent.filter((s) => s.channel === 'webhook').length;
      const { view } = await world.incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: 'Second outage', service: 'checkout-api' }, { name: 'carol' });
      await world.settle();
      assert.equal(world.notifier.sent.filter((s) => s.channel === 'webhook').length, before);
      const timeline = await world.incidents.timeline(view.incident.id);
      assert.ok(timeline.some((e) => e.data.kind === 'message-delivery' && e.data.channel === 'webhook' && e.data.status === 'failed' && /410/.test(e.data.detail)));
    });

    it('gives up after the last attempt and says so', async () => {
      const { view } = await world.incidents.declare({ severity: 'critical', incidentType: 'outage', environment: 'production', title: 'Everything down', service: 'checkout-api' }, { name: 'carol' });
      for (let i = 0; i < 200; i++) world.notifier.answer('sms', { kind: 'retry', reason: 'HTTP 503' });
      await world.advance(70 * MINUTE);
      world.notifier.script.clear();
      const timeline = await world.incidents.timeline(view.incident.id);
      const failed = timeline.filter((e) => e.data.kind === 'message-delivery' && e.data.status === 'failed' && /gave up/.test(e.data.detail));
      assert.ok(failed.length > 0, 'a failed delivery names why it gave up');
    });
  });
}
