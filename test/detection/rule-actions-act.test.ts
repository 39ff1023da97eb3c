// Story: search is failing. The rule declares a SEV-2 on search (which has no escalation policy of
// its own, so the declaration pages nobody), then acts: page_oncall_engineer(service='checkout-api')
// pages Alice through the Payments policy, update_status_page publishes "Search is degraded" on the
// search component, start_war_room() opens the Slack room. Each outcome is on the timeline, once:
// a retried firing and a second firing into the same open incident repeat nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RemediationRuns, RequestedActions, RuleActions } from '../../src/app/actions/index.js';
import { PushedMetrics } from '../../src/app/detection/index.js';
import type { WarRoom, WarRoomStart } from '../../src/app/ports/index.js';
import { parseTriggerRulesYaml } from '../../src/adapters/rules/index.js';
import { durationMs, MINUTE } from '../../src/domain/time/index.js';
import { DetectionEngine } from '../../src/engine/detection/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { openWorld, WORLD_CONFIG, type World } from '../paging/paging-world.js';

const CONFIG = `${WORLD_CONFIG.replace('  checkout-api: { name: Checkout API, owner_team: payments, escalation_policy: payments }\n',
  '  checkout-api: { name: Checkout API, owner_team: payments, escalation_policy: payments }\n  search: { name: Search }\n')}channels:
  slack: { bot_token_env: SLACK_BOT_TOKEN }
status_page:
  name: Acme Status
  url: https://status.example.com
  components:
    - { id: checkout-api, name: Checkout }
    - { id: search, name: Search }
`;

const RULES = `
triggers:
  search_failing:
    conditions: ["error_rate > 20%"]
    duration: 2 minutes
    actions:
      - create_incident(severity='high', service='search', title='Search failing')
      - page_oncall_engineer(service='checkout-api')
      - update_status_page('investigating', title='Search is degraded')
      - start_war_room()
`;

/** Opens rooms in memory, as the Slack adapter would answer. */
class RecordingWarRooms {
  readonly started: WarRoomStart[] = [];
  async startWarRoom(input: WarRoomStart): Promise<WarRoom> {
    this.started.push(input);
    return { channelId: 'C0WARROOM1', channelName: `inc-${input.incident.id.toLowerCase()}` };
  }
  async postToWarRoom(): Promise<void> {}
}

for (const kind of STORE_KINDS) {
  describe(`trigger actions act (${kind})`, () => {
    let w: World;
    let rooms: RecordingWarRooms;
    let detection: DetectionEngine;
    let pushed: PushedMetrics;
    let id: string;
    before(async () => {
      rooms = new RecordingWarRooms();
      w = await openWorld(kind, CONFIG, 'rule-actions-test', rooms);
      pushed = new PushedMetrics(durationMs(2 * MINUTE));
      const remediation = new RemediationRuns(w.incidents, w.store, { run: async () => ({ ok: false, reason: 'no runner in this test' }) }, {});
      const requests = new RequestedActions({ incidents: w.incidents, store: w.store, paging: w.paging, statusPage: w.config.statusPage, clock: w.clock });
      detection = new DetectionEngine({
        ruleSet: parseTriggerRulesYaml(RULES, 'triggers.yaml'), sources: [pushed],
        actions: new RuleActions(w.incidents, w.store, remediation, undefined, requests), clock: w.clock, intervalMs: MINUTE,
      });
    });
    after(() => w.close());

    const tick = async (errorRate: number) => {
      pushed.push([{ metric: 'error_rate', value: errorRate }], w.now());
      return detection.tick();
    };
    const actions = async () => (await w.store.readIncidentEvents(id)).flatMap((e) => (e.data.kind === 'action-recorded' ? [`${e.data.action} ${e.data.status}: ${e.data.detail ?? ''}`] : []));

    it('declares, then pages through the named service\'s policy, publishes to the status page and opens the war room', async () => {
      await tick(35);
      await w.advance(MINUTE);
      await tick(40);
      await w.advance(MINUTE);
      const report = await tick(45);
      assert.equal(report.fired.length, 1);
      id = report.fired[0]!.incidentId!;
      await w.settle();

      assert.deepEqual(await actions(), [
        "page_oncall_engineer(service='checkout-api') done: paged Alice Adams (sms, voice), Dana Diaz (email) through Payments",
        "update_status_page(status='investigating', title='Search is degraded') done: published \"Search is degraded\" (components: search) with impact major, status investigating",
        'start_war_room() done: war room requested: a Slack channel is opened and the first responders invited (its delivery follows on the timeline)',
      ]);
      // The declaration itself paged nobody (search has no policy); the action did.
      const kinds = (await w.store.readIncidentEvents(id)).map((e) => e.data.kind);
      assert.ok(kinds.indexOf('escalation-stopped') < kinds.indexOf('escalation-started'), kinds.join(' '));
      assert.deepEqual(w.takeSent().sort(), ['email dana@example.com', 'email leads@example.com', 'sms +15550000001']);

      const incident = (await w.store.findIncident(id))!;
      assert.deepEqual(incident.publication, { title: 'Search is degraded', componentIds: ['search'], impact: 'major', publishedAt: incident.publication?.publishedAt });
      assert.equal(incident.publicStatus, 'investigating');
      assert.equal(rooms.started.length, 1);
      assert.equal(rooms.started[0]!.incident.id, id);
      const delivery = (await w.store.readIncidentEvents(id)).find((e) => e.data.kind === 'message-delivery' && e.data.purpose === 'war-room');
      assert.equal(delivery?.data.kind === 'message-delivery' && delivery.data.status, 'delivered');
    });

    it('does nothing twice: the rule firing again into the open incident pages, publishes and opens nothing more', async () => {
      await w.advance(MINUTE);
      await tick(5);
      await w.advance(MINUTE);
      await tick(50);
      await w.advance(MINUTE);
      await tick(50);
      await w.advance(MINUTE);
      const again = await tick(50);
      assert.equal(again.fired.length, 1);
      assert.equal(again.fired[0]!.incidentId, id);
      assert.deepEqual(again.fired[0]!.ran, []);
      await w.settle();
      assert.equal((await actions()).length, 3 + 1, 'only the "fired again, still open" note is added');
      // Alice's call five minutes after the SMS is the same page going on, as her rules say; nothing is paged anew.
      assert.deepEqual(w.takeSent().filter((line) => line !== 'voice +15550000001'), []);
      assert.equal(rooms.started.length, 1);
    });
  });
}
