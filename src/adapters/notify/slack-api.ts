import type { DeliveryOutcome } from '../../app/ports/index.js';
import { headerValue, jsonBody, outcomeOfStatus, parseRetryAfter, sendHttp, type HttpContext } from './http-delivery.js';

/** Slack `error` codes that are worth another attempt; every other one is final. */
const TRANSIENT_ERRORS = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

export type SlackAnswer = { readonly ok: true; readonly data: Record<string, unknown> } | { readonly ok: false; readonly error?: string; readonly outcome: DeliveryOutcome };

/**
 * One Slack Web API call (form-encoded, bot token in the Authorization header). Slack answers 200
 * with `ok: false` and an `error` code for most refusals, and HTTP 429 with Retry-After when
 * rate-limited; both become outcomes here.
 */
export async function callSlack(
  apiUrl: string,
  method: string,
  args: Readonly<Record<string, string | number | boolean>>,
  token: string,
  timeoutMs: number,
  ctx: HttpContext,
): Promise<SlackAnswer> {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(args)) form.set(k, String(v));
  const sent = await sendHttp({
    method: 'POST',
    url: `${apiUrl}/${method}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
  }, timeoutMs, ctx);
  if ('outcome' in sent) return { ok: false, outcome: sent.outcome };
  const now = ctx.clock.now();
  if (sent.reply.status !== 200) return { ok: false, outcome: outcomeOfStatus(sent.reply, `Slack ${method}`, now) };
  const data = jsonBody(sent.reply);
  if (typeof data !== 'object' || data === null) return { ok: false, outcome: { kind: 'retry', reason: `Slack ${method} answered 200 without JSON` } };
  const answer = data as Record<string, unknown>;
  if (answer['ok'] === true) return { ok: true, data: answer };
  const error = typeof answer['error'] === 'string' ? answer['error'] : 'unknown_error';
  const needed = typeof answer['needed'] === 'string' ? ` (the bot token needs the scope ${answer['needed']})` : '';
  const reason = `Slack ${method} refused: ${error}${needed}`;
  if (TRANSIENT_ERRORS.has(error)) {
    const retryAfterMs = parseRetryAfter(headerValue(sent.reply.headers, 'retry-after'), now);
    return { ok: false, error, outcome: { kind: 'retry', reason, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) } };
  }
  return { ok: false, error, outcome: { kind: 'failed', reason } };
}
