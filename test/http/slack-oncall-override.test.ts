// `/incident-response oncall override …` from Slack: a mapped responder takes a shift (posted in
// the channel), lists and deletes it; a viewer is refused; /oncall answers with the override.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { WORLD_CONFIG } from '../paging/paging-world.js';
import { startHarness, type Harness } from './http-harness.js';

type Json = Record<string, unknown>;
const PATH = '/integrations/slack/commands';
const SIGNING_SECRET = 'canary-slack-signing-secret-0c4a1e';
const BOB = 'U0BOB0001';
const VIC = 'U0VIEWER1';

const CONFIG = `${WORLD_CONFIG}
integrations:
  slack:
    signing_secret_env: SLACK_SIGNING_SECRET
    users:
      - { slack_user_id: ${BOB}, name: bob, role: responder }
      - { slack_user_id: ${VIC}, name: vic, role: viewer }
`;

function slackForm(text: string, userId: string): string {
  return new URLSearchParams({
    token: 'deprecated', team_id: 'T0TEAM001', team_domain: 'acme', channel_id: 'C0ONCALL1', channel_name: 'oncall',
    user_id: userId, user_name: 'someone', command: '/incident-response', text, api_app_id: 'A0APP0001',
    response_url: 'https://hooks.slack.com/commands/T0TEAM001/1/abc', trigger_id: '1.2.abc',
  }).toString();
}

for (const kind of STORE_KINDS) {
  describe(`Slack: oncall override (${kind})`, () => {
    let h: Harness;
    let n = 0;
    before(async () => {
      h = await startHarness(kind, {}, { configYaml: CONFIG, env: { SLACK_SIGNING_SECRET: SIGNING_SECRET } });
    });
    after(() => h.close());

    async function slash(text: string, userId: string): Promise<Json> {
      const body = slackForm(text, userId);
      // Each request is signed at its own second: the same signature twice is a replay.
      const timestamp = Math.floor(Date.now() / 1000) - n++;
      const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
      const res = await h.server.inject({
        method: 'POST', url: PATH, payload: body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as Json;
    }
    const onCallAt = async (iso: string) => ((await h.request('GET', `/api/v1/oncall?at=${iso}`, { as: 'viewer' })).json() as { schedules: { onCall: { name: string } }[] }).schedules[0]?.onCall.name;

    it('lets a mapped responder take a shift, posted in the channel, and /oncall answers with it', async () => {
      const r = await slash('oncall override --schedule primary --person bob --from "2027-01-10 09:00" --to "2027-01-10 17:00" --note "cover Alice"', BOB);
      assert.equal(r['response_type'], 'in_channel', JSON.stringify(r));
      assert.match(String(r['text']), /bob made an on-call override: `ovr_[\w-]+` \*Bob Brown\* on call for `primary` .* — cover Alice/);
      assert.equal(await onCallAt('2027-01-10T12:00:00Z'), 'Bob Brown');
    });

    it('lists the overrides to the caller only, and deletes one in the channel', async () => {
      const list = await slash('oncall override list --schedule primary', BOB);
      assert.equal(list['response_type'], 'ephemeral');
      const id = /`(ovr_[\w-]+)`/.exec(JSON.stringify(list['blocks']))?.[1];
      assert.ok(id, JSON.stringify(list));
      const deleted = await slash(`oncall override delete ${id}`, BOB);
      assert.equal(deleted['response_type'], 'in_channel', JSON.stringify(deleted));
      assert.match(String(deleted['text']), /bob deleted an on-call override/);
      assert.equal(await onCallAt('2027-01-10T12:00:00Z'), 'Alice Adams');
    });

    it('refuses a viewer, and says what a half-written override is missing', async () => {
      const viewer = await slash('oncall override --schedule primary --person vic --from 2027-01-11T00:00Z --to 2027-01-11T08:00Z', VIC);
      assert.equal(viewer['response_type'], 'ephemeral');
      assert.match(JSON.stringify(viewer), /vic \(viewer\) may not do this/);
      const missing = await slash('oncall override --schedule primary', BOB);
      assert.match(JSON.stringify(missing), /oncall override needs --person, --from, --to/);
      assert.equal((await h.app.store.listOverrides({ endsAfter: 0 as never })).length, 0);
    });
  });
}
