// Story: Alice is paged by SMS; she acknowledges at 4:59, before her voice call at 5:00, so the call
// never rings — but as the one who acknowledged she is reminded by e-mail that the SEV-1's update is
// due at 30:00, then every 5 minutes while it is late. A second incident is acknowledged at 29:59,
// one second before Bob would be paged: Bob is never paged. Nothing else is sent.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MINUTE, SECOND } from '../../src/domain/time/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { openWorld, type World } from './paging-world.js';

for (const kind of STORE_KINDS) {
  describe(`an acknowledgement stops the escalation (${kind})`, () => {
    let world: World;
    before(async () => {
      world = await openWorld(kind);
    });
    after(() => world.close());

    it('cancels the voice call that was still waiting', async () => {
      const { view } = await world.incidents.declare({ severity: 'critical', incidentType: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout-api' }, { name: 'carol' });
      await world.settle();
      assert.ok(world.takeSent().includes('sms +15550000001'));
      await world.advance(4 * MINUTE + 59 * SECOND);
      await world.incidents.acknowledge(view.incident.id, { name: 'alice' });
      await world.advance(60 * MINUTE);
      // Due soon at 25:00, late at 30, 35, 40, 45, 50, 55 and 60 minutes.
      assert.deepEqual(world.takeSentWithPurpose(), Array.from({ length: 8 }, () => 'update-reminder email alice@example.com'));
      const timeline = await world.incidents.timeline(view.incident.id);
      const voice = timeline.find((e) => e.data.kind === 'message-delivery' && e.data.channel === 'voice');
      assert.equal(voice?.data.kind === 'message-delivery' && voice.data.status, 'cancelled');
      assert.ok(timeline.some((e) => e.data.kind === 'escalation-stopped' && e.data.reason === 'acknowledged by alice'));
    });

    it('an acknowledgement at 29:59 means Bob is never paged', async () => {
      const { view } = await world.incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: 'Ledger slow', service: 'checkout-api' }, { name: 'carol' });
      await world.settle();
      world.takeSent();
      await world.advance(29 * MINUTE + 59 * SECOND);
      assert.ok(world.takeSentWithPurpose().includes('page voice +15550000001'), 'Alice was called at 5:00');
      await world.incidents.acknowledge(view.incident.id, { name: 'alice' });
      await world.advance(2 * MINUTE);
      // The first incident's update is still late: its reminder is the only message.
      assert.deepEqual(world.takeSentWithPurpose().filter((l) => !l.startsWith('update-reminder')), []);
      const escalation = await world.store.findEscalation(view.incident.id);
      assert.equal(escalation?.state.stepsDone, 1, 'only the first step fired');
    });
  });
}
