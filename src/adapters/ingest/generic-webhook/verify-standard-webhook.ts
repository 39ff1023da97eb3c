import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EpochMs } from '../../../domain/time/index.js';
import { headerValue } from '../header-value.js';
import type { IngestContext } from '../ingest-source.js';

export type StandardWebhookResult =
  | { readonly ok: true; readonly id: string }
  | { readonly ok: false; readonly reason: 'missing-headers' | 'stale-timestamp' | 'bad-signature' };

/** Standard Webhooks' replay window: 5 minutes either side of our clock. */
export const STANDARD_WEBHOOK_TOLERANCE_SECONDS = 300;

/** `whsec_<base64>` → key bytes (a bare base64 secret works too). */
export function decodeWebhookSecret(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/** `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`. */
export function signStandardWebhook(secret: string, id: string, timestampSeconds: number, body: string | Uint8Array): string {
  const mac = createHmac('sha256', decodeWebhookSecret(secret)).update(`${id}.${timestampSeconds}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

/**
 * Standard Webhooks (standardwebhooks.com) verification: the three `webhook-*` headers, a timestamp
 * within `toleranceSeconds` of `now`, and any space-separated `v1,` entry of `webhook-signature`
 * matching any of `secrets` (several during rotation). Other versions (`v1a` asymmetric) are skipped.
 * Comparison is constant-time over equal-length digests.
 */
export function verifyStandardWebhook(
  request: { readonly headers: IngestContext['headers']; readonly rawBody: string | Uint8Array },
  secrets: readonly string[],
  now: EpochMs,
  toleranceSeconds = STANDARD_WEBHOOK_TOLERANCE_SECONDS,
): StandardWebhookResult {
  const id = headerValue(request.headers, 'webhook-id');
  const timestamp = headerValue(request.headers, 'webhook-timestamp');
  const signature = headerValue(request.headers, 'webhook-signature');
  if (id === undefined || timestamp === undefined || signature === undefined) return { ok: false, reason: 'missing-headers' };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return { ok: false, reason: 'stale-timestamp' };
  const given = signature.split(' ')
    .map((entry) => entry.trim().split(','))
    .filter((parts) => parts[0] === 'v1' && parts[1] !== undefined)
    .map((parts) => Buffer.from(parts[1]!, 'base64'));
  for (const secret of secrets) {
    const key = decodeWebhookSecret(secret);
    if (key.length === 0) continue; // an empty key would let anyone sign
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(request.rawBody).digest();
    if (given.some((g) => g.length === expected.length && timingSafeEqual(g, expected))) return { ok: true, id };
  }
  return { ok: false, reason: 'bad-signature' };
}
