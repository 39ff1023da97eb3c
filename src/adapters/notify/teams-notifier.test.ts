import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createNotifier } from './index.js';
import { fixedClock, sampleMessage, startRecordingServer, type RecordingServer, type ScriptedReply } from './notify-test-support.js';

const servers: RecordingServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));
const { notifier } = createNotifier({ teams: {}, allowPrivateAddresses: ['127.0.0.1/32'] }, { env: {}, clock: fixedClock });

async function teams(reply: ScriptedReply) {
  const s = await startRecordingServer(() => reply);
  servers.push(s);
  const address = `${s.url}/webhookb2/0a1b2c3d@tenant/IncomingWebhook/5e6f7a8b/secret-part`;
  return { s, address, outcome: await notifier.deliver(sampleMessage({ channel: 'teams', address }), 2000) };
}

describe('Teams channel (incoming webhook)', () => {
  it('posts an Adaptive Card in the message envelope; 200 "1" is delivered', async () => {
    const { s, outcome } = await teams({ status: 200, body: '1' });
    assert.equal(outcome.kind, 'delivered');
    const body = JSON.parse(s.requests[0]!.body) as { type: string; attachments: { contentType: string; contentUrl: null; content: Record<string, unknown> }[] };
    assert.equal(body.type, 'message');
    assert.equal(body.attachments.length, 1);
    const card = body.attachments[0]!;
    assert.equal(card.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(card.contentUrl, null);
    assert.equal(card.content['type'], 'AdaptiveCard');
    assert.equal(card.content['version'], '1.4');
    assert.deepEqual(card.content['actions'], [{ type: 'Action.OpenUrl', title: 'Open INC-2026-1128-001', url: 'https://ir.example.com/incidents/INC-2026-1128-001' }]);
    const texts = (card.content['body'] as { type: string; text?: string }[]).map((b) => b.text ?? b.type);
    assert.deepEqual(texts, ['[SEV-1] INC-2026-1128-001 Checkout API down', sampleMessage().text, 'FactSet']);
  });

  it('takes a Workflows 202 as delivered', async () => {
    assert.equal((await teams({ status: 202 })).outcome.kind, 'delivered');
  });

  it('retries a throttled post, also when the connector reports it inside a 200', async () => {
    assert.deepEqual((await teams({ status: 429, headers: { 'retry-after': '5' } })).outcome, { kind: 'retry', reason: `Teams (127.0.0.1:${new URL(servers.at(-1)!.url).port}) answered 429`, retryAfterMs: 5000 });
    const inBody = await teams({ status: 200, body: 'Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0' });
    assert.equal(inBody.outcome.kind, 'retry');
  });

  it('fails on 400 and never shows the webhook URL\'s path', async () => {
    const { outcome } = await teams({ status: 400, body: 'Bad payload received by generic incoming webhook.' });
    assert.equal(outcome.kind, 'failed');
    assert.match((outcome as { reason: string }).reason, /^Teams \(127\.0\.0\.1:\d+\) answered 400: Bad payload received by generic incoming webhook\.$/);
    assert.doesNotMatch(JSON.stringify(outcome), /secret-part|webhookb2/);
  });
});
