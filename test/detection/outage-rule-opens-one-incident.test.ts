import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { actionLines, openWorld, T0, type World } from './detection-world.js';

const RULES = `
triggers:
  critical_outage:
    conditions: ["error_rate > 50%", "response_time > 30s"]
    match: any
    duration: 5 minutes
    actions:
      - create_incident(severity='critical', type='outage', service='checkout')
      - page_oncall_engineer()
      - update_status_page('investigating')
      - start_war_room()
`;

for (const kind of STORE_KINDS) {
  describe(`critical_outage on a manual clock (${kind})`, () => {
    let w: World;
    before(async () => {
      w = await openWorld(kind, { rulesYaml: RULES });
    });
    after(() => w.close());

    it('error_rate above 50% for 5 minutes opens one SEV-1 outage incident; a 6th minute does not open another; recovery records resolved', async () => {
      // 10:00 – 10:04: above 50%, pending, nothing declared yet.
      for (let minute = 0; minute < 5; minute++) {
        const report = await w.tickWith({ error_rate: 62.5, response_time: 180 });
        assert.deepEqual(report.fired, [], `no firing at minute ${minute}`);
        w.advance(1);
      }
      assert.deepEqual(await w.ruleIncidents('critical_outage'), []);
      assert.equal(w.engine.ruleStates()['critical_outage']?.phase, 'pending');

      // 10:05: held for 5 minutes → firing, one SEV-1 outage incident.
      const fired = await w.tickWith({ error_rate: 70, response_time: 180 });
      assert.deepEqual(fired.transitions.map((t) => t.kind), ['firing']);
      const [incident] = await w.ruleIncidents('critical_outage');
      assert.deepEqual({ ...incident, id: undefined }, { id: undefined, status: 'triggered', severity: 'critical', type: 'outage' });
      const state = await w.db.store.findIncident(incident!.id);
      assert.equal(state?.impactStartedAt, T0, 'the impact started when the condition first held');
      assert.equal(state?.service, 'checkout');
      assert.equal(state?.declaredBy, 'rule:critical_outage');

      // 10:06 – 10:08: still firing: no second incident, no repeated requests.
      for (let minute = 0; minute < 3; minute++) {
        w.advance(1);
        const report = await w.tickWith({ error_rate: 80, response_time: 40_000 });
        assert.deepEqual(report.transitions, []);
        assert.deepEqual(report.fired, []);
      }
      assert.equal((await w.ruleIncidents('critical_outage')).length, 1);
      // The default configuration has no escalation policy, Slack or status page: each act says so, once.
      assert.deepEqual(actionLines(await w.timeline(incident!.id)), [
        'page_oncall_engineer() skipped',
        "update_status_page(status='investigating') skipped",
        'start_war_room() skipped',
      ]);

      // 10:09: recovered → resolved is noted on the incident, which stays open for people to resolve.
      w.advance(1);
      const recovered = await w.tickWith({ error_rate: 1.5, response_time: 180 });
      assert.deepEqual(recovered.transitions.map((t) => t.kind), ['resolved']);
      const last = (await w.timeline(incident!.id)).at(-1)!;
      assert.equal(last.actor, 'rule:critical_outage');
      assert.deepEqual(last.data, { kind: 'note-added', text: 'Trigger rule critical_outage resolved at 2026-03-02T10:09:00Z after 4m firing: its conditions no longer hold.' });
      assert.equal((await w.ruleIncidents('critical_outage'))[0]?.status, 'triggered');
    });

    it('fires again into the incident that is still open: no new incident, the requests are not repeated', async () => {
      const [open] = await w.ruleIncidents('critical_outage');
      for (let minute = 0; minute <= 5; minute++) {
        w.advance(1);
        await w.tickWith({ error_rate: 99 });
      }
      assert.equal(w.engine.ruleStates()['critical_outage']?.phase, 'firing');
      assert.deepEqual((await w.ruleIncidents('critical_outage')).map((i) => i.id), [open!.id]);
      const lines = actionLines(await w.timeline(open!.id));
      assert.deepEqual(lines.slice(3), ["create_incident(severity='critical', type='outage', service='checkout') skipped"]);
    });

    it('a restarted server finds the open incident in the store instead of declaring twice', async () => {
      const [open] = await w.ruleIncidents('critical_outage');
      w.restart();
      for (let minute = 0; minute <= 5; minute++) {
        w.advance(1);
        await w.tickWith({ error_rate: 99 });
      }
      assert.deepEqual((await w.ruleIncidents('critical_outage')).map((i) => i.id), [open!.id]);
    });

    it('once people resolved the incident, the next firing opens a new one', async () => {
      const [open] = await w.ruleIncidents('critical_outage');
      await w.incidents.resolve(open!.id, 'rolled back', { name: 'alice' });
      w.advance(1);
      await w.tickWith({ error_rate: 1 });
      for (let minute = 0; minute <= 5; minute++) {
        w.advance(1);
        await w.tickWith({ error_rate: 99 });
      }
      const all = await w.ruleIncidents('critical_outage');
      assert.equal(all.length, 2);
      assert.deepEqual(all.map((i) => i.status).sort(), ['resolved', 'triggered']);
    });

    it('a metric nobody sends is missing data: it never holds, and the rule does not fire', async () => {
      const quiet = await openWorld(kind, { rulesYaml: RULES });
      try {
        for (let minute = 0; minute <= 10; minute++) {
          const report = await quiet.engine.tick();
          assert.deepEqual(report.transitions, []);
          quiet.advance(1);
        }
      } finally {
        await quiet.close();
      }
    });
  });
}
