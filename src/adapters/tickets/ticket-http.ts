import { STATUS_CODES } from 'node:http';
import { AppError } from '../../domain/errors/index.js';
import { guardedRequest, type AddressGuard } from '../outbound-net/index.js';

const TIMEOUT_MS = 15_000;
const BODY_MAX_BYTES = 1_000_000;

/** How a ticket system's error bodies read: each system says why in its own shape. */
export type ReasonReader = (body: unknown) => string | undefined;

/**
 * One JSON request to a ticket system, through the SSRF guard (`guard` trusts the configured URLs'
 * origins; a redirect is checked again and drops the authorization header when it leaves the
 * origin). Any non-2xx answer becomes an AppError naming the system, the status and the system's
 * own reason (RATE_LIMITED with Retry-After for 429, UPSTREAM_FAILED otherwise). `secrets` are
 * removed from every message, whatever the system echoed back.
 */
export async function requestTicketJson(
  system: string,
  guard: AddressGuard,
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  readReason: ReasonReader,
  secrets: readonly string[],
  hint: Partial<Record<number, string>> = {},
): Promise<unknown> {
  const scrub = (text: string) => secrets.filter((s) => s.length >= 4).reduce((t, s) => t.split(s).join('[redacted]'), text);
  const target = new URL(url);
  const response = await guardedRequest({
    method: init.method,
    url,
    headers: { accept: 'application/json', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...lowerCaseNames(init.headers) },
    ...(init.body === undefined ? {} : { body: init.body }),
  }, { guard, timeoutMs: TIMEOUT_MS, maxBodyBytes: BODY_MAX_BYTES });
  if ('failure' in response) {
    // A network reason starts with the host it failed on; said once when that is the configured one.
    const prefix = `${target.host}: `;
    const why = response.failure === 'timeout' ? `no answer within ${TIMEOUT_MS / 1000} s` : response.reason.startsWith(prefix) ? response.reason.slice(prefix.length) : response.reason;
    throw new AppError('UPSTREAM_FAILED', scrub(`${system} could not be reached at ${target.origin}: ${why}`));
  }
  const text = response.body;
  const isOk = response.status >= 200 && response.status < 300;
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (isOk) {
    if (body === undefined && text !== '') throw new AppError('UPSTREAM_FAILED', `${system} answered ${response.status} with a body that is not JSON`);
    return body;
  }
  const statusText = STATUS_CODES[response.status];
  const reason = scrub(readReason(body) ?? (text.trim().slice(0, 300) || statusText || 'no reason given'));
  const status = `${response.status}${statusText ? ` ${statusText}` : ''}`;
  if (response.status === 429) {
    const header = response.headers['retry-after'];
    const retry = Array.isArray(header) ? header[0] : header;
    throw new AppError('RATE_LIMITED', `${system} answered 429 Too Many Requests: ${reason.replace(/\.$/, '')}.${retry ? ` Retry after ${/^\d+$/.test(retry) ? `${retry} s` : retry}.` : ''}`);
  }
  const extra = hint[response.status];
  throw new AppError('UPSTREAM_FAILED', `${system} answered ${status}: ${reason}`, extra === undefined ? {} : { hint: extra });
}

function lowerCaseNames(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
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
