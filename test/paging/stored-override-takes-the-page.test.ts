// Story: Alice is on call. Bob takes her shift through `oncall override` while the server runs;
// the next incident pages Bob at once (no restart, no reload), the configured override for Dana
// loses where Bob's stored one covers the same time, and deleting Bob's override hands the pages
// back. Each change is a line of the admin audit trail.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../src/adapters/config/index.js';
import { OnCallOverrides } from '../../src/app/oncall-overrides/index.js';
import { HOUR, MINUTE, epochMs } from '../../src/domain/time/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { WORLD_CONFIG, openWorld, type World } from './paging-world.js';

// Dana covers 05:00–06:00 on the day of the story in the configuration file.
const YAML = WORLD_CONFIG.replace(
  '      - { time_zone: UTC, start_date: 2026-11-01, hand_off_time: "09:00", turn: weekly, participants: [alice] }',
  '      - { time_zone: UTC, start_date: 2026-11-01, hand_off_time: "09:00", turn: weekly, participants: [alice] }\n    overrides:\n      - { person: dana, start: "2026-11-28T05:00:00Z", end: "2026-11-28T06:00:00Z" }',
);

for (const kind of STORE_KINDS) {
  describe(`a stored override takes the page at once (${kind})`, () => {
    let world: World;
    let overrides: OnCallOverrides;
    let bobsShift: string;
    /** Who the first escalation step reached as on call, and the pages sent (the lead and the leads' list are told of every SEV-2 besides). */
    const declare = async (title: string) => {
      const { view } = await world.incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title, service: 'checkout-api' }, { name: 'carol' });
      await world.settle();
      const step = (await world.incidents.timeline(view.incident.id)).find((e) => e.data.kind === 'escalation-step');
      const reached = step?.data.kind === 'escalation-step' ? [...new Set(step.data.recipients.filter((r) => r.reason.startsWith('on call for Payments primary')).map((r) => r.personName))] : [];
      return [...reached, ...world.takeSent().filter((line) => line.startsWith('sms') || line.startsWith('voice')).sort()];
    };
    before(async () => {
      world = await openWorld(kind, YAML);
      const config = parseConfig(YAML, 'incident-response.yaml');
      let n = 0;
      overrides = new OnCallOverrides(world.store, { now: () => world.now() }, () => config, () => `ovr_${++n}`);
    });
    after(() => world.close());

    it('pages Alice while the rotation has her', async () => {
      assert.deepEqual(await declare('Checkout slow'), ['Alice Adams', 'sms +15550000001']);
    });

    it('pages Bob for the next incident once he takes her shift, without a restart', async () => {
      const made = await overrides.create({ name: 'bob', role: 'responder', teams: [] }, {
        scheduleId: 'primary', personId: 'bob', replacesPersonId: 'alice', from: '2026-11-28T02:00Z', to: '2026-11-28 09:00', note: 'Alice is travelling',
      });
      bobsShift = made.id;
      assert.deepEqual([made.personName, made.startAt, made.endAt], ['Bob Brown', '2026-11-28T02:00:00.000Z', '2026-11-28T09:00:00.000Z']);
      await world.advance(5 * MINUTE);
      world.takeSent();
      assert.deepEqual(await declare('Checkout down'), ['Bob Brown', 'sms +15550000002']);
    });

    it('wins over the configured override where both cover the time', async () => {
      await world.advance(2 * HOUR);
      world.takeSent();
      assert.equal(world.now() >= epochMs(Date.parse('2026-11-28T05:00:00Z')), true);
      // Dana's configured cover would apply only where Alice is on call; Bob's stored override is listed after it and wins.
      assert.deepEqual(await declare('Payments failing'), ['Bob Brown', 'sms +15550000002']);
    });

    it('hands the pages back when the override is deleted, and audits both changes', async () => {
      await overrides.delete({ name: 'admin', role: 'admin', teams: [] }, bobsShift);
      world.takeSent();
      // Dana's configured override covers 05:00–06:00 again.
      assert.deepEqual(await declare('Refunds failing'), ['Dana Diaz']);
      const audit = await world.store.readAdminAudit({ limit: 10 });
      assert.deepEqual(audit.map((a) => `${a.action} ${a.subject} ${a.actor}`).reverse(), [`oncall.override.create ${bobsShift} bob`, `oncall.override.delete ${bobsShift} admin`]);
    });

    it('refuses a responder who puts someone else on call', async () => {
      await assert.rejects(
        overrides.create({ name: 'eve', role: 'responder', teams: [] }, { scheduleId: 'primary', personId: 'bob', from: '2026-11-28T10:00Z', to: '2026-11-28T11:00Z' }),
        (e: Error & { code?: string }) => e.code === 'FORBIDDEN' && /ask a commander or an admin/.test(e.message),
      );
    });
  });
}
