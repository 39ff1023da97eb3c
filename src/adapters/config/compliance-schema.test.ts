import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines, problems } from './config-test-support.js';
import { parseConfig } from './index.js';


describe('parseConfig: compliance and audit', () => {
  it('reads contacts and windows, keeping the statutory defaults for what is left out', () => {
    const config = parseConfig(lines(
      'compliance:',
      '  pci_dss:',
      '    notify_within: 12h',
      '    acquirers: [{ name: Acme Merchant Services, reach: incidents@acme.example }]',
      '    card_brands: [{ name: Visa }]',
      '  reminders:',
      '    before: [1h, 24h]',
      'audit:',
      '  signing_key_env: IR_AUDIT_KEY',
      '  checkpoint_every: 15 minutes',
    ), 'ir.yaml');
    assert.equal(config.compliance?.pciDss.notifyWithinMs, 12 * 3_600_000);
    assert.deepEqual(config.compliance?.pciDss.acquirers, [{ name: 'Acme Merchant Services', reach: 'incidents@acme.example' }]);
    assert.equal(config.compliance?.gdpr.authorityWithinMs, 72 * 3_600_000);
    assert.equal(config.compliance?.hipaa.largeBreachThreshold, 500);
    assert.deepEqual(config.compliance?.reminderLeadMs, [24 * 3_600_000, 3_600_000]);
    assert.deepEqual(config.audit, { signingKeyEnv: 'IR_AUDIT_KEY', checkpointEveryMs: 15 * 60_000 });
  });

  it('names the key, line and column of each problem', () => {
    assert.deepEqual(problems(lines(
      'compliance:',
      '  gdpr:',
      '    authority_within: soon',
      'audit:',
      '  signing_key_env: 1BAD',
    )), [
      "3:23 compliance.gdpr.authority_within: 'soon' is not a duration; expected e.g. \"15 minutes\", \"2h\" or \"1d\"",
      '5:20 audit.signing_key_env: expected an environment variable name such as IR_AUDIT_KEY',
    ]);
    assert.deepEqual(problems(lines('audit:', '  signing_key_file: k.pem', '  signing_key_env: IR_KEY')), [
      '3:20 audit.signing_key_env: give signing_key_file or signing_key_env, not both',
    ]);
  });
});
