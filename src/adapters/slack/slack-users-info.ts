import { guardedRequest, type AddressGuard } from '../outbound-net/index.js';

/** What Slack's users.info said about a user's email. */
export type SlackEmailLookup =
  | { readonly kind: 'found'; readonly email: string }
  /** A definite answer worth remembering: no such user, or no email visible to the bot. */
  | { readonly kind: 'none'; readonly reason: string }
  /** Timeout, network, HTTP or rate-limit trouble: worth asking again next time. */
  | { readonly kind: 'failed'; readonly reason: string };

export interface SlackUsersInfoOptions {
  /** Web API base URL without a trailing slash, e.g. https://slack.com/api. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly timeoutMs: number;
  /** The SSRF guard (built by the composition root: it trusts the configured api_url origin). */
  readonly guard: AddressGuard;
}

/**
 * The users.info budget. The slash command must be answered within 1 s (Slack's own limit is 3 s),
 * and the declaration itself needs part of that, so a slow Slack API falls back to "unmapped".
 */
export const SLACK_LOOKUP_TIMEOUT_MS = 500;

/** Slack errors that will not change by asking again. */
const DEFINITE_ERRORS = new Set(['user_not_found', 'user_not_visible', 'account_inactive']);

/**
 * Asks `users.info` for a Slack user's profile email (the bot needs users:read and users:read.email),
 * through the SSRF guard: a redirect is checked again, and the token is not sent to another origin.
 * Never throws; reasons never contain the token (they name hosts, never a URL's path or query).
 */
export async function lookUpSlackEmail(slackUserId: string, options: SlackUsersInfoOptions): Promise<SlackEmailLookup> {
  const reply = await guardedRequest(
    { method: 'GET', url: `${options.apiUrl}/users.info?user=${encodeURIComponent(slackUserId)}`, headers: { authorization: `Bearer ${options.botToken}` } },
    { guard: options.guard, timeoutMs: options.timeoutMs },
  );
  if ('failure' in reply) {
    const reason = reply.failure === 'timeout' ? `no answer within ${options.timeoutMs} ms` : reply.failure === 'refused' ? reply.reason : `request failed (${reply.reason})`;
    return { kind: 'failed', reason };
  }
  let body: unknown;
  try {
    body = JSON.parse(reply.body);
  } catch {
    return { kind: 'failed', reason: `HTTP ${reply.status} without a JSON body` };
  }
  const answer = body as { ok?: unknown; error?: unknown; user?: { id?: unknown; profile?: { email?: unknown } } } | null;
  if (answer?.ok !== true) {
    const error = typeof answer?.error === 'string' ? answer.error.slice(0, 60) : `HTTP ${reply.status}`;
    return DEFINITE_ERRORS.has(error) ? { kind: 'none', reason: error } : { kind: 'failed', reason: error };
  }
  if (answer.user?.id !== slackUserId) return { kind: 'failed', reason: 'the answer is about another user' };
  const email = answer.user.profile?.email;
  return typeof email === 'string' && email !== '' ? { kind: 'found', email } : { kind: 'none', reason: 'no email visible (is the users:read.email scope granted?)' };
}
