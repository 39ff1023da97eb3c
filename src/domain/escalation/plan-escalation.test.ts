import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Severity } from '../classification/index.js';
import { DAILY, type Person, type Schedule, type Team } from '../oncall/index.js';
import { epochMs, type EpochMs } from '../time/index.js';
import {
  createTargetResolver, freezeEscalationPolicy, isStale, planEscalation,
  type EscalationDecision, type EscalationPolicy, type EscalationSnapshot, type EscalationState,
} from './index.js';

// Escalation stories on plain numbers: T is when escalation starts, T(n) is n minutes later.
const T0 = Date.UTC(2026, 10, 28, 17, 50);
const T = (minutes: number, seconds = 0): EpochMs => epochMs(T0 + minutes * 60_000 + seconds * 1000);

const person = (id: string, methods: [kind: Person['contactMethods'][number]['kind'], verified?: boolean][], rules: Person['notificationRules'] = []): Person => ({
  id, name: id[0]!.toUpperCase() + id.slice(1),
  contactMethods: methods.map(([kind, verified = true]) => ({ id: `${id}-${kind}`, kind, address: `${id}@${kind}`, isVerified: verified })),
  notificationRules: rules,
});
const alice = person('alice', [['sms'], ['voice'], ['email']], [{ afterMinutes: 0, method: 'sms' }, { afterMinutes: 5, method: 'voice' }]);
const bob = person('bob', [['sms']]);
const carol = person('carol', [['slack']]);
const erin = person('erin', [['voice']], [{ afterMinutes: 0, method: 'voice' }]);
const dan = person('dan', [['sms'], ['email']], [{ afterMinutes: 0, method: 'sms' }]);
const zed = person('zed', [['sms', false]]);
const payments: Team = { id: 'payments', name: 'Payments', memberIds: ['alice', 'bob', 'dan'], leadIds: ['carol'], executiveIds: ['erin'] };
const primary: Schedule = {
  id: 'primary', name: 'Payments primary', overrides: [],
  layers: [{ id: 'l1', name: 'Layer 1', restrictions: [], rotation: { timeZone: 'UTC', startDate: '2026-01-01', handOffTime: '09:00', length: DAILY, participantIds: ['alice'] } }],
};
const resolve = createTargetResolver({ people: [alice, bob, carol, erin, dan, zed], teams: [payments], schedules: [primary] });

const policy: EscalationPolicy = {
  id: 'payments', name: 'Payments', repeat: 0, repeatAfterMinutes: 30,
  steps: [
    { delayMinutes: 0, targets: [{ kind: 'schedule', scheduleId: 'primary' }] },
    { delayMinutes: 30, targets: [{ kind: 'person', personId: 'bob' }] },
  ],
};
const freeze = (severity: Severity, extra: { teamId?: string; assigneeId?: string; responseDueAt?: EpochMs; policy?: EscalationPolicy } = {}): EscalationSnapshot =>
  freezeEscalationPolicy(extra.policy ?? policy, { incidentId: 'INC-2026-1128-003', severity, frozenAt: T(0), ...extra });
const start = (stepsDone = 0, more: Partial<EscalationState> = {}): EscalationState => ({ startedAt: T(0), generation: 0, stepsDone, ...more });

/** "sms alice T+0" for every message of a notify decision. */
function sent(d: EscalationDecision): string[] {
  assert.equal(d.kind, 'notify', `expected notify, got ${JSON.stringify(d)}`);
  return d.kind === 'notify' ? d.messages.map((m) => `${m.via} ${m.personId} T+${(m.sendAt - T0) / 60_000}`) : [];
}

describe('escalation story: Alice, then Bob after 30 minutes', () => {
  const snap = freeze('high');

  it("pages Alice at T+0 by SMS, and by voice at T+5 following her own rules", () =>
    assert.deepEqual(sent(planEscalation(snap, start(), T(0), resolve)), ['sms alice T+0', 'voice alice T+5']));
  it('asks to be called again at T+30 for the next step', () => {
    const d = planEscalation(snap, start(), T(0), resolve);
    assert.equal(d.kind === 'notify' ? d.nextCheckAt : undefined, T(30));
  });
  it('waits until T+30 between the steps', () =>
    assert.deepEqual(planEscalation(snap, start(1), T(10), resolve), { kind: 'wait', generation: 0, until: T(30) }));
  it('pages Bob at T+30 when nobody has acknowledged', () =>
    assert.deepEqual(sent(planEscalation(snap, start(1), T(30), resolve)), ['sms bob T+30']));
  it('an acknowledgement at 29:59 stops step 2', () => {
    const acked = start(1, { acknowledgedAt: T(29, 59), generation: 1 });
    assert.equal(isStale(0, acked), true, 'the T+30 timer was set for generation 0');
    assert.deepEqual(planEscalation(snap, acked, T(30), resolve), { kind: 'done', generation: 1, reason: 'acknowledged' });
  });
  it('is exhausted after the last step', () =>
    assert.deepEqual(planEscalation(snap, start(2), T(31), resolve), { kind: 'done', generation: 0, reason: 'exhausted' }));
  it('stops when the incident is resolved', () =>
    assert.deepEqual(planEscalation(snap, start(1, { resolvedAt: T(12) }), T(30), resolve), { kind: 'done', generation: 0, reason: 'resolved' }));
  it('returns overdue steps one at a time, oldest first', () => {
    const d = planEscalation(snap, start(0), T(45), resolve);
    assert.deepEqual(d.kind === 'notify' ? [d.step, d.stepsDone, d.nextCheckAt] : d, [0, 1, T(30)]);
  });
});

describe('repeats', () => {
  it('runs the policy three times for "repeat twice", then is exhausted', () => {
    const snap = freeze('high', { policy: { ...policy, repeat: 2, repeatAfterMinutes: 30 } });
    const fired: string[] = [];
    let state = start();
    let now = T(0);
    for (let i = 0; i < 20; i++) {
      const d = planEscalation(snap, state, now, resolve);
      if (d.kind === 'done') {
        fired.push(d.reason);
        break;
      }
      if (d.kind === 'wait') {
        now = d.until;
        continue;
      }
      fired.push(`step ${d.step + 1} pass ${d.repeat + 1} at T+${(now - T0) / 60_000}`);
      state = { ...state, stepsDone: d.stepsDone };
      now = d.nextCheckAt ?? now;
    }
    assert.deepEqual(fired, [
      'step 1 pass 1 at T+0', 'step 2 pass 1 at T+30', 'step 1 pass 2 at T+60', 'step 2 pass 2 at T+90',
      'step 1 pass 3 at T+120', 'step 2 pass 3 at T+150', 'exhausted',
    ]);
  });
});

describe('generations', () => {
  const cases: { name: string; timer: number; state: number; want: boolean }[] = [
    { name: 'a timer from before the acknowledgement is stale', timer: 0, state: 1, want: true },
    { name: 'a timer of the current generation is live', timer: 3, state: 3, want: false },
  ];
  for (const c of cases) it(c.name, () => assert.equal(isStale(c.timer, { generation: c.state }), c.want));

  it('every decision carries the generation it was made for', () => {
    const d = planEscalation(freeze('high'), start(0, { generation: 7 }), T(0), resolve);
    assert.equal(d.generation, 7);
  });
});

describe('idempotency keys', () => {
  it('are incidentId:generation:step:repeat:personId:method', () => {
    const d = planEscalation(freeze('high'), start(0, { generation: 2 }), T(0), resolve);
    assert.deepEqual(d.kind === 'notify' ? d.messages.map((m) => m.idempotencyKey) : d, ['INC-2026-1128-003:2:0:0:alice:sms', 'INC-2026-1128-003:2:0:0:alice:voice']);
  });
  it('are the same however often a step is planned', () => {
    const keys = () => {
      const d = planEscalation(freeze('high'), start(1), T(40), resolve);
      return d.kind === 'notify' ? d.messages.map((m) => m.idempotencyKey) : [];
    };
    assert.deepEqual(keys(), keys());
  });
});

describe('severity drives escalation', () => {
  it('SEV-1 adds the team executives at T+0', () =>
    assert.deepEqual(sent(planEscalation(freeze('critical', { teamId: 'payments' }), start(), T(0), resolve)), ['sms alice T+0', 'voice erin T+0', 'voice alice T+5']));
  it('SEV-1 does not repeat the executives on later steps', () =>
    assert.deepEqual(sent(planEscalation(freeze('critical', { teamId: 'payments' }), start(1), T(30), resolve)), ['sms bob T+30']));
  it('SEV-2 adds the team lead next to the on-call engineer at T+0', () =>
    assert.deepEqual(sent(planEscalation(freeze('high', { teamId: 'payments' }), start(), T(0), resolve)), ['sms alice T+0', 'slack carol T+0', 'voice alice T+5']));
  it('SEV-3 notifies only the assigned member, without paging', () => {
    const d = planEscalation(freeze('medium', { teamId: 'payments', assigneeId: 'dan' }), start(), T(0), resolve);
    assert.deepEqual(sent(d), ['email dan T+0']);
    assert.equal(d.kind === 'notify' && d.messages.every((m) => !m.isPage), true);
  });
  it('SEV-3 notifies once and then stops', () =>
    assert.deepEqual(planEscalation(freeze('medium', { assigneeId: 'dan' }), start(1), T(30), resolve), { kind: 'done', generation: 0, reason: 'exhausted' }));
  it('SEV-4 goes to the queue and pages nobody', () =>
    assert.deepEqual(planEscalation(freeze('low', { teamId: 'payments' }), start(), T(0), resolve), { kind: 'done', generation: 0, reason: 'not-paged' }));
});

describe('response target', () => {
  const snap = freeze('critical', { responseDueAt: T(15) });
  it('an unacknowledged incident past its response target escalates to the next step at once', () =>
    assert.deepEqual(sent(planEscalation(snap, start(1), T(15), resolve)), ['sms bob T+15']));
  it('before the response target the next step waits for it', () =>
    assert.deepEqual(planEscalation(snap, start(1), T(14), resolve), { kind: 'wait', generation: 0, until: T(15) }));
  it('later steps keep their delays after the pulled-forward step', () => {
    const three = freeze('critical', { responseDueAt: T(15), policy: { ...policy, steps: [...policy.steps, { delayMinutes: 30, targets: [{ kind: 'team', teamId: 'payments', who: 'lead' }] }] } });
    assert.deepEqual(planEscalation(three, start(2), T(20), resolve), { kind: 'wait', generation: 0, until: T(45) });
  });
});

describe('reachability', () => {
  it('reports a person with no verified method instead of sending nothing silently', () => {
    const d = planEscalation(freeze('high', { policy: { ...policy, steps: [{ delayMinutes: 0, targets: [{ kind: 'person', personId: 'zed' }] }] } }), start(), T(0), resolve);
    assert.deepEqual(d.kind === 'notify' ? [d.messages, d.unreachable.map((u) => u.personId)] : d, [[], ['zed']]);
  });
  it('a person with no rules is reached by their first verified method', () =>
    assert.deepEqual(sent(planEscalation(freeze('high', { policy: { ...policy, steps: [{ delayMinutes: 0, targets: [{ kind: 'person', personId: 'carol' }] }] } }), start(), T(0), resolve)), ['slack carol T+0']));
  it('someone reached by two targets of a step is notified once', () =>
    assert.deepEqual(sent(planEscalation(freeze('high', { policy: { ...policy, steps: [{ delayMinutes: 0, targets: [{ kind: 'schedule', scheduleId: 'primary' }, { kind: 'person', personId: 'alice' }] }] } }), start(), T(0), resolve)), ['sms alice T+0', 'voice alice T+5']));
});

describe('freezing the policy', () => {
  it('editing the policy after escalation starts does not change the snapshot', () => {
    const editable = { ...policy, steps: [...policy.steps] } as { steps: EscalationPolicy['steps'] } & EscalationPolicy;
    const snap = freeze('high', { policy: editable });
    (editable.steps as EscalationPolicy['steps'][number][]).pop();
    assert.equal(snap.policy.steps.length, 2);
    assert.equal(Object.isFrozen(snap.policy.steps[0]), true);
  });
  it('records the escalation mode of the severity at freezing time', () => assert.equal(freeze('critical').mode, 'leadership'));
});
