import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';

// PRODUCT.md's "Integration Configuration Example", pasted verbatim into a file.
const FIXTURE = resolve('test/fixtures/product-md/integrations.yaml');

describe('PRODUCT.md\'s integrations block', () => {
  it('passes config validate as written, naming what each switch still needs', async () => {
    const r = await runBin(['config', 'validate', FIXTURE], { cwd: tempDir() });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^OK: .*integrations\.yaml is valid\.$/m);
    assert.match(r.stdout, /integrations\.jira\.auto_ticket_creation: needs configuration — add tickets\.jira with base_url, email, api_token_env and project_key: INC/);
  });

  it('config explain says what every key became', async () => {
    const r = await runBin(['config', 'explain', FIXTURE], { cwd: tempDir() });
    assert.equal(r.code, 0, r.stderr);
    const keys = [...r.stdout.matchAll(/^(integrations\.[a-z_.]+): /gm)].map((m) => m[1]);
    assert.deepEqual(keys, [
      'integrations.slack.incident_channel', 'integrations.slack.war_room_creation', 'integrations.slack.status_updates',
      'integrations.jira.project_key', 'integrations.jira.auto_ticket_creation', 'integrations.jira.priority_mapping',
      'integrations.statuspage.auto_updates', 'integrations.statuspage.component_mapping',
      'integrations.email.executive_notifications', 'integrations.email.customer_updates',
      'integrations.sms.critical_only', 'integrations.sms.on_call_contacts',
    ]);
    assert.match(r.stdout, /^integrations\.slack\.incident_channel: "#incidents" → declarations, status updates and resolutions of SEV-1, SEV-2 or SEV-3 incidents are posted to #incidents \(communication\.stakeholders\.engineering-leads: \[\{ channel: slack, address: "#incidents" \}\]\)\n {2}needs: add channels\.slack with bot_token_env/m);
    assert.match(r.stdout, /^integrations\.sms\.critical_only: true → SMS reaches stakeholders only for SEV-1 /m);
    assert.match(r.stdout, /^integrations\.slack\.war_room_creation: true → a Slack war-room channel opens when a SEV-1 or SEV-2 incident is declared \(paging\.war_room_severities: \[critical, high\]\)$/m);
    const json = JSON.parse((await runBin(['config', 'explain', FIXTURE, '--json'], { cwd: tempDir() })).stdout) as { notes: { key: string; effect: string; needs?: string }[] };
    assert.equal(json.notes.length, 12);
    assert.deepEqual(json.notes.filter((n) => n.effect === 'recorded-only').map((n) => n.key), [
      'integrations.statuspage.auto_updates', 'integrations.statuspage.component_mapping',
    ]);
    assert.match(r.stdout, /^integrations\.jira\.auto_ticket_creation: true → a Jira issue is opened when a SEV-1 or SEV-2 incident is declared, linked back to it and closed when it resolves \(tickets\.jira\.auto_create: \[critical, high\]\)/m);
  });

  it('with the connections added, nothing needs more and the switches reach the real settings', async () => {
    const cwd = tempDir();
    // The product description's block as written, with the statuspage.io page it mirrors to named inside it.
    writeFileSync(join(cwd, 'incident-response.yaml'), readFileSync(FIXTURE, 'utf8').replace('  statuspage:\n', '  statuspage:\n    page_id: kctbh9vrtdwd\n    api_key_env: STATUSPAGE_API_KEY\n    components: { api: 8kbf7d35c070 }\n'));
    writeFileSync(join(cwd, 'incident-response.yaml'), [
      'channels:', '  slack: { bot_token_env: SLACK_BOT_TOKEN }', '  twilio: { account_sid: AC0123456789abcdef0123456789abcdef, auth_token_env: TWILIO_AUTH_TOKEN, from: "+15551234567" }',
      '  email: { host: smtp.example.com, from: incidents@example.com }',
      'communication:', '  stakeholders:', '    executive-team: [{ channel: email, address: ceo@example.com }]',
      'tickets:', '  jira: { base_url: "https://example.atlassian.net", project_key: INC, email: bot@example.com, api_token_env: JIRA_API_TOKEN }',
      'status_page: { name: Acme Status, url: "https://status.example.com", components: [{ id: api, name: API }] }',
      '',
    ].join('\n'), { flag: 'a' });
    const json = JSON.parse((await runBin(['config', 'explain', '--json'], { cwd })).stdout) as { notes: { key: string; needs?: string }[] };
    assert.deepEqual(json.notes.filter((n) => n.needs !== undefined).map((n) => n.key), []);
  });

  it('refuses a Jira project key that contradicts tickets.jira, naming both', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'c.yaml'), 'integrations:\n  jira: { project_key: INC }\ntickets:\n  jira: { base_url: "https://example.atlassian.net", project_key: OPS, email: bot@example.com, api_token_env: JIRA_API_TOKEN }\n');
    const r = await runBin(['config', 'validate', 'c.yaml'], { cwd });
    assert.equal(r.code, 6, r.stdout);
    assert.match(r.stderr, /integrations\.jira\.project_key: 'INC' differs from tickets\.jira\.project_key 'OPS'/);
  });
});
