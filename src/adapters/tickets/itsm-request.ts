import { STATUS_CODES } from 'node:http';
import { AppError } from '../../domain/errors/index.js';
import { guardedRequest, type AddressGuard } from '../outbound-net/index.js';
import type { ReasonReader } from './ticket-http.js';

const TIMEOUT_MS = 15_000;
const BODY_MAX_BYTES = 1_000_000;

export interface ItsmAnswer {
  readonly status: number;
  readonly text: string;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  readonly json: unknown;
  readonly location: string | undefined;
}

/**
 * One request to an ITSM that logs in first (Remedy's JWT, Cherwell's OAuth token): form or JSON
 * bodies, any method, and the text answer kept (Remedy's login answers the token as plain text).
 * Errors read as in requestTicketJson: the system, the status and its own reason, secrets removed;
 * 429 is RATE_LIMITED, anything else UPSTREAM_FAILED.
 */
export async function requestItsm(
  system: string,
  guard: AddressGuard,
  url: string,
  init: { method: 'GET' | 'POST' | 'PUT'; headers?: Record<string, string>; json?: unknown; form?: Record<string, string> },
  readReason: ReasonReader,
  secrets: readonly string[],
  hint: Partial<Record<number, string>> = {},
): Promise<ItsmAnswer> {
  const scrub = (text: string) => secrets.filter((s) => s.length >= 4).reduce((t, s) => t.split(s).join('[redacted]'), text);
  const target = new URL(url);
  const body = init.form !== undefined ? new URLSearchParams(init.form).toString() : init.json !== undefined ? JSON.stringify(init.json) : undefined;
  const contentType = init.form !== undefined ? 'application/x-www-form-urlencoded' : init.json !== undefined ? 'application/json' : undefined;
  const response = await guardedRequest({
    method: init.method,
    url,
    headers: { accept: 'application/json, text/plain', ...(contentType ? { 'content-type': contentType } : {}), ...init.headers },
    ...(body === undefined ? {} : { body }),
  }, { guard, timeoutMs: TIMEOUT_MS, maxBodyBytes: BODY_MAX_BYTES });
  if ('failure' in response) {
    const prefix = `${target.host}: `;
    const why = response.failure === 'timeout' ? `no answer within ${TIMEOUT_MS / 1000} s` : response.reason.startsWith(prefix) ? response.reason.slice(prefix.length) : response.reason;
    throw new AppError('UPSTREAM_FAILED', scrub(`${system} could not be reached at ${target.origin}: ${why}`));
  }
  let json: unknown;
  try {
    json = response.body === '' ? undefined : JSON.parse(response.body);
  } catch {
    json = undefined;
  }
  const location = response.headers.location;
  if (response.status >= 200 && response.status < 300) return { status: response.status, text: response.body, json, location };
  const statusText = STATUS_CODES[response.status];
  const reason = scrub(readReason(json) ?? (response.body.trim().slice(0, 300) || statusText || 'no reason given'));
  if (response.status === 429) {
    const header = response.headers['retry-after'];
    const retry = Array.isArray(header) ? header[0] : header;
    throw new AppError('RATE_LIMITED', `${system} answered 429 Too Many Requests: ${reason.replace(/\.$/, '')}.${retry ? ` Retry after ${/^\d+$/.test(retry) ? `${retry} s` : retry}.` : ''}`);
  }
  const extra = hint[response.status];
  throw new AppError('UPSTREAM_FAILED', `${system} answered ${response.status}${statusText ? ` ${statusText}` : ''}: ${reason}`, extra === undefined ? {} : { hint: extra });
}
