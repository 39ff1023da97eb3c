import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { AddressGuard } from './address-guard.js';

export interface GuardedRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  /** Lower-case names. `authorization` is dropped when a redirect leaves the origin. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

export interface GuardedReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** At most `maxBodyBytes`; the rest is read and dropped. */
  readonly body: string;
  /** The URL that answered (after redirects). */
  readonly url: string;
}

/** Why no reply came. `refused`: the guard or a redirect rule; `timeout`: the attempt ran out of time; `network`: the connection failed. */
export type GuardedFailure = { readonly failure: 'refused' | 'timeout' | 'network'; readonly reason: string };

export interface GuardedRequestOptions {
  readonly guard: AddressGuard;
  /** For the whole attempt, redirects and body included. */
  readonly timeoutMs: number;
  readonly maxRedirects?: number;
  readonly maxBodyBytes?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Connections kept open between requests, per guard and per kind of destination: a socket is only
 * reused for a request under the same guard (the same allow-list) to the same host and port, and
 * one connected to a trusted origin (no address check) never serves a checked one or the reverse.
 * The address was checked when the socket connected; a name resolving elsewhere later does not
 * move it. Paging a thousand people through one webhook no longer opens a thousand connections.
 * Idle sockets do not keep the process alive; Node closes them before the server's announced
 * keep-alive timeout, and after 4 s in any case.
 */
interface Agents { readonly http: HttpAgent; readonly https: HttpsAgent }
/** An idle kept connection is closed after 4 s, before the usual 5 s or longer server-side idle timeouts. */
const AGENT_OPTIONS = { keepAlive: true, timeout: 4_000, maxSockets: 64, maxFreeSockets: 16, scheduling: 'lifo' as const };
const agentsByGuard = new WeakMap<AddressGuard, { readonly checked: Agents; readonly trusted: Agents }>();

function agentFor(guard: AddressGuard, protocol: string, isTrusted: boolean): HttpAgent {
  let agents = agentsByGuard.get(guard);
  if (agents === undefined) {
    const make = (): Agents => ({ http: new HttpAgent(AGENT_OPTIONS), https: new HttpsAgent(AGENT_OPTIONS) });
    agents = { checked: make(), trusted: make() };
    agentsByGuard.set(guard, agents);
  }
  const kind = isTrusted ? agents.trusted : agents.checked;
  return protocol === 'https:' ? kind.https : kind.http;
}
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie'];

/**
 * One HTTP exchange through the SSRF guard. Redirects are followed by hand (at most 5 by
 * default), each hop checked again, so a public URL redirecting to 127.0.0.1 is refused like the
 * literal address; a hop to one of the guard's trusted origins (configured by the operator) is not
 * checked. 307/308 repeat the method and body; 303, and 301/302 after a POST, continue as GET
 * without a body, as browsers and fetch do. Never throws. Reasons name the host only, never a path
 * or query (incoming-webhook URLs carry their secret there).
 */
export async function guardedRequest(req: GuardedRequest, options: GuardedRequestOptions): Promise<GuardedReply | GuardedFailure> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const maxRedirects = options.maxRedirects ?? 5;
  let current: GuardedRequest = req;
  for (let hop = 0; ; hop++) {
    let target: URL;
    try {
      target = new URL(current.url);
    } catch {
      return { failure: 'refused', reason: 'not a valid URL' };
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return { failure: 'refused', reason: `${target.protocol} URLs are not allowed (http or https only)` };
    const host = target.hostname.replace(/^\[|\]$/g, '');
    const isTrusted = options.guard.isTrustedOrigin(target);
    if (!isTrusted && isIP(host) !== 0) {
      // A literal address skips the DNS lookup, so it is checked here.
      const refused = options.guard.refusal(host);
      if (refused !== undefined) return { failure: 'refused', reason: `refused to connect to ${host}: ${refused}` };
    }
    const reply = await exchange(target, current, options, signal, isTrusted);
    if ('failure' in reply) return reply;
    const location = reply.headers.location;
    if (!REDIRECTS.has(reply.status) || location === undefined) return reply;
    if (hop >= maxRedirects) return { failure: 'refused', reason: `more than ${maxRedirects} redirects (last from ${target.host})` };
    let next: URL;
    try {
      next = new URL(location, target);
    } catch {
      return { failure: 'refused', reason: `${target.host} redirected to an invalid URL` };
    }
    const keepsMethod = reply.status === 307 || reply.status === 308 || current.method === 'GET' || (reply.status !== 303 && current.method !== 'POST');
    const headers: Record<string, string> = { ...current.headers };
    if (next.origin !== target.origin) for (const h of ORIGIN_BOUND_HEADERS) delete headers[h];
    if (!keepsMethod) {
      delete headers['content-type'];
      delete headers['content-length'];
    }
    current = keepsMethod
      ? { method: current.method, url: next.href, headers, ...(current.body === undefined ? {} : { body: current.body }) }
      : { method: 'GET', url: next.href, headers };
  }
}

function exchange(target: URL, req: GuardedRequest, options: GuardedRequestOptions, signal: AbortSignal, isTrusted: boolean): Promise<GuardedReply | GuardedFailure> {
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  return new Promise((resolve) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string> = { 'user-agent': 'incident-response', ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    let settled = false;
    const done = (r: GuardedReply | GuardedFailure) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    const fail = (e: Error) => done(describeError(e, target, options.timeoutMs, signal));
    let request;
    try {
      // The lookup checks every address a new connection is made to; a reused one was checked when made.
      const lookup = isTrusted ? {} : { lookup: options.guard.lookup as never };
      const agent = agentFor(options.guard, target.protocol, isTrusted);
      request = send(target, { method: req.method, headers, agent, ...lookup, signal }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size >= maxBodyBytes) return;
          chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).subarray(0, maxBodyBytes).toString('utf8'), url: target.href }));
        res.on('error', fail);
      });
    } catch (e) {
      // Invalid header values and the like.
      done({ failure: 'refused', reason: `the request could not be sent: ${(e as Error).message}` });
      return;
    }
    request.on('error', fail);
    request.end(req.body);
  });
}

function describeError(e: Error, target: URL, timeoutMs: number, signal: AbortSignal): GuardedFailure {
  if (signal.aborted || e.name === 'AbortError' || e.name === 'TimeoutError') return { failure: 'timeout', reason: `${target.host} timed out after ${timeoutMs} ms` };
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRREFUSED') return { failure: 'refused', reason: e.message };
  return { failure: 'network', reason: `${target.host}: ${code ?? e.message}` };
}
