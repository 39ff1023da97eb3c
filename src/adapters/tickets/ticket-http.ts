import { AppError } from '../../domain/errors/index.js';

const TIMEOUT_MS = 15_000;
const BODY_MAX = 1_000_000;

/** How a ticket system's error bodies read: each system says why in its own shape. */
export type ReasonReader = (body: unknown) => string | undefined;

/**
 * One JSON request to a ticket system. Any non-2xx answer becomes an AppError naming the system,
 * the status and the system's own reason (RATE_LIMITED with Retry-After for 429, UPSTREAM_FAILED
 * otherwise). `secrets` are removed from every message, whatever the system echoed back.
 */
export async function requestTicketJson(
  system: string,
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  readReason: ReasonReader,
  secrets: readonly string[],
  hint: Partial<Record<number, string>> = {},
): Promise<unknown> {
  const scrub = (text: string) => secrets.filter((s) => s.length >= 4).reduce((t, s) => t.split(s).join('[redacted]'), text);
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: { accept: 'application/json', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    const why = e instanceof Error ? (e.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : (e.cause instanceof Error ? e.cause.message : e.message)) : String(e);
    throw new AppError('UPSTREAM_FAILED', scrub(`${system} could not be reached at ${new URL(url).origin}: ${why}`));
  }
  const text = (await response.text()).slice(0, BODY_MAX);
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.ok) {
    if (body === undefined && text !== '') throw new AppError('UPSTREAM_FAILED', `${system} answered ${response.status} with a body that is not JSON`);
    return body;
  }
  const reason = scrub(readReason(body) ?? (text.trim().slice(0, 300) || response.statusText || 'no reason given'));
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (response.status === 429) {
    const retry = response.headers.get('retry-after');
    throw new AppError('RATE_LIMITED', `${system} answered 429 Too Many Requests: ${reason.replace(/\.$/, '')}.${retry ? ` Retry after ${/^\d+$/.test(retry) ? `${retry} s` : retry}.` : ''}`);
  }
  const extra = hint[response.status];
  throw new AppError('UPSTREAM_FAILED', `${system} answered ${status}: ${reason}`, extra === undefined ? {} : { hint: extra });
}

export function basicAuth(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')}`;
}

export function requireSecret(env: Readonly<Record<string, string | undefined>>, name: string, what: string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new AppError('CONFIG_INVALID', `${what}: the environment variable ${name} is not set`, { hint: `Set ${name} in the environment of incident-response (the configuration names the variable, never the secret).` });
  }
  return value;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
