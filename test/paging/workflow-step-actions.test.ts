// Story: a SEV-3 outage on checkout-api (SEV-3 only notifies, so nobody is paged at declaration).
// The first phase opens the war room as it starts; Carol ticks "Activate the team", which pages Alice
// through the Payments policy. Fifteen minutes in, the investigation phase starts and tells
// customers on the status page. "Fail over" waits for a commander's approval, as trigger rules'
// remediations do. Every outcome is on the timeline, once, whatever is ticked again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RemediationRuns, RequestedActions, StepActions } from '../../src/app/actions/index.js';
import type { OutboundCall } from '../../src/app/config/index.js';
import type { WarRoom, WarRoomStart } from '../../src/app/ports/index.js';
import { durationMs, MINUTE, SECOND } from '../../src/domain/time/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { openWorld, WORLD_CONFIG, type World } from './paging-world.js';

const CONFIG = `${WORLD_CONFIG}channels:
  slack: { bot_token_env: SLACK_BOT_TOKEN }
status_page:
  name: Acme Status
  url: https://status.example.com
  components:
    - { id: checkout-api, name: Checkout }
workflows:
  outage:
    phases:
      - key: immediate
        title: Immediate Actions
        marker: OK
        window: 0-15 minutes
        steps:
          - { key: confirm-scope, title: Confirm scope and impact }
          - { key: activate-team, title: Activate the team, action: "page_oncall_engineer()" }
          - { key: open-room, title: Open the war room, action: "start_war_room()", run_at: phase_start }
      - key: investigation
        title: Investigation
        window: 15-60 minutes
        steps:
          - { key: tell-customers, title: Tell customers, action: "update_status_page('identified', message='We found the cause and are fixing it.')", run_at: phase_start }
          - { key: fail-over, title: Fail over to the other region, action: "failover()" }
`;

const FAILOVER: OutboundCall = { kind: 'command', argv: ['/usr/local/bin/failover', '--to', 'eu-west-2'] };

class RecordingWarRooms {
  readonly started: WarRoomStart[] = [];
  async startWarRoom(input: WarRoomStart): Promise<WarRoom> {
    this.started.push(input);
    return { channelId: 'C0WARROOM1', channelName: `inc-${input.incident.id.toLowerCase()}` };
  }
  async postToWarRoom(): Promise<void> {}
}

for (const kind of STORE_KINDS) {
  describe(`workflow steps run their actions (${kind})`, () => {
    let w: World;
    let rooms: RecordingWarRooms;
    let steps: StepActions;
    let ran: string[];
    let id: string;
    const carol = { name: 'carol' };
    before(async () => {
      rooms = new RecordingWarRooms();
      w = await openWorld(kind, CONFIG, 'workflow-steps', rooms);
      ran = [];
      const remediation = new RemediationRuns(w.incidents, w.store, { run: async (call) => { ran.push(call.kind === 'command' ? call.argv.join(' ') : call.url); return { ok: true, detail: 'exit 0' }; } }, {
        failover: { call: FAILOVER, timeoutMs: durationMs(30 * SECOND), isDryRun: false, requiresApproval: true },
      });
      steps = new StepActions({
        incidents: w.incidents, store: w.store, remediation, evidence: undefined,
        requests: new RequestedActions({ incidents: w.incidents, store: w.store, paging: w.paging, statusPage: w.config.statusPage, clock: w.clock }),
      });
      w.incidents.follow(steps);
    });
    after(() => w.close());

    const actions = async () => (await w.store.readIncidentEvents(id)).flatMap((e) => (e.data.kind === 'action-recorded' ? [`${e.actor}: ${e.data.action} ${e.data.status} — ${e.data.detail ?? ''}`] : []));

    it('opens the war room when the first phase starts, and pages nobody at declaration (SEV-3 only notifies)', async () => {
      const declared = await w.incidents.declare({ severity: 'medium', incidentType: 'outage', environment: 'production', title: 'Checkout slow', service: 'checkout-api' }, carol);
      id = declared.view.incident.id;
      assert.ok(declared.recorded.some((e) => e.data.kind === 'action-recorded' && e.data.action === 'start_war_room()'), 'the declaration answer includes the step action');
      await w.settle();
      assert.deepEqual(await actions(), [
        'workflow: start_war_room() done — step open-room: war room requested: a Slack channel is opened and the first responders invited (its delivery follows on the timeline)',
      ]);
      assert.equal(rooms.started.length, 1);
      assert.deepEqual(w.takeSent().sort(), ['email alice@example.com', 'email leads@example.com'], 'SEV-3 notifies the first step by e-mail, it does not page');
    });

    it('pages the on-call when "Activate the team" is ticked, once however often it is ticked', async () => {
      const ticked = await w.incidents.setStep(id, 'activate-team', true, carol);
      assert.ok(ticked.recorded.some((e) => e.data.kind === 'action-recorded' && e.data.action === 'page_oncall_engineer()'), 'the tick answer includes the outcome');
      await w.settle();
      assert.deepEqual(w.takeSent(), ['sms +15550000001']);
      await w.incidents.setStep(id, 'activate-team', false, carol);
      await w.incidents.setStep(id, 'activate-team', true, carol);
      await w.incidents.setStep(id, 'confirm-scope', true, carol);
      await w.settle();
      assert.deepEqual(w.takeSent(), []);
      assert.deepEqual((await actions()).slice(1), ['carol: page_oncall_engineer() done — step activate-team: paged Alice Adams (sms, voice) through Payments']);
    });

    it('tells customers when the investigation phase starts, 15 minutes in', async () => {
      assert.equal(await steps.runPhaseStarts(w.now()), 0);
      await w.advance(14 * MINUTE);
      assert.equal(await steps.runPhaseStarts(w.now()), 0);
      w.takeSent();
      await w.advance(MINUTE);
      assert.equal(await steps.runPhaseStarts(w.now()), 1);
      assert.equal(await steps.runPhaseStarts(w.now()), 0, 'once');
      const incident = (await w.store.findIncident(id))!;
      assert.equal(incident.publicStatus, 'identified');
      assert.equal(incident.publication?.title, 'Checkout slow');
      assert.equal(incident.lastUpdate?.message, 'We found the cause and are fixing it.');
      assert.equal((await actions()).at(-1), 'workflow: update_status_page(status=\'identified\', message=\'We found the cause and are fixing it.\') done — step tell-customers: published "Checkout slow" (components: checkout-api) with impact minor, status identified');
    });

    it('waits for a commander to approve "Fail over", then runs it', async () => {
      await w.incidents.setStep(id, 'fail-over', true, carol);
      assert.deepEqual(ran, []);
      assert.match((await actions()).at(-1)!, /^carol: failover\(\) awaiting-approval — command \/usr\/local\/bin\/failover --to eu-west-2; approve with "POST \/api\/v1\/incidents\/.+\/actions\/step-fail-over\/approve" \(commander\)$/);
    });
  });
}
