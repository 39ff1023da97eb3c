import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../domain/errors/index.js';
import { parseConfig } from './index.js';

function problems(yaml: string): string[] {
  try {
    parseConfig(yaml, 'ir.yaml');
  } catch (e) {
    assert.ok(e instanceof AppError && e.code === 'CONFIG_INVALID', String(e));
    return e.issues.map((i) => `${i.line ?? '?'}: ${i.path}: ${i.message}`);
  }
  return [];
}

describe('reviews: and tickets: configuration', () => {
  it('reads reviews and tickets with their defaults', () => {
    const c = parseConfig([
      'reviews: { within_business_days: 3 }',
      'tickets:',
      '  jira: { base_url: "https://x.atlassian.net/", project_key: OPS, email: bot@example.com, api_token_env: JIRA_TOKEN, priorities: { critical: P1 } }',
      '  servicenow: { instance_url: https://x.service-now.com, username: bot, password_env: SNOW_PW, table: problem }',
      '  webhook: { url: https://itsm.example.com/h }',
    ].join('\n'), 'ir.yaml');
    assert.deepEqual(c.reviews, { requiredFor: ['critical', 'high'], withinBusinessDays: 3 });
    assert.deepEqual(c.tickets?.jira, {
      baseUrl: 'https://x.atlassian.net', projectKey: 'OPS', issueType: 'Task', email: 'bot@example.com', apiTokenEnv: 'JIRA_TOKEN',
      priorities: { critical: 'P1', high: 'High', medium: 'Medium', low: 'Low' }, doneStatuses: ['done'], autoCreateFor: [],
    });
    assert.equal(c.tickets?.servicenow?.table, 'problem');
    assert.deepEqual(c.tickets?.webhook?.doneStatuses, ['done', 'resolved', 'closed', 'cancelled', 'canceled']);
    assert.deepEqual(parseConfig('tickets: { jira: { base_url: https://x.atlassian.net, project_key: OPS, email: a@b.co, api_token_env: T, priority_mapping: false } }', 'ir.yaml').tickets?.jira?.priorities, {});
  });

  it('reads the addresses ticket requests may be redirected to (the configured URLs need none)', () => {
    const c = parseConfig('tickets: { webhook: { url: "http://10.1.2.3/h" }, allow_private_addresses: [10.20.0.0/16, "::1"] }', 'ir.yaml');
    assert.deepEqual(c.tickets?.allowPrivateAddresses, ['10.20.0.0/16', '::1']);
    assert.equal(parseConfig('tickets: { webhook: { url: "http://10.1.2.3/h" } }', 'ir.yaml').tickets?.allowPrivateAddresses, undefined);
  });

  it('names the key and line of each mistake, and refuses secrets written inline', () => {
    const table: [string, RegExp][] = [
      ['reviews: { required_for: [critcal] }', /^1: reviews\.required_for\[0\]: unknown severity 'critcal' — did you mean 'critical'\?/],
      ['reviews: { within_business_days: 0 }', /reviews\.within_business_days: at least 1 business day/],
      ['tickets: { jira: { base_url: https://x.atlassian.net, project_key: inc, email: a@b.co, api_token_env: T } }', /tickets\.jira\.project_key: a Jira project key/],
      ['tickets: { jira: { base_url: https://x.atlassian.net, project_key: INC, email: a@b.co, api_token_env: "ATATT3xFfGF0-secret" } }', /tickets\.jira\.api_token_env: give the name of an environment variable/],
      ['tickets: { servicenow: { instance_url: ftp://x, username: u, password_env: P } }', /tickets\.servicenow\.instance_url: expected an http\(s\) URL/],
      ['tickets: { webhook: { url: https://x.example.com, secret: abc } }', /tickets\.webhook\.secret: unknown key 'secret'/],
      ['tickets: { allow_private_addresses: [intranet] }', /^1: tickets\.allow_private_addresses\[0\]: expected an IPv4 or IPv6 address or CIDR range/],
    ];
    for (const [yaml, expected] of table) {
      const found = problems(yaml);
      assert.ok(found.some((p) => expected.test(p)), `${yaml}\n${found.join('\n')}`);
    }
  });
});

describe('tickets.jira.auto_create', () => {
  const jira = 'tickets:\n  jira: { base_url: "https://example.atlassian.net", project_key: INC, email: bot@example.com, api_token_env: JIRA_API_TOKEN';
  it('names the severities whose incidents get an issue, and how the issue is closed', () => {
    const c = parseConfig(`${jira}, auto_create: [critical], done_transition: Close, resolution: Fixed }\n`, 'ir.yaml');
    assert.deepEqual([c.tickets?.jira?.autoCreateFor, c.tickets?.jira?.doneTransition, c.tickets?.jira?.resolution], [['critical'], 'Close', 'Fixed']);
  });
  it("is what PRODUCT.md's auto_ticket_creation: true turns on, for SEV-1 and SEV-2", () => {
    const c = parseConfig(`${jira} }\nintegrations:\n  jira: { project_key: INC, auto_ticket_creation: true }\n`, 'ir.yaml');
    assert.deepEqual(c.tickets?.jira?.autoCreateFor, ['critical', 'high']);
  });
});
