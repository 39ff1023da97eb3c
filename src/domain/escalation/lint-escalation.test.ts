import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WEEKDAYS, WEEKLY, type Person, type Schedule, type Team } from '../oncall/index.js';
import { epochMs } from '../time/index.js';
import { lintEscalation, type EscalationPolicy } from './index.js';

const person = (id: string, verified: boolean, rules: Person['notificationRules'] = []): Person => ({
  id, name: id, notificationRules: rules, contactMethods: [{ id: `${id}-sms`, kind: 'sms', address: '+1555', isVerified: verified }],
});
const ann = person('ann', true);
const team: Team = { id: 'payments', name: 'Payments', memberIds: ['ann'], leadIds: ['ann'], executiveIds: [] };
const allDay: Schedule = {
  id: 'primary', name: 'Primary', overrides: [],
  layers: [{ id: 'l1', name: 'L1', restrictions: [], rotation: { timeZone: 'Europe/Berlin', startDate: '2026-01-05', handOffTime: '09:00', length: WEEKLY, participantIds: ['ann'] } }],
};
const officeOnly: Schedule = { ...allDay, id: 'office', name: 'Office', layers: [{ ...allDay.layers[0]!, restrictions: [{ days: WEEKDAYS, startTime: '09:00', endTime: '17:00' }] }] };
const good: EscalationPolicy = { id: 'good', name: 'Good', repeat: 0, repeatAfterMinutes: 30, steps: [{ delayMinutes: 0, targets: [{ kind: 'schedule', scheduleId: 'primary' }, { kind: 'team', teamId: 'payments', who: 'lead' }] }] };
const from = epochMs(Date.UTC(2026, 10, 16, 8));
const to = epochMs(Date.UTC(2026, 10, 17, 8));

const codes = (people: Person[], schedules: Schedule[], policies: EscalationPolicy[]) => lintEscalation(people, [team], schedules, policies, from, to).map((p) => `${p.code} ${p.subject}`);

describe('lintEscalation', () => {
  it('finds nothing wrong with a covered schedule, a reachable person and a complete policy', () => assert.deepEqual(codes([ann], [allDay], [good]), []));
  it('reports hours with nobody on call', () => {
    const office = { ...good, steps: [{ delayMinutes: 0, targets: [{ kind: 'schedule', scheduleId: 'office' }] }] } as EscalationPolicy;
    const problems = lintEscalation([ann], [team], [officeOnly], [office], from, to);
    // Office hours are 09:00–17:00 Berlin (08:00–16:00 UTC), so the evening and night are uncovered.
    assert.deepEqual(problems.map((p) => [p.code, p.subject, p.startAt, p.endAt]), [['coverage-gap', 'schedule:office', epochMs(Date.UTC(2026, 10, 16, 16)), to]]);
  });
  it('reports a person with no working contact method', () => assert.deepEqual(codes([ann, person('zed', false)], [allDay], [good]), ['no-working-contact person:zed']));
  it("reports a notification rule the person can't be reached by", () =>
    assert.deepEqual(codes([{ ...ann, notificationRules: [{ afterMinutes: 5, method: 'voice' }] }], [allDay], [good]), ['rule-without-method person:ann']));
  it('reports a policy with no steps', () => assert.deepEqual(codes([ann], [allDay], [{ ...good, steps: [] }]), ['policy-without-steps policy:good']));
  it('reports a step with no targets', () => assert.deepEqual(codes([ann], [allDay], [{ ...good, steps: [{ delayMinutes: 0, targets: [] }] }]), ['step-without-targets policy:good step 1']));
  const unknown: [string, EscalationPolicy['steps'][number]['targets'][number]][] = [
    ['person', { kind: 'person', personId: 'ghost' }],
    ['schedule', { kind: 'schedule', scheduleId: 'ghost' }],
    ['team', { kind: 'team', teamId: 'ghost', who: 'members' }],
  ];
  for (const [what, target] of unknown) {
    it(`reports a step naming an unknown ${what}`, () =>
      assert.deepEqual(codes([ann], [allDay], [{ ...good, steps: [{ delayMinutes: 0, targets: [target] }] }]), ['unknown-target policy:good step 1']));
  }
  it('reports a team role with nobody in it', () =>
    assert.deepEqual(codes([ann], [allDay], [{ ...good, steps: [{ delayMinutes: 0, targets: [{ kind: 'team', teamId: 'payments', who: 'executives' }] }] }]), ['empty-team-role policy:good step 1']));
  it('reports a rotation through someone who does not exist', () =>
    assert.deepEqual(codes([ann], [{ ...allDay, layers: [{ ...allDay.layers[0]!, rotation: { ...allDay.layers[0]!.rotation, participantIds: ['ann', 'ghost'] } }] }], [good]), ['unknown-target schedule:primary']));
});
