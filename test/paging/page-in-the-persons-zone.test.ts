// Story: Alice reads times in Berlin, Bob has set no zone. A SEV-2 declared at 03:00 UTC pages
// Alice with the declaration time as she reads it (04:00 CET) and Bob, 30 minutes later, in UTC.
// On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MINUTE } from '../../src/domain/time/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { WORLD_CONFIG, openWorld, type World } from './paging-world.js';

const CONFIG = WORLD_CONFIG.replace('  alice:\n    name: Alice Adams\n', '  alice:\n    name: Alice Adams\n    time_zone: Europe/Berlin\n');

for (const kind of STORE_KINDS) {
  describe(`pages read in the person's time zone (${kind})`, () => {
    let world: World;
    let id: string;
    before(async () => {
      assert.notEqual(CONFIG, WORLD_CONFIG);
      world = await openWorld(kind, CONFIG);
    });
    after(() => world.close());

    const textTo = async (address: string) => (await world.store.listMessages({ incidentId: id })).filter((m) => m.address === address).map((m) => m.text);

    it('tells Alice when the incident was declared in Berlin time', async () => {
      const { view } = await world.incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout-api' }, { name: 'carol' });
      id = view.incident.id;
      await world.settle();
      const [sms] = await textTo('+15550000001');
      assert.match(sms ?? '', /; declared 2026-11-28 04:00 CET\n/);
    });

    it('tells Bob, who set no zone, in UTC as before', async () => {
      await world.advance(30 * MINUTE);
      const [sms] = await textTo('+15550000002');
      assert.match(sms ?? '', /; declared 2026-11-28T03:00:00Z\n/);
    });
  });
}
