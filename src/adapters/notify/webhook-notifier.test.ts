import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { epochMs } from '../../domain/time/index.js';
import { verifyStandardWebhook } from '../ingest/generic-webhook/verify-standard-webhook.js';
import { createNotifier, decodeSigningSecret, signStandardWebhook } from './index.js';
import { fixedClock, NOW, sampleMessage, startRecordingServer, type RecordingServer } from './notify-test-support.js';

// The Standard Webhooks specification's published test vector.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const SECRET = 'whsec_' + Buffer.from('a-32-byte-signing-key-for-tests!').toString('base64');

const servers: RecordingServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

function webhookNotifier(env: Record<string, string> = { WEBHOOK_SECRET: SECRET }) {
  return createNotifier({ webhooks: { signingSecretEnv: 'WEBHOOK_SECRET' }, allowPrivateAddresses: ['127.0.0.1/32'] }, { env, clock: fixedClock }).notifier;
}

describe('Standard Webhooks signature', () => {
  it('reproduces the specification\'s test vector', () => {
    const key = decodeSigningSecret(VECTOR.secret);
    assert.ok(key);
    assert.equal(signStandardWebhook(key, VECTOR.id, VECTOR.timestamp, VECTOR.payload), VECTOR.signature);
  });

  it('refuses secrets that are not base64', () => {
    assert.equal(decodeSigningSecret('whsec_not base64!'), undefined);
    assert.equal(decodeSigningSecret('whsec_'), undefined);
  });
});

describe('webhook channel', () => {
  it('posts a signed incident.paged event that a Standard Webhooks verifier accepts', async () => {
    const s = await startRecordingServer(() => ({ status: 200 }));
    servers.push(s);
    const outcome = await webhookNotifier().deliver(sampleMessage({ channel: 'webhook', address: `${s.url}/hooks/ir` }), 2000);
    assert.deepEqual(outcome, { kind: 'delivered', detail: `the webhook at ${new URL(s.url).host} answered 200` });
    const [req] = s.requests;
    assert.ok(req);
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/hooks/ir');
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers['webhook-id'], 'msg_01HZX3K9Q8');
    assert.equal(req.headers['webhook-timestamp'], String(NOW / 1000));
    assert.equal(req.headers['idempotency-key'], 'msg_01HZX3K9Q8');
    const verified = verifyStandardWebhook({ headers: req.headers, rawBody: req.body }, [SECRET], epochMs(NOW));
    assert.deepEqual(verified, { ok: true, id: 'msg_01HZX3K9Q8' });
    const body = JSON.parse(req.body) as Record<string, unknown>;
    assert.deepEqual(body, {
      type: 'incident.paged',
      timestamp: '2026-11-28T14:01:00.000Z',
      data: {
        incident: {
          id: 'INC-2026-1128-001', title: 'Checkout API down', severity: 'critical', severity_label: 'SEV-1', incident_type: 'outage',
          environment: 'production', service: 'checkout-api', status: 'investigating', declared_at: '2026-11-28T14:00:00.000Z',
          url: 'https://ir.example.com/incidents/INC-2026-1128-001',
        },
        message: {
          id: 'msg_01HZX3K9Q8', purpose: 'page', subject: '[SEV-1] INC-2026-1128-001 Checkout API down',
          text: 'Checkout API down (critical, production, checkout-api).\nAcknowledge: incident-response ack INC-2026-1128-001',
          recipient_name: 'Alice Chen', created_at: '2026-11-28T14:01:00.000Z',
        },
      },
    });
  });

  it('keeps webhook-id and body the same on a retry', async () => {
    const s = await startRecordingServer(() => ({ status: 503, headers: { 'retry-after': '30' } }));
    servers.push(s);
    const notifier = webhookNotifier();
    const first = await notifier.deliver(sampleMessage({ address: `${s.url}/h` }), 2000);
    const second = await notifier.deliver(sampleMessage({ address: `${s.url}/h`, attempt: 2 }), 2000);
    assert.deepEqual(first, { kind: 'retry', reason: `the webhook at ${new URL(s.url).host} answered 503`, retryAfterMs: 30_000 });
    assert.deepEqual(second, first);
    assert.equal(s.requests[0]!.headers['webhook-id'], s.requests[1]!.headers['webhook-id']);
    assert.equal(s.requests[0]!.body, s.requests[1]!.body);
  });

  it('reports a 410 as a gone endpoint and never shows the URL\'s path or the secret', async () => {
    const s = await startRecordingServer(() => ({ status: 410, body: 'unsubscribed' }));
    servers.push(s);
    const outcome = await webhookNotifier().deliver(sampleMessage({ address: `${s.url}/hooks/tok_9f8e7d6c` }), 2000);
    assert.equal(outcome.kind, 'endpoint-gone');
    assert.doesNotMatch(JSON.stringify(outcome), /tok_9f8e7d6c|whsec_/);
  });

  it('fails without a signing secret in the environment, naming the variable', async () => {
    const outcome = await webhookNotifier({}).deliver(sampleMessage(), 2000);
    assert.deepEqual(outcome, { kind: 'failed', reason: 'the environment variable WEBHOOK_SECRET (the webhook signing secret) is not set' });
  });
});
