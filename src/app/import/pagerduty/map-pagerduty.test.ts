import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapPagerDuty } from './map-pagerduty.js';
import type { PagerDutySnapshot } from './pagerduty-types.js';

const NOW = Date.parse('2026-10-20T12:00:00Z');
const empty: PagerDutySnapshot = { users: [], teams: [], schedules: [], overrides: {}, escalationPolicies: [], services: [] };
const user = (id: string, email: string) => ({ id, name: email, email, contact_methods: [{ id: `${id}-e`, type: 'email_contact_method', address: email }] });

describe('mapPagerDuty', () => {
  it('moves each rule\'s delay to the next step, and the delay of a rule with nothing importable onto the step after it', () => {
    const result = mapPagerDuty({
      ...empty,
      users: [user('PA', 'ann@example.com'), user('PB', 'ben@example.com')],
      escalationPolicies: [{
        id: 'PE', name: 'Main', num_loops: 1,
        escalation_rules: [
          { escalation_delay_in_minutes: 10, targets: [{ id: 'PA', type: 'user_reference' }] },
          { escalation_delay_in_minutes: 20, targets: [{ id: 'PGONE', type: 'schedule_reference', summary: 'Deleted' }] },
          { escalation_delay_in_minutes: 30, targets: [{ id: 'PB', type: 'user_reference' }] },
        ],
      }],
    }, NOW);
    assert.deepEqual(result.config.escalation_policies['main'], {
      name: 'Main', repeat: 1, repeat_after_minutes: 30,
      steps: [{ delay_minutes: 0, targets: [{ person: 'ann' }] }, { delay_minutes: 30, targets: [{ person: 'ben' }] }],
    });
    assert.deepEqual(result.notes.map((n) => n.message), [
      'rule 2: target Deleted (schedule_reference) was not imported and was left out',
      'rule 2 has no importable target and was dropped; its delay moved to the next step',
    ]);
    assert.deepEqual(result.tallies.find((t) => t.kind === 'escalation policy'), { kind: 'escalation policy', subject: "escalation policy 'Main'", level: 'approximate' });
  });

  it('gives people readable ids from their e-mail addresses, unique when two share a name', () => {
    const result = mapPagerDuty({ ...empty, users: [user('P1', 'sam@a.example'), user('P2', 'sam@b.example')] }, NOW);
    assert.deepEqual(Object.keys(result.config.people), ['sam', 'sam-2']);
  });

  it('leaves out a schedule whose only layer has ended, saying so', () => {
    const result = mapPagerDuty({
      ...empty,
      users: [user('PA', 'ann@example.com')],
      schedules: [{
        id: 'PS', name: 'Old', time_zone: 'Europe/Berlin',
        schedule_layers: [{ start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z', rotation_virtual_start: '2026-01-01T00:00:00Z', rotation_turn_length_seconds: 86_400, users: [{ user: { id: 'PA' } }] }],
      }],
      overrides: { PS: [] },
    }, NOW);
    assert.deepEqual(result.config.schedules, {});
    assert.deepEqual(result.notes.map((n) => `${n.level}: ${n.message}`), ['unmapped: it has no current layer with people in it, so it was not imported']);
  });
});
