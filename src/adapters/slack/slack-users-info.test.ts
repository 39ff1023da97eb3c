import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startConnectionRecorder, startRedirector, type ConnectionRecorder } from '../../../test/support/outbound-servers.js';
import { AddressGuard } from '../outbound-net/index.js';
import { lookUpSlackEmail } from './slack-users-info.js';

const KEY = 'integrations.slack.allow_private_addresses';
const TOKEN = 'xoxb-never-shown-0123456789';

describe('lookUpSlackEmail through the SSRF guard', () => {
  let slack: ConnectionRecorder;
  let elsewhere: ConnectionRecorder;
  before(async () => {
    slack = await startConnectionRecorder((req, res) => {
      const user = new URL(req.url, 'http://x').searchParams.get('user');
      const body = user === 'U0ALICE01' ? { ok: true, user: { id: user, profile: { email: 'alice@example.com' } } } : { ok: false, error: 'user_not_found' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    elsewhere = await startConnectionRecorder();
  });
  after(async () => {
    await slack.close();
    await elsewhere.close();
  });

  it('asks the configured Slack API with the bot token and reads the email', async () => {
    const options = { apiUrl: `${slack.url}/api`, botToken: TOKEN, timeoutMs: 2000, guard: new AddressGuard([], KEY, [`${slack.url}/api`]) };
    assert.deepEqual(await lookUpSlackEmail('U0ALICE01', options), { kind: 'found', email: 'alice@example.com' });
    assert.deepEqual(await lookUpSlackEmail('U0NOBODY1', options), { kind: 'none', reason: 'user_not_found' });
    assert.deepEqual(slack.requests.map((r) => [r.url, r.headers.authorization]), [['/api/users.info?user=U0ALICE01', `Bearer ${TOKEN}`], ['/api/users.info?user=U0NOBODY1', `Bearer ${TOKEN}`]]);
  });

  it('refuses an API URL resolving to loopback that is neither configured nor allow-listed, without connecting', async () => {
    const result = await lookUpSlackEmail('U0ALICE01', { apiUrl: `http://localhost:${elsewhere.port}/api`, botToken: TOKEN, timeoutMs: 2000, guard: new AddressGuard([], KEY) });
    assert.equal(result.kind, 'failed');
    assert.match((result as { reason: string }).reason, /^refused to connect to localhost: .* is a loopback, private or link-local address; add it to integrations\.slack\.allow_private_addresses to reach it$/);
    assert.equal(elsewhere.connections(), 0);
  });

  for (const [name, location] of [['127.0.0.1', () => `${elsewhere.url}/api/users.info`], ['169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/']] as const) {
    it(`reaches the configured API URL but refuses its redirect to ${name}, and the token goes nowhere else`, async () => {
      const configured = await startRedirector(location(), 302);
      try {
        const result = await lookUpSlackEmail('U0ALICE01', { apiUrl: `${configured.url}/api`, botToken: TOKEN, timeoutMs: 2000, guard: new AddressGuard([], KEY, [`${configured.url}/api`]) });
        assert.equal(configured.requests.length, 1, 'the configured origin was reached');
        assert.equal(result.kind, 'failed');
        const reason = (result as { reason: string }).reason;
        assert.ok(reason.startsWith(`refused to connect to ${name}: `), reason);
        assert.ok(!reason.includes(TOKEN));
        assert.equal(elsewhere.connections(), 0);
      } finally {
        await configured.close();
      }
    });
  }
});
