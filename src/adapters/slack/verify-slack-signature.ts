import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../domain/errors/index.js';
import type { EpochMs } from '../../domain/time/index.js';

export type SlackSignatureResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'missing-headers' | 'stale-timestamp' | 'bad-signature' };

export interface SlackSignedRequest {
  /** Node's lower-cased header record (Fastify's `request.headers`). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The body exactly as received, before any form parsing: the signature covers these bytes. */
  readonly rawBody: string | Uint8Array;
}

/** Slack's replay window: a request signed more than 5 minutes before or after `now` is refused. */
export const SLACK_MAX_SKEW_SECONDS = 300;

function header(headers: SlackSignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' && one !== '' ? one : undefined;
}

/**
 * Slack's v0 request signature: HMAC-SHA256 over `v0:{X-Slack-Request-Timestamp}:{raw body}` with
 * the app's signing secret, hex, sent as `X-Slack-Signature: v0=…`. Compared in constant time.
 * A timestamp that is not a whole number of seconds counts as stale (it cannot be in the window).
 */
export function verifySlackSignature(request: SlackSignedRequest, signingSecret: string, now: EpochMs): SlackSignatureResult {
  // An empty key would let anyone compute a valid signature.
  if (signingSecret === '') throw new AppError('CONFIG_INVALID', 'the Slack signing secret is empty; copy it from the Slack app\'s Basic Information page');
  const timestamp = header(request.headers, 'x-slack-request-timestamp');
  const signature = header(request.headers, 'x-slack-signature');
  if (timestamp === undefined || signature === undefined) return { ok: false, reason: 'missing-headers' };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > SLACK_MAX_SKEW_SECONDS) {
    return { ok: false, reason: 'stale-timestamp' };
  }
  const given = /^v0=([0-9a-f]{64})$/i.exec(signature)?.[1];
  if (given === undefined) return { ok: false, reason: 'bad-signature' };
  const expected = createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(request.rawBody).digest();
  const actual = Buffer.from(given, 'hex');
  // Both are 32 bytes here (64 hex digits checked above); timingSafeEqual throws on unequal lengths.
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? { ok: true } : { ok: false, reason: 'bad-signature' };
}
