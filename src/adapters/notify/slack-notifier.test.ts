import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createNotifier, warRoomChannelName } from './index.js';
import { fixedClock, sampleMessage, startRecordingServer, type RecordedRequest, type RecordingServer, type ScriptedReply } from './notify-test-support.js';

const TOKEN = 'xoxb-1111-2222-abcdefSECRET';
const servers: RecordingServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

type Api = Record<string, (form: URLSearchParams, req: RecordedRequest) => ScriptedReply | object>;

/** A Slack Web API stand-in: `/api/<method>` answered by `api[method]`, JSON objects as `200`. */
async function slack(api: Api, env: Record<string, string> = { SLACK_BOT_TOKEN: TOKEN }) {
  const s = await startRecordingServer((req) => {
    const method = req.url.replace(/^\/api\//, '');
    const handler = api[method];
    if (handler === undefined) return { status: 200, body: { ok: false, error: 'unknown_method' } };
    const answer = handler(new URLSearchParams(req.body), req);
    return 'status' in answer || 'hang' in answer ? (answer as ScriptedReply) : { status: 200, body: answer };
  });
  servers.push(s);
  const created = createNotifier({ slack: { botTokenEnv: 'SLACK_BOT_TOKEN', apiUrl: `${s.url}/api` }, allowPrivateAddresses: ['127.0.0.1/32'] }, { env, clock: fixedClock });
  const calls = () => s.requests.map((r) => [r.url.replace('/api/', ''), Object.fromEntries(new URLSearchParams(r.body))] as const);
  return { s, ...created, calls, deliver: (address: string) => created.notifier.deliver(sampleMessage({ channel: 'slack', address }), 2000) };
}

const posted = { 'chat.postMessage': (f: URLSearchParams) => ({ ok: true, channel: f.get('channel')!.replace('#', 'C0NAMED'), ts: '1764338700.000100' }) };

describe('Slack channel', () => {
  it('posts to a channel id with the bot token, text and blocks', async () => {
    const { s, deliver } = await slack(posted);
    const outcome = await deliver('C0123ABCD');
    assert.deepEqual(outcome, { kind: 'delivered', detail: 'Slack posted to C0123ABCD (ts 1764338700.000100)', providerId: 'C0123ABCD/1764338700.000100' });
    const [req] = s.requests;
    assert.equal(req?.url, '/api/chat.postMessage');
    assert.equal(req?.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(req?.headers['content-type'], 'application/x-www-form-urlencoded');
    const form = new URLSearchParams(req!.body);
    assert.equal(form.get('channel'), 'C0123ABCD');
    assert.equal(form.get('text'), `[SEV-1] INC-2026-1128-001 Checkout API down\n${sampleMessage().text}`);
    const blocks = JSON.parse(form.get('blocks')!) as { type: string }[];
    assert.deepEqual(blocks.map((b) => b.type), ['section', 'context', 'actions']);
  });

  it('posts to "#name" as given', async () => {
    const { calls, deliver } = await slack(posted);
    assert.equal((await deliver('#incidents')).kind, 'delivered');
    assert.equal(calls()[0]?.[1]['channel'], '#incidents');
  });

  it('opens a direct message for a user id, then posts into it', async () => {
    const { calls, deliver } = await slack({ 'conversations.open': () => ({ ok: true, channel: { id: 'D0DM12345' } }), ...posted });
    assert.equal((await deliver('U0ALICE01')).kind, 'delivered');
    assert.deepEqual(calls().map(([m, f]) => [m, f['users'] ?? f['channel']]), [['conversations.open', 'U0ALICE01'], ['chat.postMessage', 'D0DM12345']]);
  });

  const refusals: [string, ScriptedReply | object, Record<string, unknown>][] = [
    ['ratelimited HTTP 429 is retried after Retry-After', { status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } }, { kind: 'retry', retryAfterMs: 30_000 }],
    ['ok:false ratelimited is retried', { ok: false, error: 'ratelimited' }, { kind: 'retry', reason: 'Slack chat.postMessage refused: ratelimited' }],
    ['channel_not_found fails', { ok: false, error: 'channel_not_found' }, { kind: 'failed', reason: 'Slack chat.postMessage refused: channel_not_found' }],
    ['not_in_channel fails', { ok: false, error: 'not_in_channel' }, { kind: 'failed' }],
    ['invalid_auth fails', { ok: false, error: 'invalid_auth' }, { kind: 'failed', reason: 'Slack chat.postMessage refused: invalid_auth' }],
    ['missing_scope names the scope', { ok: false, error: 'missing_scope', needed: 'chat:write' }, { kind: 'failed', reason: 'Slack chat.postMessage refused: missing_scope (the bot token needs the scope chat:write)' }],
    ['a 500 is retried', { status: 500, body: 'oops' }, { kind: 'retry' }],
  ];
  for (const [name, answer, expected] of refusals) {
    it(name, async () => {
      const { deliver } = await slack({ 'chat.postMessage': () => answer });
      const outcome = await deliver('C0123ABCD');
      for (const [k, v] of Object.entries(expected)) assert.equal((outcome as Record<string, unknown>)[k], v, JSON.stringify(outcome));
    });
  }

  it('times out a hanging API within the attempt\'s time', async () => {
    const { notifier } = await slack({ 'chat.postMessage': () => ({ hang: true }) });
    const outcome = await notifier.deliver(sampleMessage({ channel: 'slack', address: 'C0123ABCD' }), 150);
    assert.equal(outcome.kind, 'retry');
    assert.match((outcome as { reason: string }).reason, /timed out after \d+ ms/);
  });

  it('fails an address that is neither a user, a channel id nor #name, without calling Slack', async () => {
    const { s, deliver } = await slack(posted);
    assert.deepEqual(await deliver('alice@example.com'), { kind: 'failed', reason: '\'alice@example.com\' is not a Slack user id (U…), channel id (C…) or #channel-name' });
    assert.equal(s.requests.length, 0);
  });

  it('fails, naming the variable, when the bot token is not set', async () => {
    const { deliver, warRoom } = await slack(posted, {});
    assert.deepEqual(await deliver('C0123ABCD'), { kind: 'failed', reason: 'the environment variable SLACK_BOT_TOKEN (the Slack bot token) is not set' });
    await assert.rejects(warRoom!.startWarRoom({ incident: sampleMessage().incident!, summaryText: 's', inviteUserIds: [], isPrivate: false }), /Cannot open the war room: the environment variable SLACK_BOT_TOKEN/);
  });
});

describe('war room', () => {
  const incident = sampleMessage().incident!;

  it('creates the channel, invites the responders and posts the summary', async () => {
    const { calls, warRoom } = await slack({
      'conversations.create': (f) => ({ ok: true, channel: { id: 'C0WAR0001', name: f.get('name') } }),
      'conversations.invite': () => ({ ok: true, channel: { id: 'C0WAR0001' } }),
      ...posted,
    });
    const room = await warRoom!.startWarRoom({ incident, summaryText: 'SEV-1 Checkout API down\n☐ Assign a commander', inviteUserIds: ['U0ALICE01', 'U0BOB0002'], isPrivate: false });
    assert.deepEqual(room, { channelId: 'C0WAR0001', channelName: 'inc-2026-1128-001-checkout-api-down' });
    assert.deepEqual(calls(), [
      ['conversations.create', { name: 'inc-2026-1128-001-checkout-api-down', is_private: 'false' }],
      ['conversations.invite', { channel: 'C0WAR0001', users: 'U0ALICE01,U0BOB0002', force: 'true' }],
      ['chat.postMessage', { channel: 'C0WAR0001', text: 'SEV-1 Checkout API down\n☐ Assign a commander', mrkdwn: 'true' }],
    ]);
    await warRoom!.postToWarRoom(room, 'Mitigated: rolled back 4.2.1');
    assert.deepEqual(calls().at(-1), ['chat.postMessage', { channel: 'C0WAR0001', text: 'Mitigated: rolled back 4.2.1', mrkdwn: 'true' }]);
  });

  it('opens a confidential incident\'s room as a private channel named by the id only, and looks for an existing one among private channels only', async () => {
    const { calls, warRoom } = await slack({
      'conversations.create': () => ({ ok: false, error: 'name_taken' }),
      'conversations.list': (f) => (f.get('types') === 'private_channel'
        ? { ok: true, channels: [{ id: 'G0SECRET1', name: 'inc-2026-1128-001', is_member: true, is_private: true }], response_metadata: { next_cursor: '' } }
        : { ok: true, channels: [{ id: 'C0PUBLIC1', name: 'inc-2026-1128-001', is_member: true }], response_metadata: { next_cursor: '' } }),
      'conversations.invite': () => ({ ok: true, channel: { id: 'G0SECRET1' } }),
      ...posted,
    });
    const room = await warRoom!.startWarRoom({ incident, summaryText: 'summary', inviteUserIds: ['U0SAM0001'], isPrivate: true });
    assert.deepEqual(room, { channelId: 'G0SECRET1', channelName: 'inc-2026-1128-001' });
    assert.deepEqual(calls().slice(0, 2), [
      ['conversations.create', { name: 'inc-2026-1128-001', is_private: 'true' }],
      ['conversations.list', { types: 'private_channel', exclude_archived: 'false', limit: '1000' }],
    ]);
    assert.ok(!JSON.stringify(calls()).includes('checkout'), 'the title is in no call but the summary');
  });

  it('reuses a channel whose name is taken, searching every page and joining it', async () => {
    const { calls, warRoom } = await slack({
      'conversations.create': () => ({ ok: false, error: 'name_taken' }),
      'conversations.list': (f) => (f.get('cursor') === null
        ? { ok: true, channels: [{ id: 'C0OTHER01', name: 'general', is_member: true }], response_metadata: { next_cursor: 'dXNlcjpVMDYxTkZUVDI=' } }
        : { ok: true, channels: [{ id: 'C0WAR0001', name: 'inc-2026-1128-001-checkout-api-down', is_member: false, is_private: false }], response_metadata: { next_cursor: '' } }),
      'conversations.join': () => ({ ok: true, channel: { id: 'C0WAR0001' } }),
      'conversations.invite': () => ({ ok: false, error: 'already_in_channel' }),
      ...posted,
    });
    const room = await warRoom!.startWarRoom({ incident, summaryText: 'summary', inviteUserIds: ['U0ALICE01'], isPrivate: false });
    assert.deepEqual(room, { channelId: 'C0WAR0001', channelName: 'inc-2026-1128-001-checkout-api-down' });
    assert.deepEqual(calls().map(([m, f]) => [m, f['cursor'] ?? f['channel'] ?? f['name']]), [
      ['conversations.create', 'inc-2026-1128-001-checkout-api-down'],
      ['conversations.list', undefined],
      ['conversations.list', 'dXNlcjpVMDYxTkZUVDI='],
      ['conversations.join', 'C0WAR0001'],
      ['conversations.invite', 'C0WAR0001'],
      ['chat.postMessage', 'C0WAR0001'],
    ]);
  });

  it('throws a readable error, without the token, when Slack refuses', async () => {
    const { warRoom } = await slack({ 'conversations.create': () => ({ ok: false, error: 'restricted_action', detail: TOKEN }) });
    await assert.rejects(warRoom!.startWarRoom({ incident, summaryText: 's', inviteUserIds: [], isPrivate: false }), (e: Error) => {
      assert.equal(e.message, 'Slack conversations.create refused: restricted_action');
      return true;
    });
  });
});

describe('warRoomChannelName', () => {
  const table: [string, string, string][] = [
    ['INC-2026-1128-001', 'Checkout API down', 'inc-2026-1128-001-checkout-api-down'],
    ['INC-2026-1128-002', 'Payments: 5xx on /v2/charge (EU)!', 'inc-2026-1128-002-payments-5xx-on-v2-charge-eu'],
    ['INC-2026-1128-003', 'Café façade — naïve', 'inc-2026-1128-003-cafe-facade-naive'],
    ['INC-2026-1128-004', '   ', 'inc-2026-1128-004'],
    ['INC-2026-1128-005', 'db_primary failover', 'inc-2026-1128-005-db_primary-failover'],
    ['INC-2026-1128-006', '数据库 down', 'inc-2026-1128-006-down'],
  ];
  for (const [id, title, expected] of table) {
    it(`${id} "${title}" → ${expected}`, () => assert.equal(warRoomChannelName(id, title), expected));
  }

  it('stays within 80 characters, cutting the title at a word', () => {
    const name = warRoomChannelName('INC-2026-1128-007', 'Checkout latency above the objective in every region while the cache cluster rebalances shards');
    assert.ok(name.length <= 80, name);
    assert.equal(name, 'inc-2026-1128-007-checkout-latency-above-the-objective-in-every-region-while-the');
    assert.match(name, /^[a-z0-9_-]+$/);
  });
});
