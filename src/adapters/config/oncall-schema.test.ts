import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../domain/errors/index.js';
import { parseConfig } from './load-config.js';

const FILE = [
  'people:',
  '  alice: { name: Alice, contact_methods: [{ kind: sms, address: "+15550001" }], notification_rules: [{ after_minutes: 0, method: sms }] }',
  '  bob: { contact_methods: [{ kind: email, address: bob@example.com, verified: false }] }',
  'teams:',
  '  payments: { members: [alice, bob], leads: [bob] }',
  'schedules:',
  '  primary:',
  '    layers:',
  '      - time_zone: America/New_York',
  '        start_date: 2026-10-25',
  '        hand_off_time: "01:30"',
  '        turn: weekly',
  '        participants: [alice, bob]',
  '        restrictions: [{ days: [mon, fri], start: "09:00", end: "17:00" }]',
  'escalation_policies:',
  '  payments:',
  '    steps:',
  '      - targets: [{ schedule: primary }]',
  '      - { delay_minutes: 30, targets: [{ team: payments, who: lead }, { person: alice }] }',
  'services:',
  '  checkout: { escalation_policy: payments }',
  '',
].join('\n');

function problems(text: string): string[] {
  try {
    parseConfig(text, 'f.yaml');
  } catch (e) {
    if (isAppError(e)) return e.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
    throw e;
  }
  return [];
}

describe('on-call configuration', () => {
  it('maps people, teams, schedules and policies onto the domain types', () => {
    const c = parseConfig(FILE, 'f.yaml');
    assert.deepEqual(c.people.map((p) => [p.id, p.name, p.contactMethods.map((m) => `${m.kind}:${m.isVerified}`)]), [['alice', 'Alice', ['sms:true']], ['bob', 'bob', ['email:false']]]);
    assert.deepEqual(c.teams, [{ id: 'payments', name: 'payments', memberIds: ['alice', 'bob'], leadIds: ['bob'], executiveIds: [] }]);
    const layer = c.schedules[0]!.layers[0]!;
    assert.deepEqual(layer.rotation, { timeZone: 'America/New_York', startDate: '2026-10-25', handOffTime: '01:30', length: { unit: 'weeks', count: 1 }, participantIds: ['alice', 'bob'] });
    assert.deepEqual(layer.restrictions, [{ days: [1, 5], startTime: '09:00', endTime: '17:00' }]);
    assert.deepEqual(c.escalationPolicies[0]!.steps[1], { delayMinutes: 30, targets: [{ kind: 'team', teamId: 'payments', who: 'lead' }, { kind: 'person', personId: 'alice' }] });
    assert.equal(c.services['checkout']!.escalationPolicy, 'payments');
  });

  it('names unknown people, schedules, teams and policies with line, column and a suggestion', () => {
    const bad = FILE.replace('participants: [alice, bob]', 'participants: [alice, bobb]').replace('schedule: primary', 'schedule: primry')
      .replace('team: payments', 'team: paymnts').replace('escalation_policy: payments', 'escalation_policy: paymens');
    assert.deepEqual(problems(bad), [
      "13:31 schedules.primary.layers[0].participants[1]: unknown person 'bobb' — did you mean 'bob'? (alice, bob)",
      "18:31 escalation_policies.payments.steps[0].targets[0].schedule: unknown schedule 'primry' — did you mean 'primary'? (primary)",
      "19:48 escalation_policies.payments.steps[1].targets[0].team: unknown team 'paymnts' — did you mean 'payments'? (payments)",
      "21:34 services.checkout.escalation_policy: unknown escalation policy 'paymens' — did you mean 'payments'? (payments)",
    ]);
  });

  it('rejects an unknown zone and a hand-off time that is not HH:MM', () => {
    const bad = FILE.replace('time_zone: America/New_York', 'time_zone: America/New_Yrok').replace('"01:30"', '"1:30pm"');
    const found = problems(bad);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0]!, /^9:20 schedules\.primary\.layers\[0\]\.time_zone: unknown time zone 'America\/New_Yrok' — did you mean 'America\/New_York'\?/);
    assert.match(found[1]!, /^11:24 schedules\.primary\.layers\[0\]\.hand_off_time: expected a time of day HH:MM/);
  });

  it('takes a push contact method without an address (the person\'s subscribed browsers), and asks the others for one', () => {
    const config = parseConfig('people:\n  alice:\n    contact_methods:\n      - { kind: push }\n      - { kind: ntfy, address: alice-pager }\n', 'f.yaml');
    assert.deepEqual(config.people[0]!.contactMethods.map((m) => [m.kind, m.address]), [['push', 'alice'], ['ntfy', 'alice-pager']]);
    const found = problems('people:\n  alice:\n    contact_methods:\n      - { kind: telegram }\n');
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0]!, /people\.alice\.contact_methods\[0\]\.address: a telegram contact method needs an address/);
  });
});
