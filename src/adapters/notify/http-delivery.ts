import type { IncomingHttpHeaders } from 'node:http';
import type { Clock, DeliveryOutcome } from '../../app/ports/index.js';
import { guardedRequest, type AddressGuard, type GuardedReply, type GuardedRequest } from '../outbound-net/index.js';

/** What every HTTP channel shares: the SSRF guard and the clock (Retry-After dates, signatures, timestamps). */
export interface HttpContext {
  readonly guard: AddressGuard;
  readonly clock: Clock;
}

/**
 * One attempt of `req`: the reply, or the outcome when none came. A refused address is `failed`
 * (retrying cannot help); a timeout or a connection error is `retry`.
 */
export async function sendHttp(req: GuardedRequest, timeoutMs: number, ctx: HttpContext): Promise<{ readonly reply: GuardedReply } | { readonly outcome: DeliveryOutcome }> {
  const result = await guardedRequest(req, { guard: ctx.guard, timeoutMs });
  if (!('failure' in result)) return { reply: result };
  return { outcome: result.failure === 'refused' ? { kind: 'failed', reason: result.reason } : { kind: 'retry', reason: result.reason } };
}

/**
 * The common status mapping: 2xx delivered; 408, 429 and 5xx retry (with Retry-After when
 * given); 410 endpoint-gone; any other status failed. `what` names the service ("Twilio"),
 * `problem` is the provider's own error text when it gave one.
 */
export function outcomeOfStatus(reply: GuardedReply, what: string, nowMs: number, problem?: string, delivered?: { detail: string; providerId?: string }): DeliveryOutcome {
  const s = reply.status;
  const said = problem === undefined || problem === '' ? '' : `: ${problem}`;
  if (s >= 200 && s < 300) {
    return delivered === undefined ? { kind: 'delivered', detail: `${what} answered ${s}` } : { kind: 'delivered', ...delivered };
  }
  if (s === 408 || s === 429 || s >= 500) {
    const retryAfterMs = parseRetryAfter(headerValue(reply.headers, 'retry-after'), nowMs);
    return { kind: 'retry', reason: `${what} answered ${s}${said}`, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  if (s === 410) return { kind: 'endpoint-gone', reason: `${what} answered 410 Gone${said}` };
  return { kind: 'failed', reason: `${what} answered ${s}${said}` };
}

/** Retry-After as seconds ("120") or an HTTP date, in ms from `nowMs`; a date in the past is 0. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The body as JSON, or undefined when it is not JSON. */
export function jsonBody(reply: GuardedReply): unknown {
  try {
    return JSON.parse(reply.body) as unknown;
  } catch {
    return undefined;
  }
}

/** A short, single-line excerpt of a provider's answer for a reason. */
export function excerpt(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The host a URL names, for reasons (never its path or query, which may hold a secret). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}
