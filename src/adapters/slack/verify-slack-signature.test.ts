import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { epochMs } from '../../domain/time/index.js';
import { verifySlackSignature } from './index.js';

// The worked example of Slack's "Verifying requests from Slack" page.
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = '1531420618';
const BODY = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar'
  + '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com'
  + '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const AT = epochMs(Number(TIMESTAMP) * 1000);

const headers = (ts: string | undefined = TIMESTAMP, sig: string | undefined = SIGNATURE) =>
  ({ 'x-slack-request-timestamp': ts, 'x-slack-signature': sig });

describe('verifySlackSignature', () => {
  it("accepts Slack's documented example, as a string and as bytes", () => {
    assert.deepEqual(verifySlackSignature({ headers: headers(), rawBody: BODY }, SECRET, AT), { ok: true });
    assert.deepEqual(verifySlackSignature({ headers: headers(), rawBody: Buffer.from(BODY) }, SECRET, AT), { ok: true });
  });

  it('agrees with an independent HMAC over the v0 basestring', () => {
    const body = 'text=critical+outage+production&user_id=U1';
    const ts = '1800000000';
    const sig = `v0=${createHmac('sha256', 'another-secret').update(`v0:${ts}:${body}`).digest('hex')}`;
    assert.deepEqual(verifySlackSignature({ headers: headers(ts, sig), rawBody: body }, 'another-secret', epochMs(1_800_000_000_000)), { ok: true });
    assert.deepEqual(verifySlackSignature({ headers: headers(ts, sig.toUpperCase().replace('V0=', 'v0=')), rawBody: body }, 'another-secret', epochMs(1_800_000_000_000)), { ok: true });
  });

  it('rejects a body with one byte changed', () => {
    for (const i of [0, 40, BODY.length - 1]) {
      const changed = BODY.slice(0, i) + (BODY[i] === 'x' ? 'y' : 'x') + BODY.slice(i + 1);
      assert.deepEqual(verifySlackSignature({ headers: headers(), rawBody: changed }, SECRET, AT), { ok: false, reason: 'bad-signature' });
    }
  });

  it('rejects a changed signature, a wrong secret, and malformed signatures', () => {
    const flipped = SIGNATURE.slice(0, -1) + (SIGNATURE.endsWith('3') ? '4' : '3');
    for (const sig of [flipped, SIGNATURE.slice(0, -2), `${SIGNATURE}00`, SIGNATURE.replace('v0=', 'v1='), 'v0=', 'garbage']) {
      assert.deepEqual(verifySlackSignature({ headers: headers(TIMESTAMP, sig), rawBody: BODY }, SECRET, AT), { ok: false, reason: 'bad-signature' }, sig);
    }
    assert.deepEqual(verifySlackSignature({ headers: headers(), rawBody: BODY }, `${SECRET}x`, AT), { ok: false, reason: 'bad-signature' });
  });

  it('accepts timestamps up to 300 s either side of now and refuses older or newer ones', () => {
    const at = (deltaS: number) => verifySlackSignature({ headers: headers(), rawBody: BODY }, SECRET, epochMs(AT + deltaS * 1000));
    assert.deepEqual(at(300), { ok: true });
    assert.deepEqual(at(-300), { ok: true });
    assert.deepEqual(at(301), { ok: false, reason: 'stale-timestamp' });
    assert.deepEqual(at(-301), { ok: false, reason: 'stale-timestamp' });
    assert.deepEqual(at(86_400), { ok: false, reason: 'stale-timestamp' });
  });

  it('refuses a timestamp that is not whole seconds before computing anything', () => {
    for (const ts of ['1531420618.5', '-1', 'abc', '1e9', ' 1531420618']) {
      assert.deepEqual(verifySlackSignature({ headers: headers(ts), rawBody: BODY }, SECRET, AT), { ok: false, reason: 'stale-timestamp' }, ts);
    }
  });

  it('reports missing headers', () => {
    assert.deepEqual(verifySlackSignature({ headers: {}, rawBody: BODY }, SECRET, AT), { ok: false, reason: 'missing-headers' });
    assert.deepEqual(verifySlackSignature({ headers: { 'x-slack-signature': SIGNATURE }, rawBody: BODY }, SECRET, AT), { ok: false, reason: 'missing-headers' });
    assert.deepEqual(verifySlackSignature({ headers: { 'x-slack-request-timestamp': TIMESTAMP }, rawBody: BODY }, SECRET, AT), { ok: false, reason: 'missing-headers' });
    assert.deepEqual(verifySlackSignature({ headers: headers(TIMESTAMP, ''), rawBody: BODY }, SECRET, AT), { ok: false, reason: 'missing-headers' });
    assert.deepEqual(verifySlackSignature({ headers: { 'x-slack-request-timestamp': [TIMESTAMP], 'x-slack-signature': [SIGNATURE] }, rawBody: BODY }, SECRET, AT), { ok: true });
  });

  it('refuses to run with an empty signing secret', () => {
    assert.throws(() => verifySlackSignature({ headers: headers(), rawBody: BODY }, '', AT), { code: 'CONFIG_INVALID' });
  });
});
