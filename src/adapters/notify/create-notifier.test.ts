import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DELIVERY_CHANNELS, type DeliveryChannel } from '../../app/ports/index.js';
import { ChannelNotifier } from './channel-notifier.js';
import { createNotifier } from './index.js';
import { fixedClock, sampleMessage } from './notify-test-support.js';

const CONFIG_KEY: Record<DeliveryChannel, string> = {
  email: 'no e-mail channel configured (channels.email in the config)',
  sms: 'no SMS channel configured (channels.twilio in the config)',
  voice: 'no voice channel configured (channels.twilio in the config)',
  slack: 'no Slack channel configured (channels.slack in the config)',
  teams: 'no Teams channel configured (channels.teams in the config)',
  webhook: 'no webhook channel configured (channels.webhooks in the config)',
  pagerduty: 'no PagerDuty channel configured (channels.pagerduty in the config)',
  push: 'no Web Push channel configured (channels.web_push in the config)',
  ntfy: 'no ntfy channel configured (channels.ntfy in the config)',
  pushover: 'no Pushover channel configured (channels.pushover in the config)',
  telegram: 'no Telegram channel configured (channels.telegram in the config)',
};

describe('createNotifier', () => {
  it('fails every channel that is not configured, naming the config key', async () => {
    const { notifier, warRoom } = createNotifier(undefined, { env: {}, clock: fixedClock });
    assert.equal(warRoom, undefined);
    for (const channel of DELIVERY_CHANNELS) {
      assert.deepEqual(await notifier.deliver(sampleMessage({ channel }), 1000), { kind: 'failed', reason: CONFIG_KEY[channel] });
    }
  });

  it('offers a war room exactly when Slack is configured', () => {
    assert.ok(createNotifier({ slack: { botTokenEnv: 'T', apiUrl: 'https://slack.com/api' }, allowPrivateAddresses: [] }, { env: { T: 'xoxb-1' }, clock: fixedClock }).warRoom);
    assert.equal(createNotifier({ teams: {}, allowPrivateAddresses: [] }, { env: {}, clock: fixedClock }).warRoom, undefined);
  });

  it('refuses a private address for every HTTP channel unless allow-listed', async () => {
    const { notifier } = createNotifier({
      teams: {},
      webhooks: { signingSecretEnv: 'W' },
      pagerduty: { eventsUrl: 'http://10.0.0.5', source: 'ir' },
      slack: { botTokenEnv: 'S', apiUrl: 'http://169.254.169.254/api' },
      twilio: { accountSid: 'AC0123456789abcdef0123456789abcdef', authTokenEnv: 'T', from: '+15550001111', apiUrl: 'http://192.168.1.1' },
      allowPrivateAddresses: [],
    }, { env: { W: 'whsec_' + Buffer.from('k'.repeat(32)).toString('base64'), S: 'xoxb-1', T: 'tok' }, clock: fixedClock });
    const cases: [DeliveryChannel, string][] = [
      ['teams', 'http://127.0.0.1:1/webhook'], ['webhook', 'http://[::1]:1/'], ['pagerduty', 'R0UT1NGKEY0123456789abcdefABCDEF'],
      ['slack', 'C0123ABCD'], ['sms', '+15551234567'], ['voice', '+15551234567'],
    ];
    for (const [channel, address] of cases) {
      const outcome = await notifier.deliver(sampleMessage({ channel, address }), 1000);
      assert.equal(outcome.kind, 'failed', `${channel}: ${JSON.stringify(outcome)}`);
      assert.match((outcome as { reason: string }).reason, /is a loopback, private or link-local address; add it to channels\.allow_private_addresses/);
    }
  });

  it('turns an exception inside a channel into a retry, and scrubs secrets from every reason', async () => {
    const throwing = { deliver: () => Promise.reject(new Error('socket hang up after sending token xoxb-secret-1')) };
    const notifier = new ChannelNotifier({ ...Object.fromEntries(DELIVERY_CHANNELS.map((c) => [c, 'off'])) as Record<DeliveryChannel, string>, slack: throwing }, ['xoxb-secret-1']);
    assert.deepEqual(await notifier.deliver(sampleMessage({ channel: 'slack', address: 'C0123ABCD' }), 1000), { kind: 'retry', reason: 'unexpected error in the slack channel: socket hang up after sending token [redacted]' });
  });

  it('never shows a webhook or Teams URL, which is itself a credential', async () => {
    const echo = { deliver: (m: { address: string }) => Promise.resolve({ kind: 'failed' as const, reason: `could not reach ${m.address}` }) };
    const notifier = new ChannelNotifier({ ...Object.fromEntries(DELIVERY_CHANNELS.map((c) => [c, echo])) as Record<DeliveryChannel, typeof echo> }, []);
    assert.deepEqual(await notifier.deliver(sampleMessage({ channel: 'teams', address: 'https://x.webhook.office.com/webhookb2/abc' }), 1000), { kind: 'failed', reason: 'could not reach [redacted]' });
    assert.deepEqual(await notifier.deliver(sampleMessage({ channel: 'email', address: 'alice@example.com' }), 1000), { kind: 'failed', reason: 'could not reach alice@example.com' });
  });
});
