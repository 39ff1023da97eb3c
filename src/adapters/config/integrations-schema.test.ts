import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines, problems } from './config-test-support.js';
import { parseConfig } from './index.js';


describe('parseConfig: integrations.slack', () => {
  it('reads the slash-command settings and users, with defaults', () => {
    const config = parseConfig(lines(
      'integrations:',
      '  slack:',
      '    signing_secret_env: SLACK_SIGNING_SECRET',
      '    bot_token_env: SLACK_BOT_TOKEN',
      '    users:',
      '      - { slack_user_id: U0123ABCD, name: alice, role: commander, teams: [payments] }',
      '      - { email: Bob@Example.com, name: bob, role: responder }',
    ), 'ir.yaml');
    assert.deepEqual(config.integrations, {
      slack: {
        signingSecretEnv: 'SLACK_SIGNING_SECRET',
        botTokenEnv: 'SLACK_BOT_TOKEN',
        apiUrl: 'https://slack.com/api',
        users: [
          { slackUserId: 'U0123ABCD', name: 'alice', role: 'commander', teams: ['payments'] },
          { email: 'bob@example.com', name: 'bob', role: 'responder', teams: [] },
        ],
      },
    });
  });

  it('leaves Slack unconfigured for an empty integrations section', () => {
    assert.equal(parseConfig('integrations:\n', 'ir.yaml').integrations, undefined);
    assert.equal(parseConfig('integrations: { slack: }\n', 'ir.yaml').integrations, undefined);
  });

  it('takes the addresses users.info may be redirected to (the configured api_url needs none)', () => {
    const config = parseConfig('integrations: { slack: { signing_secret_env: S, api_url: "http://127.0.0.1:9999/api", allow_private_addresses: [10.0.0.0/8] } }\n', 'ir.yaml');
    assert.deepEqual(config.integrations?.slack?.allowPrivateAddresses, ['10.0.0.0/8']);
    assert.deepEqual(problems('integrations: { slack: { signing_secret_env: S, allow_private_addresses: [localhost] } }\n'), [
      '1:75 integrations.slack.allow_private_addresses[0]: expected an IPv4 or IPv6 address or CIDR range such as 127.0.0.1/32, 10.0.0.0/8 or ::1/128',
    ]);
  });

  it('takes an api_url for proxies and tests, without its trailing slash', () => {
    const config = parseConfig('integrations: { slack: { signing_secret_env: S, api_url: "http://127.0.0.1:9999/api/" } }\n', 'ir.yaml');
    assert.equal(config.integrations?.slack?.apiUrl, 'http://127.0.0.1:9999/api');
  });

  it('names line, column and key for each problem, and never quotes a pasted secret back', () => {
    const found = problems(lines(
      'integrations:',
      '  slack:',
      '    signing_secret_env: 8f742231b10e8888abcd99yyyzzz85a5',
      '    bot_tokn_env: SLACK_BOT_TOKEN',
      '    api_url: ftp://slack.example',
      '    users:',
      '      - { slack_user_id: U0123ABCD, name: alice, role: comander }',
      '      - { name: carol, role: viewer }',
      '      - { slack_user_id: alice, name: al, role: viewer }',
      '      - { email: not-an-email, name: bo, role: viewer }',
    ));
    assert.deepEqual(found.map((p) => p.split(': ')[0]), [
      '3:25 integrations.slack.signing_secret_env',
      '4:5 integrations.slack.bot_tokn_env',
      '5:14 integrations.slack.api_url',
      '7:56 integrations.slack.users[0].role',
      '8:9 integrations.slack.users[1]',
      '9:26 integrations.slack.users[2].slack_user_id',
      '10:18 integrations.slack.users[3].email',
    ]);
    assert.match(found[0]!, /give the name of an environment variable .*not the secret itself/);
    assert.match(found[1]!, /did you mean 'bot_token_env'/);
    assert.match(found[3]!, /unknown role 'comander' — did you mean 'commander'/);
    assert.match(found[4]!, /give slack_user_id or email/);
    assert.ok(!found.join('\n').includes('8f742231b10e8888abcd99yyyzzz85a5'));
  });

  it('refuses a Slack user id or email mapped twice', () => {
    const found = problems(lines(
      'integrations:',
      '  slack:',
      '    signing_secret_env: SLACK_SIGNING_SECRET',
      '    users:',
      '      - { slack_user_id: U0123ABCD, email: bob@example.com, name: alice, role: commander }',
      '      - { slack_user_id: U0123ABCD, name: al2, role: viewer }',
      '      - { email: BOB@example.com, name: bob, role: responder }',
    ));
    assert.deepEqual(found, [
      "6:26 integrations.slack.users[1].slack_user_id: slack_user_id 'U0123ABCD' is also users[0]; each Slack user maps to one product user",
      "7:18 integrations.slack.users[2].email: email 'bob@example.com' is also users[0]; each Slack user maps to one product user",
    ]);
  });
});
