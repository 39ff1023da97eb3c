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
      "6:3 channels.sms: unknown key 'sms' (email, slack, twilio, teams, pagerduty, webhooks, ntfy, pushover, telegram, web_push, allow_private_addresses)",
    ]);
  });

  it('reads the phone push channels with their defaults', () => {
    const config = parseConfig(lines(
      'channels:',
      '  ntfy: {}',
      '  pushover: { app_token_env: PUSHOVER_APP_TOKEN }',
      '  telegram: { bot_token_env: TELEGRAM_BOT_TOKEN, webhook_secret_env: TELEGRAM_WEBHOOK_SECRET }',
      '  web_push: { subject: "mailto:oncall@example.com" }',
    ), 'ir.yaml');
    assert.deepEqual(config.channels?.ntfy, { serverUrl: 'https://ntfy.sh' });
    assert.deepEqual(config.channels?.pushover, { appTokenEnv: 'PUSHOVER_APP_TOKEN', apiUrl: 'https://api.pushover.net', retrySeconds: 60, expireSeconds: 3600 });
    assert.deepEqual(config.channels?.telegram, { botTokenEnv: 'TELEGRAM_BOT_TOKEN', webhookSecretEnv: 'TELEGRAM_WEBHOOK_SECRET', apiUrl: 'https://api.telegram.org' });
    assert.deepEqual(config.channels?.webPush, { subject: 'mailto:oncall@example.com' });
  });

  it('points at the phone push channels\' mistakes', () => {
    assert.deepEqual(problems(lines(
      'channels:',
      '  pushover: { app_token_env: PUSHOVER_APP_TOKEN, retry_seconds: 10, expire_seconds: 86400 }',
      '  web_push: { subject: "oncall@example.com", vapid_public_key_env: VAPID_PUBLIC_KEY }',
      '  ntfy: { access_token_env: tk_abc }',
    )), [
      '2:65 channels.pushover.retry_seconds: Pushover repeats no more often than every 30 seconds',
      '2:85 channels.pushover.expire_seconds: Pushover repeats for at most 10800 seconds (3 hours)',
      '3:24 channels.web_push.subject: the VAPID subject is a mailto: or https: URL that push services may contact, e.g. mailto:oncall@example.com',
      '4:29 channels.ntfy.access_token_env: give the name of an environment variable (capital letters, digits and "_", e.g. NTFY_TOKEN), not the secret itself',
    ]);
    assert.deepEqual(problems(lines('channels:', '  web_push: { subject: "mailto:oncall@example.com", vapid_public_key_env: VAPID_PUBLIC_KEY }')).map((p) => p.replace(/^\d+:\d+ /, '')), [
      'channels.web_push.vapid_private_key_env: give both vapid_public_key_env and vapid_private_key_env, or neither',
    ]);
  });
});
