import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PAGING_CONFIG } from '../../app/config/index.js';
import { AppError } from '../../domain/errors/index.js';
import { parseConfig } from './load-config.js';

const POLICIES = `
people:
  alice: { name: Alice, contact_methods: [{ kind: email, address: a@example.com }] }
escalation_policies:
  primary: { name: Primary, steps: [{ targets: [{ person: alice }] }] }
`;

function configError(yaml: string): string {
  try {
    parseConfig(yaml, 'incident-response.yaml');
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return error.message + JSON.stringify(error.issues);
  }
  assert.fail('expected the configuration to be refused');
}

describe('paging: and communication: configuration', () => {
  it('keeps the defaults when both are left out', () => {
    assert.deepEqual(parseConfig('display_time_zone: UTC\n', 'x.yaml').paging, DEFAULT_PAGING_CONFIG);
  });

  it('reads caps, retries, the engine and stakeholders', () => {
    const config = parseConfig(`${POLICIES}
paging:
  default_escalation_policy: primary
  caps_per_hour: { sms: 3 }
  max_attempts: 4
  max_message_age: 30m
  engine: { lease: 10s, heartbeat_url: "https://hc-ping.com/abc" }
communication:
  update_reminder_before: 10m
  matrix: { customer-support: { informed_at: { medium: false } } }
  stakeholders:
    executive-team: [{ channel: sms, address: "+15550001000", name: CEO }]
    engineering-leads: [{ channel: webhook, address: "https://hooks.example.com/x" }]
`, 'x.yaml');
    const p = config.paging;
    assert.equal(p.defaultEscalationPolicy, 'primary');
    assert.deepEqual(p.capsPerHour, { sms: 3, voice: 5 });
    assert.equal(p.retry.maxAttempts, 4);
    assert.equal(p.retry.maxAgeMs, 30 * 60_000);
    assert.equal(p.engine.leaseMs, 10_000);
    assert.equal(p.engine.heartbeatUrl, 'https://hc-ping.com/abc');
    assert.equal(p.updateReminderBeforeMs, 10 * 60_000);
    assert.equal(p.matrix['customer-support'].informedAt.medium, false);
    assert.equal(p.matrix['customer-support'].informedAt.high, true);
    assert.deepEqual(p.stakeholders['executive-team'], [{ channel: 'sms', address: '+15550001000', name: 'CEO' }]);
    assert.equal(p.stakeholders['engineering-leads']?.[0]?.name, 'webhook endpoint', 'a webhook URL is never shown as a name');
  });

  it('names the line and the field of a mistake', () => {
    assert.match(configError(`${POLICIES}\npaging:\n  default_escalation_policy: primray\n`), /paging\.default_escalation_policy|primray.*primary/);
    assert.match(configError('paging:\n  caps_per_hour: { sms: 0 }\n'), /caps_per_hour/);
    assert.match(configError('communication:\n  stakeholders:\n    executives: []\n'), /executives/);
    assert.match(configError('communication:\n  stakeholders:\n    executive-team: [{ channel: pigeon, address: x }]\n'), /channel/);
    assert.match(configError('paging:\n  engine: { heartbeat_url: "ftp://x" }\n'), /heartbeat_url|http/);
  });
});
