// Story: fifteen SEV-2 incidents open within a minute, all paging Alice by SMS. Her phone gets at
// most 10 single pages in an hour; the other five are held and arrive together as one bundle 15
// minutes after the tenth. Nothing is dropped, and nothing else reaches her phone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MINUTE, SECOND } from '../../src/domain/time/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { openWorld, WORLD_CONFIG, type World } from './paging-world.js';

// Only the SMS rule and the first step, so the story is about one phone.
const SMS_ONLY = WORLD_CONFIG.replace('      - { after_minutes: 5, method: voice }\n', '').replace('      - delay_minutes: 30\n        targets: [{ person: bob }]\n', '');

for (const kind of STORE_KINDS) {
  describe(`an SMS flood is bundled (${kind})`, () => {
    let world: World;
    before(async () => {
      world = await openWorld(kind, SMS_ONLY);
    });
    after(() => world.close());

    it('sends ten pages as they come and bundles the other five', async () => {
      for (let i = 1; i <= 15; i++) {
        await world.incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: `Shard ${i} down`, service: 'checkout-api' }, { name: 'alertmanager' });
        await world.advance(3 * SECOND);
      }
      const sms = () => world.notifier.sent.filter((s) => s.channel === 'sms');
      assert.deepEqual(sms().map((s) => s.subject.replace(/^\[SEV-2\] INC-2026-1128-\d+ /, '')), Array.from({ length: 10 }, (_, i) => `Shard ${i + 1} down`));
      const tenthAt = sms()[9]!.at;
      await world.advance(tenthAt + 15 * MINUTE - world.now() - SECOND);
      assert.equal(sms().length, 10, 'held until 15 minutes after the tenth');
      await world.advance(2 * SECOND);
      assert.equal(sms().length, 11);
      assert.match(sms()[10]!.subject, /Shard 11 down — and 4 more pages \(limit of 10 per hour reached\)$/);
      const bundled = await world.store.listMessages({ statuses: ['bundled'] });
      assert.equal(bundled.length, 5, 'the five held pages are marked as bundled');
    });

    it('a flood over, pages go out one by one again once the hour has room', async () => {
      await world.advance(60 * MINUTE);
      world.notifier.sent.length = 0;
      const { view } = await world.incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: 'Shard 16 down', service: 'checkout-api' }, { name: 'alertmanager' });
      await world.settle();
      assert.deepEqual(world.notifier.sent.filter((s) => s.channel === 'sms').map((s) => s.subject), [`[SEV-2] ${view.incident.id} Shard 16 down`]);
    });
  });
}
