import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createNotifier } from './index.js';
import { fixedClock, sampleMessage, startRecordingServer, type RecordingServer, type ScriptedReply } from './notify-test-support.js';
import { escapeXml, speechText } from './speech-text.js';
import { MAX_SMS_LENGTH, smsBody, twiml } from './twilio-notifier.js';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'twilio-auth-token-0123456789';
const servers: RecordingServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function twilio(reply: ScriptedReply, channel: 'sms' | 'voice' = 'sms', overrides = {}) {
  const s = await startRecordingServer(() => reply);
  servers.push(s);
  const { notifier } = createNotifier({ twilio: { accountSid: SID, authTokenEnv: 'TWILIO_AUTH_TOKEN', from: '+15550001111', apiUrl: s.url }, allowPrivateAddresses: ['127.0.0.1/32'] }, { env: { TWILIO_AUTH_TOKEN: TOKEN }, clock: fixedClock });
  return { s, outcome: await notifier.deliver(sampleMessage({ channel, address: '+15551234567', ...overrides }), 2000) };
}

describe('SMS (Twilio Messages)', () => {
  it('posts To, From and Body form-encoded with basic auth; 201 is delivered with the message sid', async () => {
    const { s, outcome } = await twilio({ status: 201, body: { sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued' } });
    assert.deepEqual(outcome, { kind: 'delivered', detail: 'Twilio accepted the SMS (SM0123456789abcdef0123456789abcdef, queued)', providerId: 'SM0123456789abcdef0123456789abcdef' });
    const [req] = s.requests;
    assert.equal(req?.url, `/2010-04-01/Accounts/${SID}/Messages.json`);
    assert.equal(req?.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(req?.headers.authorization, `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
    const form = new URLSearchParams(req!.body);
    assert.deepEqual([...form.keys()], ['To', 'From', 'Body']);
    assert.equal(form.get('To'), '+15551234567');
    assert.equal(form.get('From'), '+15550001111');
    assert.equal(form.get('Body'), `[SEV-1] INC-2026-1128-001 Checkout API down\n${sampleMessage().text}`);
  });

  it('fails on an invalid number (400, code 21211) quoting Twilio', async () => {
    const { outcome } = await twilio({ status: 400, body: { code: 21211, message: "The 'To' number +15551234567 is not a valid phone number.", more_info: 'https://www.twilio.com/docs/errors/21211', status: 400 } });
    assert.deepEqual(outcome, { kind: 'failed', reason: "Twilio answered 400: 21211 The 'To' number +15551234567 is not a valid phone number." });
  });

  it('retries on 429 after Retry-After, and on 500', async () => {
    assert.deepEqual((await twilio({ status: 429, headers: { 'retry-after': '2' }, body: { code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 } })).outcome,
      { kind: 'retry', reason: 'Twilio answered 429: 20429 Too Many Requests', retryAfterMs: 2000 });
    assert.equal((await twilio({ status: 500 })).outcome.kind, 'retry');
  });

  it('never shows the auth token, even when the server echoes it', async () => {
    const { outcome } = await twilio({ status: 401, body: { code: 20003, message: `Authenticate: bad credentials ${TOKEN} / ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`, status: 401 } });
    assert.equal(outcome.kind, 'failed');
    assert.doesNotMatch(JSON.stringify(outcome), new RegExp(TOKEN));
    assert.match(JSON.stringify(outcome), /\[redacted\]/);
  });

  it('refuses an address that is not E.164, without sending', async () => {
    const { s, outcome } = await twilio({ status: 201 }, 'sms', { address: '555-1234' });
    assert.equal(outcome.kind, 'failed');
    assert.equal(s.requests.length, 0);
  });

  it('cuts the body to 1,600 characters, never inside a surrogate pair', () => {
    const long = smsBody(sampleMessage({ text: '🔥'.repeat(1000) }));
    assert.equal(long.length <= MAX_SMS_LENGTH, true);
    assert.ok(long.endsWith('…'));
    assert.doesNotMatch(long.slice(-2, -1), /[\uD800-\uDBFF]/);
    assert.equal(smsBody(sampleMessage({ text: 'short' })), '[SEV-1] INC-2026-1128-001 Checkout API down\nshort');
  });
});

describe('voice (Twilio Calls)', () => {
  it('posts inline TwiML that says the message, escaped', async () => {
    const { s, outcome } = await twilio({ status: 201, body: { sid: 'CA0123456789abcdef0123456789abcdef', status: 'queued' } }, 'voice', { text: 'Errors <5xx> & timeouts on "checkout".' });
    assert.deepEqual(outcome, { kind: 'delivered', detail: 'Twilio accepted the call (CA0123456789abcdef0123456789abcdef, queued)', providerId: 'CA0123456789abcdef0123456789abcdef' });
    const [req] = s.requests;
    assert.equal(req?.url, `/2010-04-01/Accounts/${SID}/Calls.json`);
    const form = new URLSearchParams(req!.body);
    assert.deepEqual([...form.keys()], ['To', 'From', 'Twiml']);
    assert.equal(form.get('Twiml'), '<Response><Say>severity 1 incident 1 of November 28 Checkout API down. Errors &lt;5xx&gt; &amp; timeouts on &quot;checkout&quot;.</Say></Response>');
  });

  it('reads ids, severities and links the way a person would say them', () => {
    const text = speechText(sampleMessage({ subject: 'SEV-2 INC-2026-0305-012 Search slow', text: 'Details: https://ir.example.com/x\nAcknowledge in the app' }));
    assert.equal(text, 'severity 2 incident 12 of March 5 Search slow. Details: Acknowledge in the app.');
    assert.equal(speechText(sampleMessage({ subject: 'SEV-1 SEC-2026-0305-002', text: 'Acknowledge in the app' })), 'severity 1 security incident 2 of March 5. Acknowledge in the app.');
    assert.equal(escapeXml(`a<b>&"c'`), 'a&lt;b&gt;&amp;&quot;c&apos;');
    assert.ok(speechText(sampleMessage({ text: 'word. '.repeat(500) })).length <= 900);
    const escaped = twiml(sampleMessage({ text: '<&>"'.repeat(600) }));
    assert.ok(escaped.length <= 4000, String(escaped.length));
    assert.match(escaped, /^<Response><Say>[^<>]*<\/Say><\/Response>$/);
  });
});
