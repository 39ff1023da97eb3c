import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DAILY, type Person, type Schedule, type Team } from '../oncall/index.js';
import { epochMs } from '../time/index.js';
import { createTargetResolver, formatOffset, freezeEscalationPolicy, previewEscalation, type EscalationPolicy } from './index.js';

const T0 = epochMs(Date.UTC(2026, 10, 28, 17, 50));
const person = (id: string, kinds: Person['contactMethods'][number]['kind'][], rules: Person['notificationRules'] = []): Person => ({
  id, name: id[0]!.toUpperCase() + id.slice(1), notificationRules: rules,
  contactMethods: kinds.map((kind) => ({ id: `${id}-${kind}`, kind, address: `${id}@${kind}`, isVerified: true })),
});
const people = [
  person('alice', ['sms', 'voice'], [{ afterMinutes: 0, method: 'sms' }, { afterMinutes: 5, method: 'voice' }]),
  person('bob', ['sms']),
  person('erin', ['voice']),
];
const team: Team = { id: 'payments', name: 'Payments', memberIds: ['alice', 'bob'], leadIds: ['bob'], executiveIds: ['erin'] };
const schedule: Schedule = {
  id: 'primary', name: 'Payments primary', overrides: [],
  layers: [{ id: 'l1', name: 'L1', restrictions: [], rotation: { timeZone: 'UTC', startDate: '2026-01-01', handOffTime: '09:00', length: DAILY, participantIds: ['alice'] } }],
};
const resolve = createTargetResolver({ people, teams: [team], schedules: [schedule] });
const policy: EscalationPolicy = {
  id: 'payments', name: 'Payments', repeat: 0, repeatAfterMinutes: 30,
  steps: [{ delayMinutes: 0, targets: [{ kind: 'schedule', scheduleId: 'primary' }] }, { delayMinutes: 30, targets: [{ kind: 'person', personId: 'bob' }] }],
};

describe('previewEscalation', () => {
  it('lists who hears what when for a critical incident nobody acknowledges', () => {
    const snap = freezeEscalationPolicy(policy, { incidentId: 'preview', severity: 'critical', frozenAt: T0, teamId: 'payments', responseDueAt: epochMs(T0 + 15 * 60_000) });
    const preview = previewEscalation(snap, T0, 120, resolve);
    assert.deepEqual(preview.rows.map((r) => `${r.offset} ${r.personName} ${r.channel}`), ['T+0 Alice sms', 'T+0 Erin voice', 'T+5 Alice voice', 'T+15 Bob sms']);
    assert.equal(preview.endsWith, 'exhausted');
  });
  it('shows T+0, T+5, T+30 for a high incident without a response target', () => {
    const snap = freezeEscalationPolicy(policy, { incidentId: 'preview', severity: 'high', frozenAt: T0 });
    assert.deepEqual(previewEscalation(snap, T0, 120, resolve).rows.map((r) => r.offset), ['T+0', 'T+5', 'T+30']);
  });
  it('stops at the horizon', () => {
    const snap = freezeEscalationPolicy({ ...policy, repeat: 5 }, { incidentId: 'preview', severity: 'high', frozenAt: T0 });
    const preview = previewEscalation(snap, T0, 60, resolve);
    assert.deepEqual(preview.rows.map((r) => r.offset), ['T+0', 'T+5', 'T+30', 'T+1h']);
    assert.equal(preview.endsWith, undefined);
  });
  it('a low incident previews no pages', () => {
    const snap = freezeEscalationPolicy(policy, { incidentId: 'preview', severity: 'low', frozenAt: T0 });
    assert.deepEqual(previewEscalation(snap, T0, 60, resolve), { rows: [], unreachable: [], endsWith: 'not-paged' });
  });
  const offsets: [number, string][] = [[0, 'T+0'], [5, 'T+5'], [60, 'T+1h'], [90, 'T+1h30']];
  for (const [minutes, want] of offsets) it(`writes ${minutes} minutes as ${want}`, () => assert.equal(formatOffset(minutes), want));
});
