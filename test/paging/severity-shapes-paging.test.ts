// Story: the severity decides who is reached. SEV-1 adds the team's executives (Eve) at T+0; SEV-3
// notifies one person without paging (an e-mail to Alice, once); SEV-4 queues without paging at
// all. A SEV-3 raised to SEV-1 while unacknowledged pages again from the first step; a resolved
// incident that is reopened pages again. Nothing else is sent.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MINUTE } from '../../src/domain/time/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { openWorld, type World } from './paging-world.js';

const declare = (w: World, severity: 'critical' | 'high' | 'medium' | 'low', title: string) =>
  w.incidents.declare({ severity, incidentType: 'outage', environment: 'production', title, service: 'checkout-api' }, { name: 'carol' }).then((r) => r.view.incident.id);

for (const kind of STORE_KINDS) {
  describe(`severity shapes paging (${kind})`, () => {
    let world: World;
    before(async () => {
      world = await openWorld(kind);
    });
    after(() => world.close());

    it('SEV-1 reaches the on-call and the executives at once', async () => {
      const id = await declare(world, 'critical', 'Everything down');
      await world.settle();
      assert.deepEqual(world.takeSentWithPurpose().sort(), ['notify email eve@example.com', 'page sms +15550000001', 'stakeholder-update email leads@example.com']);
      await world.incidents.acknowledge(id, { name: 'alice' });
      await world.incidents.resolve(id, 'fixed', { name: 'alice' });
      await world.settle();
      assert.deepEqual(world.takeSentWithPurpose(), ['stakeholder-update email leads@example.com'], 'the leads hear it is resolved');
    });

    it('SEV-3 notifies by e-mail once and never pages', async () => {
      const id = await declare(world, 'medium', 'Search slow');
      await world.settle();
      assert.deepEqual(world.takeSentWithPurpose().sort(), ['notify email alice@example.com', 'stakeholder-update email leads@example.com']);
      await world.advance(90 * MINUTE);
      assert.deepEqual(world.takeSentWithPurpose().filter((l) => !l.startsWith('update-reminder')), []);
      await world.incidents.acknowledge(id, { name: 'alice' });
    });

    it('SEV-4 queues without paging and says so', async () => {
      const id = await declare(world, 'low', 'Typo on the status page');
      await world.settle();
      assert.deepEqual(world.takeSentWithPurpose(), []);
      const timeline = await world.incidents.timeline(id);
      assert.ok(timeline.some((e) => e.data.kind === 'escalation-stopped' && /SEV-4 queues without paging/.test(e.data.reason)));
    });

    it('raising an unacknowledged incident to SEV-1 pages again from the first step, with the executives', async () => {
      const id = await declare(world, 'medium', 'Checkout errors rising');
      await world.settle();
      world.takeSentWithPurpose();
      await world.incidents.changeSeverity(id, 'critical', 'error rate 40%', { name: 'carol' });
      await world.settle();
      assert.deepEqual(world.takeSentWithPurpose().sort(), ['notify email eve@example.com', 'page sms +15550000001']);
      await world.incidents.acknowledge(id, { name: 'alice' });
    });

    it('a reopened incident pages again', async () => {
      const id = await declare(world, 'high', 'Ledger lag');
      await world.settle();
      await world.incidents.acknowledge(id, { name: 'alice' });
      await world.incidents.resolve(id, 'caught up', { name: 'alice' });
      await world.settle();
      world.takeSentWithPurpose();
      await world.incidents.reopen(id, 'lag is back', { name: 'alice' });
      await world.settle();
      assert.deepEqual(world.takeSentWithPurpose().filter((l) => l.startsWith('page') || l.startsWith('notify')).sort(), ['notify email dana@example.com', 'page sms +15550000001']);
    });
  });
}
