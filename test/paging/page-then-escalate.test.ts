// Story: a SEV-2 on checkout-api pages Alice (on call) by SMS, then by voice five minutes later;
// nobody acknowledges, so 30 minutes in Bob is paged. Nothing else is sent.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MINUTE } from '../../src/domain/time/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { openWorld, T0, type World } from './paging-world.js';

for (const kind of STORE_KINDS) {
  describe(`paging an unacknowledged incident (${kind})`, () => {
    let world: World;
    let id: string;
    before(async () => {
      world = await openWorld(kind);
    });
    after(() => world.close());

    it('pages the person on call by SMS at once', async () => {
      const { view } = await world.incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout-api' }, { name: 'carol' });
      id = view.incident.id;
      await world.settle();
      // SEV-2 also reaches the team lead, Dana; the engineering leads' list is told (the matrix informs it at SEV-2).
      assert.deepEqual(world.takeSent().sort(), ['email dana@example.com', 'email leads@example.com', 'sms +15550000001']);
    });

    it('calls her five minutes later, as her rules say', async () => {
      await world.advance(4 * MINUTE);
      assert.deepEqual(world.takeSent(), []);
      await world.advance(1 * MINUTE);
      assert.deepEqual(world.takeSent(), ['voice +15550000001']);
    });

    it('pages Bob when 30 minutes pass without an acknowledgement', async () => {
      await world.advance(24 * MINUTE);
      assert.deepEqual(world.takeSent(), []);
      await world.advance(1 * MINUTE);
      assert.deepEqual(world.takeSent(), ['sms +15550000002']);
    });

    it('puts every step and delivery on the timeline', async () => {
      const kinds = (await world.incidents.timeline(id)).map((e) => e.data.kind === 'message-delivery' ? `delivery:${e.data.channel}:${e.data.status}` : e.data.kind);
      assert.deepEqual(kinds.slice(0, 3), ['declared', 'escalation-started', 'escalation-step']);
      assert.deepEqual(kinds.slice(3, 6).sort(), ['delivery:email:delivered', 'delivery:email:delivered', 'delivery:sms:delivered']);
      assert.deepEqual(kinds.slice(6), ['delivery:voice:delivered', 'escalation-step', 'escalation-stopped', 'delivery:sms:delivered']);
      const step2 = (await world.incidents.timeline(id)).find((e) => e.data.kind === 'escalation-step' && e.data.step === 1);
      assert.equal(step2?.at, T0 + 30 * MINUTE, 'step 2 fires at T+30');
    });

    it('sends nothing more, however long nobody answers', async () => {
      await world.advance(120 * MINUTE);
      assert.deepEqual(world.takeSent(), []);
    });
  });
}
