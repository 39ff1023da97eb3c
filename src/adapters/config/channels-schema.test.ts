import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines, problems } from './config-test-support.js';
import { parseConfig } from './index.js';


describe('parseConfig: channels', () => {
  it('reads every channel, with defaults', () => {
    const config = parseConfig(lines(
      'channels:',
      '  email:',
      '    host: smtp.example.com',
      '    from: Incident Response <incidents@example.com>',
      '    username_env: SMTP_USERNAME',
      '    password_env: SMTP_PASSWORD',
      '  slack: { bot_token_env: SLACK_BOT_TOKEN }',
      '  twilio: { account_sid: AC0123456789abcdef0123456789abcdef, auth_token_env: TWILIO_AUTH_TOKEN, from: "+15550001111" }',
      '  teams: {}',
      '  pagerduty: {}',
      '  webhooks: { signing_secret_env: WEBHOOK_SIGNING_SECRET }',
      '  allow_private_addresses: [10.0.0.0/8]',
    ), 'ir.yaml');
    assert.deepEqual(config.channels, {
      email: { host: 'smtp.example.com', port: 587, secure: false, requireTls: false, from: 'Incident Response <incidents@example.com>', usernameEnv: 'SMTP_USERNAME', passwordEnv: 'SMTP_PASSWORD' },
      slack: { botTokenEnv: 'SLACK_BOT_TOKEN', apiUrl: 'https://slack.com/api' },
      twilio: { accountSid: 'AC0123456789abcdef0123456789abcdef', authTokenEnv: 'TWILIO_AUTH_TOKEN', from: '+15550001111', apiUrl: 'https://api.twilio.com' },
      teams: {},
      pagerduty: { eventsUrl: 'https://events.pagerduty.com', source: 'incident-response' },
      webhooks: { signingSecretEnv: 'WEBHOOK_SIGNING_SECRET' },
      allowPrivateAddresses: ['10.0.0.0/8'],
    });
  });

  it('uses TLS from the first byte on port 465 and takes base URLs without a trailing slash', () => {
    const config = parseConfig(lines(
      'channels:',
      '  email: { host: smtp.example.com, port: 465, from: a@example.com }',
      '  slack: { bot_token_env: T, api_url: "http://127.0.0.1:9999/api/" }',
      '  pagerduty: { events_url: "https://events.eu.pagerduty.com/" }',
    ), 'ir.yaml');
    assert.equal(config.channels?.email?.secure, true);
    assert.equal(config.channels?.slack?.apiUrl, 'http://127.0.0.1:9999/api');
    assert.equal(config.channels?.pagerduty?.eventsUrl, 'https://events.eu.pagerduty.com');
  });

  it('leaves channels out when the section is absent', () => {
    assert.equal(parseConfig('display_time_zone: UTC\n', 'ir.yaml').channels, undefined);
  });

  it('points at the line and key of each mistake', () => {
    assert.deepEqual(problems(lines(
      'channels:',
      '  slack: { bot_token_env: xoxb-123-secret }',
      '  twilio: { account_sid: AC12, auth_token_env: T, from: "555-1234" }',
      '  email: { host: smtp.example.com, from: a@example.com, username_env: U }',
      '  allow_private_addresses: [everywhere]',
      '  sms: {}',
    )), [
      '2:27 channels.slack.bot_token_env: give the name of an environment variable (capital letters, digits and "_", e.g. SLACK_BOT_TOKEN), not the secret itself',
      '3:26 channels.twilio.account_sid: an account SID is AC followed by 32 hexadecimal digits (Twilio console → Account info)',
      '3:57 channels.twilio.from: the sending number in E.164 form: + and country code, e.g. +15551234567',
      '4:10 channels.email.password_env: give both username_env and password_env, or neither',
      '5:29 channels.allow_private_addresses[0]: expected an IPv4 or IPv6 address or CIDR range such as 127.0.0.1/32, 10.0.0.0/8 or ::1/128',
      "6:3 channels.sms: unknown key 'sms' (email, slack, twilio, teams, pagerduty, webhooks, allow_private_addresses)",
    ]);
  });
});
