import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { SLACK_LOOKUP_TIMEOUT_MS } from '../../src/adapters/slack/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from './http-harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PATH = '/integrations/slack/commands';
const SIGNING_SECRET = 'canary-slack-signing-secret-5d1e0b';
const BOT_TOKEN = 'xoxb-CANARY-bot-token-93c2f1';
const ALICE = 'U0ALICE01'; // commander, mapped by id
const BOB = 'U0BOB0001'; // responder, mapped by email through users.info
const VIC = 'U0VIEWER1'; // viewer
const SAM = 'U0SECURE1'; // commander in the security team
const NOBODY = 'U0NOBODY1'; // users.info: user_not_found
const SLOW = 'U0HANGING'; // users.info never answers

/** A local HTTP server speaking the Slack Web API's users.info, recording what it was asked. */
async function startFakeSlackApi(): Promise<{ url: string; calls: { user: string | null; authorization: string | undefined }[]; close(): Promise<void> }> {
  const calls: { user: string | null; authorization: string | undefined }[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const user = url.searchParams.get('user');
    calls.push({ user, authorization: req.headers.authorization });
    if (user === SLOW) return; // hang: the caller's timeout has to end it
    const answer = req.headers.authorization !== `Bearer ${BOT_TOKEN}` ? { ok: false, error: 'invalid_auth' }
      : url.pathname !== '/api/users.info' ? { ok: false, error: 'unknown_method' }
        : user === BOB ? { ok: true, user: { id: BOB, name: 'bob', profile: { email: 'Bob@Example.COM', real_name: 'Bob' } } }
          : { ok: false, error: 'user_not_found' };
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    calls,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const configYaml = (apiUrl: string) => `
integrations:
  slack:
    signing_secret_env: SLACK_SIGNING_SECRET
    bot_token_env: SLACK_BOT_TOKEN
    api_url: ${apiUrl}
    users:
      - { slack_user_id: ${ALICE}, name: alice, role: commander, teams: [payments] }
      - { email: bob@example.com, name: bob, role: responder }
      - { slack_user_id: ${VIC}, name: vic, role: viewer }
      - { slack_user_id: ${SAM}, name: sam, role: commander, teams: [security] }
`;

function slackForm(text: string, userId: string): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token', team_id: 'T0TEAM001', team_domain: 'acme', channel_id: 'C0INCIDENT', channel_name: 'incidents',
    user_id: userId, user_name: 'someone', command: '/incident-response', text, api_app_id: 'A0APP0001', is_enterprise_install: 'false',
    response_url: 'https://hooks.slack.com/commands/T0TEAM001/1/abc', trigger_id: '1.2.abc',
  }).toString();
}

function sign(body: string, timestamp: number, secret = SIGNING_SECRET): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const CONTENT_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };
const allText = (r: Json) => `${r['text']}\n${JSON.stringify(r['blocks'])}`;

for (const kind of STORE_KINDS) {
  describe(`Slack slash commands at POST ${PATH} (${kind})`, () => {
    let h: Harness;
    let slackApi: Awaited<ReturnType<typeof startFakeSlackApi>>;
    const bodies: string[] = [];

    async function post(payload: string, headers: Record<string, string>): Promise<LightMyRequestResponse> {
      const res = await h.server.inject({ method: 'POST', url: PATH, headers: { ...CONTENT_TYPE, ...headers }, payload });
      bodies.push(res.body);
      return res;
    }
    /** A correctly signed slash command; answers the parsed Slack message. */
    async function slash(text: string, userId = ALICE): Promise<Json> {
      const body = slackForm(text, userId);
      const res = await post(body, sign(body, nowSeconds()));
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      return res.json() as Json;
    }
    async function declareBy(userId: string, text: string): Promise<string> {
      const r = await slash(text, userId);
      assert.equal(r['response_type'], 'in_channel', allText(r));
      const id = /INC-\d{4}-\d{4}-\d{3}/.exec(allText(r))?.[0];
      assert.ok(id, allText(r));
      return id;
    }
    /** A security declaration: told to the person who typed it only, numbered SEC-…. */
    async function declareSecurityBy(userId: string, text: string): Promise<{ id: string; answer: Json }> {
      const answer = await slash(text, userId);
      assert.equal(answer['response_type'], 'ephemeral', allText(answer));
      const id = /SEC-\d{4}-\d{4}-\d{3}/.exec(allText(answer))?.[0];
      assert.ok(id, allText(answer));
      return { id, answer };
    }

    before(async () => {
      slackApi = await startFakeSlackApi();
      h = await startHarness(kind, {}, { configYaml: configYaml(slackApi.url), env: { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN } });
    });
    after(async () => {
      await h.close();
      await slackApi.close();
    });

    it('says at startup that the endpoint is served', () => {
      assert.ok(h.logs.some((l) => l.includes(`Slack commands served at POST ${PATH}`)));
      assert.ok(h.routes.some((r) => r.method === 'POST' && r.url === PATH));
    });

    it('declares an incident from a signed command and posts the card in the channel', async () => {
      const r = await slash('critical outage production --title "Checkout API down" --service checkout');
      assert.equal(r['response_type'], 'in_channel');
      const id = /INC-\d{4}-\d{4}-\d{3}/.exec(allText(r))?.[0];
      assert.ok(id, allText(r));
      assert.match(allText(r), new RegExp(`${id} · Checkout API down`));
      assert.match(allText(r), new RegExp(`Declared by <@${ALICE}> \\(alice\\)`));
      const stored = (await h.request('GET', `/api/v1/incidents/${id}`, { as: 'admin' })).json() as Json;
      assert.equal(stored['title'], 'Checkout API down');
      assert.equal(stored['severity'], 'critical');
      assert.equal(stored['declaredBy'], 'alice');
    });

    it('shows status only to the caller, and acknowledges, updates and resolves in the channel', async () => {
      const id = await declareBy(ALICE, 'high performance staging Search is slow');
      const status = await slash(`status ${id}`);
      assert.equal(status['response_type'], 'ephemeral');
      assert.match(allText(status), new RegExp(id));
      const ack = await slash(`ack ${id}`);
      assert.equal(ack['response_type'], 'in_channel');
      assert.match(allText(ack), new RegExp(`<@${ALICE}> acknowledged \\*${id}\\*`));
      const update = await slash(`update ${id} --status identified --message "A bad index rebuild"`);
      assert.equal(update['response_type'], 'in_channel');
      assert.match(allText(update), /\*identified\*/);
      assert.match(allText(update), /A bad index rebuild/);
      const resolved = await slash(`resolve ${id} --summary "Rebuilt the index"`);
      assert.equal(resolved['response_type'], 'in_channel');
      assert.match(allText(resolved), new RegExp(`<@${ALICE}> resolved \\*${id}\\*`));
      const stored = (await h.request('GET', `/api/v1/incidents/${id}`, { as: 'admin' })).json() as Json;
      assert.equal(stored['status'], 'resolved');
      assert.equal(stored['resolutionSummary'], 'Rebuilt the index');
    });

    it('answers help, and mistakes, to the caller only', async () => {
      const help = await slash('help');
      assert.equal(help['response_type'], 'ephemeral');
      assert.match(allText(help), /How to use \/incident-response/);
      const typo = await slash('critcal outage production');
      assert.equal(typo['response_type'], 'ephemeral');
      assert.match(allText(typo), /did you mean 'critical'/);
      const body = slackForm('help', ALICE);
      const withCharset = await post(body, { ...sign(body, nowSeconds()), 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' });
      assert.equal(withCharset.statusCode, 200);
    });

    it('refuses a body with one changed byte, a timestamp 301 s old, and missing headers with 401', async () => {
      const count = async () => ((await h.request('GET', '/api/v1/incidents?limit=500', { as: 'admin' })).json() as Json)['items'].length as number;
      const before = await count();
      const body = slackForm('critical outage production', ALICE);
      const headers = sign(body, nowSeconds());
      const changed = await post(body.replace('outage', 'outagf'), headers);
      const stale = await post(body, sign(body, nowSeconds() - 301));
      const unsigned = await post(body, {});
      const noSignature = await post(body, { 'x-slack-request-timestamp': headers['x-slack-request-timestamp']! });
      const otherSecret = await post(body, sign(body, nowSeconds(), 'not-the-secret'));
      for (const res of [changed, stale, unsigned, noSignature, otherSecret]) {
        assert.equal(res.statusCode, 401);
        const error = (res.json() as Json)['error'];
        assert.equal(error.code, 'UNAUTHENTICATED');
        assert.equal(error.message, 'The request signature is missing, expired or not valid.');
      }
      for (const reason of ['bad-signature', 'stale-timestamp', 'missing-headers']) {
        assert.ok(h.logs.some((l) => l.includes('signed request refused') && l.includes(`"reason":"${reason}"`)), `no log line for ${reason}`);
      }
      assert.equal(await count(), before, 'a refused request declares nothing');
      assert.equal((await post(body, sign(body, nowSeconds() - 290))).statusCode, 200, 'inside the 5-minute window');
    });

    it('answers an unmapped Slack user with how to get mapped, without acting', async () => {
      const before = slackApi.calls.length;
      const r = await slash('critical outage production', NOBODY);
      assert.equal(r['response_type'], 'ephemeral');
      assert.match(allText(r), new RegExp(`not linked to an incident-response user.*map Slack user \`${NOBODY}\``));
      assert.deepEqual(slackApi.calls.slice(before), [{ user: NOBODY, authorization: `Bearer ${BOT_TOKEN}` }]);
      await slash('status INC-2026-0101-001', NOBODY);
      assert.equal(slackApi.calls.length, before + 1, "users.info's user_not_found is remembered");
    });

    it('maps a Slack user by the email users.info gives, ignoring case, and remembers it', async () => {
      const before = slackApi.calls.length;
      const id = await declareBy(BOB, 'medium data staging Nightly export is late');
      const stored = (await h.request('GET', `/api/v1/incidents/${id}`, { as: 'admin' })).json() as Json;
      assert.equal(stored['declaredBy'], 'bob');
      assert.equal((await slash(`ack ${id}`, BOB))['response_type'], 'in_channel');
      assert.equal(slackApi.calls.length, before + 1, 'the second command needs no users.info call');
    });

    it('falls back to unmapped when users.info does not answer in time (its timeout is well under 1 s)', async () => {
      assert.ok(SLACK_LOOKUP_TIMEOUT_MS > 0 && SLACK_LOOKUP_TIMEOUT_MS < 1000);
      const r = await slash('critical outage production', SLOW);
      assert.equal(r['response_type'], 'ephemeral');
      assert.match(allText(r), /not linked to an incident-response user/);
      assert.ok(h.logs.some((l) => l.includes('Slack users.info gave no email') && l.includes(`no answer within ${SLACK_LOOKUP_TIMEOUT_MS} ms`)));
    });

    it('does not let a viewer declare', async () => {
      const r = await slash('critical outage production --title "Viewer tries"', VIC);
      assert.equal(r['response_type'], 'ephemeral');
      assert.match(allText(r), /vic \(viewer\) may not do this: it needs the responder role/);
      const incidents = (await h.request('GET', '/api/v1/incidents?limit=500', { as: 'admin' })).json() as Json;
      assert.ok(!incidents['items'].some((i: Json) => i['title'] === 'Viewer tries'));
    });

    it('hides a security incident from a Slack user outside the security team, worded like an unknown id', async () => {
      const { id } = await declareSecurityBy(SAM, 'critical security production --title "Credential leak"');
      assert.match(allText(await slash(`status ${id}`, SAM)), /Credential leak/);
      const hidden = await slash(`status ${id}`, ALICE);
      const unknownId = id.replace(/\d{3}$/, '999');
      const unknown = await slash(`status ${unknownId}`, ALICE);
      assert.equal(hidden['response_type'], 'ephemeral');
      assert.equal(allText(hidden).replaceAll(id, 'ID'), allText(unknown).replaceAll(unknownId, 'ID'));
      assert.ok(!allText(hidden).includes('Credential leak'));
    });

    it('answers every command about a security incident only to the person who typed it, never in the channel', async () => {
      const { id, answer } = await declareSecurityBy(SAM, 'critical security production --title "Signing key exposed in CI logs"');
      assert.match(allText(answer), /Signing key exposed in CI logs/, 'the security team member sees the full card');
      for (const text of [`status ${id}`, `ack ${id}`, `update ${id} investigating: rotating the signing key`, `resolve ${id} --summary "Key rotated"`]) {
        const r = await slash(text, SAM);
        assert.equal(r['response_type'], 'ephemeral', `${text}: ${allText(r)}`);
        assert.doesNotMatch(String(r['text']), /:warning:/, `${text}: ${allText(r)}`);
      }
      const stored = (await h.request('GET', `/api/v1/incidents/${id}`, { as: 'admin' })).json() as Json;
      assert.deepEqual([stored['status'], stored['lastUpdate']?.['message']], ['resolved', 'rotating the signing key']);
    });

    it('gives a responder outside the security team who declares a security incident an ephemeral receipt, and nothing more', async () => {
      const { id, answer } = await declareSecurityBy(ALICE, 'high security production --title "Phishing mail with our logo"');
      const text = allText(answer);
      assert.match(text, /handed to the security team/);
      assert.match(text, /SEV-2/);
      for (const hidden of [/Checklist|Initial Response|Escalation:|Response:|Updates:/, /ack SEC-/]) assert.doesNotMatch(text, hidden);
      const stored = (await h.request('GET', `/api/v1/incidents/${id}`, { as: 'admin' })).json() as Json;
      assert.deepEqual([stored['type'], stored['declaredBy'], stored['title']], ['security', 'alice', 'Phishing mail with our logo']);
      const after = await slash(`status ${id}`, ALICE);
      assert.match(allText(after), /No incident/);
      const outage = await slash('low outage staging --title "Staging banner typo"', ALICE);
      assert.equal(outage['response_type'], 'in_channel', 'other incidents are still posted in the channel');
    });

    it('answers a signed form without a user in Slack terms, and refuses big bodies with 413', async () => {
      const body = 'command=%2Fincident-response&text=help';
      const r = await post(body, sign(body, nowSeconds()));
      assert.equal(r.statusCode, 200);
      assert.equal((r.json() as Json)['response_type'], 'ephemeral');
      const big = slackForm('x'.repeat(70 * 1024), ALICE);
      const tooBig = await post(big, sign(big, nowSeconds()));
      assert.equal(tooBig.statusCode, 413);
      assert.equal((tooBig.json() as Json)['error'].message, 'The request body is larger than 64 KB.');
    });

    it('never writes the signing secret or the bot token to the log or an answer', async () => {
      const body = `${slackForm('status INC-2026-0101-001', BOB)}&secret=${SIGNING_SECRET}&token=${BOT_TOKEN}`;
      await post(body, sign(body, nowSeconds()));
      await post(body, { 'x-slack-request-timestamp': String(nowSeconds()), 'x-slack-signature': `v0=${SIGNING_SECRET}` });
      await h.server.inject({ method: 'POST', url: `${PATH}?token=${BOT_TOKEN}`, headers: { ...CONTENT_TYPE, authorization: `Bearer ${BOT_TOKEN}` }, payload: body });
      const logs = h.logs.join('');
      assert.ok(h.logs.length > 10);
      for (const secret of [SIGNING_SECRET, BOT_TOKEN]) {
        assert.ok(!logs.includes(secret), `the log contains ${secret}`);
        for (const b of bodies) assert.ok(!b.includes(secret), `an answer contains ${secret}: ${b}`);
      }
    });
  });

  describe(`Slack slash commands when not set up (${kind})`, () => {
    it('answers 404 like any unknown route without integrations.slack, and says so at startup', async () => {
      const h = await startHarness(kind);
      try {
        const body = slackForm('help', ALICE);
        const res = await h.server.inject({ method: 'POST', url: PATH, headers: { ...CONTENT_TYPE, ...sign(body, nowSeconds()) }, payload: body });
        assert.equal(res.statusCode, 404);
        assert.equal((res.json() as Json)['error'].code, 'NOT_FOUND');
        assert.ok(h.logs.some((l) => l.includes('Slack commands not served: integrations.slack is not configured')));
      } finally {
        await h.close();
      }
    });

    it('answers 404 when the signing-secret variable is not set, and names the variable at startup', async () => {
      const h = await startHarness(kind, {}, { configYaml: configYaml('https://slack.com/api') });
      try {
        const body = slackForm('help', ALICE);
        const res = await h.server.inject({ method: 'POST', url: PATH, headers: { ...CONTENT_TYPE, ...sign(body, nowSeconds()) }, payload: body });
        assert.equal(res.statusCode, 404);
        assert.ok(h.logs.some((l) => l.includes('Slack commands not served: the environment variable SLACK_SIGNING_SECRET')));
      } finally {
        await h.close();
      }
    });
  });
}
