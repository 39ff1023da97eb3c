import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEVERITIES, type Severity } from '../classification/index.js';
import { DEFAULT_COMMUNICATION_MATRIX, overrideCommunicationMatrix, renderCommunicationMatrix, stakeholdersFor } from './index.js';

// The Incident Communication Matrix exactly as the product description (PRODUCT.md) draws it.
const PRODUCT_TABLE = `
Executive Team      │  [OK]   │  [OK]   │   -   │   -   │ Phone/SMS
Engineering Leads   │  [OK]   │  [OK]   │  [OK]   │   -   │ Slack/Email
On-Call Engineers   │  [OK]   │  [OK]   │  [OK]   │  [OK]   │ PagerDuty
Customer Support    │  [OK]   │  [OK]   │  [OK]   │   -   │ Slack/Email
External Customers  │  [OK]   │  [OK]   │   -   │   -   │ Status Page
Security Team       │  [OK]   │  [OK]   │  [OK]   │  [OK]   │ Secure Channel
Legal/Compliance    │  [OK]   │   -   │   -   │   -   │ Secure Channel
`;
const productRows = PRODUCT_TABLE.trim().split('\n').map((line) => line.split('│').map((cell) => cell.trim()));

describe('communication matrix', () => {
  it('the default matrix equals the product description table', () => assert.deepEqual(renderCommunicationMatrix(DEFAULT_COMMUNICATION_MATRIX), productRows));

  const cases: Record<Severity, string[]> = {
    critical: ['executive-team', 'engineering-leads', 'on-call-engineers', 'customer-support', 'external-customers', 'security-team', 'legal-compliance'],
    high: ['executive-team', 'engineering-leads', 'on-call-engineers', 'customer-support', 'external-customers', 'security-team'],
    medium: ['engineering-leads', 'on-call-engineers', 'customer-support', 'security-team'],
    low: ['on-call-engineers', 'security-team'],
  };
  for (const severity of SEVERITIES) {
    it(`informs ${cases[severity].length} groups about a ${severity} incident`, () =>
      assert.deepEqual(stakeholdersFor(severity, DEFAULT_COMMUNICATION_MATRIX).map((s) => s.group), cases[severity]));
  }

  it('tells each group through its channel', () =>
    assert.deepEqual(stakeholdersFor('high', DEFAULT_COMMUNICATION_MATRIX).find((s) => s.group === 'external-customers'), { group: 'external-customers', label: 'External Customers', channel: 'status-page' }));

  it('an override changes only what it names', () => {
    const matrix = overrideCommunicationMatrix(DEFAULT_COMMUNICATION_MATRIX, { 'legal-compliance': { informedAt: { high: true } }, 'executive-team': { channel: 'slack-email' } });
    assert.deepEqual(matrix['legal-compliance'].informedAt, { critical: true, high: true, medium: false, low: false });
    assert.equal(matrix['executive-team'].channel, 'slack-email');
    assert.deepEqual(matrix['security-team'], DEFAULT_COMMUNICATION_MATRIX['security-team']);
  });
  it('overriding leaves the default table untouched', () => {
    overrideCommunicationMatrix(DEFAULT_COMMUNICATION_MATRIX, { 'legal-compliance': { informedAt: { low: true } } });
    assert.equal(DEFAULT_COMMUNICATION_MATRIX['legal-compliance'].informedAt.low, false);
  });
});
