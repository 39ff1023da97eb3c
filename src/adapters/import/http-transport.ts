import type { IncomingHttpHeaders } from 'node:http';
import { AppError } from '../../domain/errors/index.js';
import { guardedRequest, type AddressGuard } from '../outbound-net/index.js';
import { describeRequest, type VendorRequest, type VendorTransport } from './vendor-transport.js';

export interface HttpTransportOptions {
  /** "PagerDuty": how messages name the source. */
  readonly vendor: string;
  /** The API URL the operator gave; requests go to its origin only. */
  readonly baseUrl: string;
  /** Sent with every request; the authorization header carries the key. */
  readonly headers: Readonly<Record<string, string>>;
  /** The API key, masked out of every message. */
  readonly secret: string;
  readonly guard: AddressGuard;
  readonly now: () => number;
  /** Injected by tests; waits for real otherwise. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called before each wait, for the progress line ("rate limited; waiting 2 s"). */
  readonly onWait?: (ms: number, why: string) => void;
  /** Attempts per request, the first included. Default 6. */
  readonly maxAttempts?: number;
  /** The longest single wait the transport accepts from a rate limit. Default 120 s. */
  readonly maxWaitMs?: number;
  readonly timeoutMs?: number;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Retry-After as milliseconds: delay-seconds or an HTTP date (a past date is 0). */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * How long a 429 asks to wait: Retry-After first, then the vendors' own headers — PagerDuty's
 * `ratelimit-reset` (seconds until the window resets), `x-ratelimit-reset` (seconds, or an epoch
 * time), Opsgenie's `X-RateLimit-Period-In-Sec` (the throttling window).
 */
export function rateLimitWaitMs(headers: IncomingHttpHeaders, now: number): number | undefined {
  const retryAfter = parseRetryAfter(header(headers, 'retry-after'), now);
  if (retryAfter !== undefined) return retryAfter;
  for (const name of ['ratelimit-reset', 'x-ratelimit-reset', 'x-ratelimit-period-in-sec']) {
    const raw = header(headers, name);
    if (raw === undefined || !/^\d+(\.\d+)?$/.test(raw.trim())) continue;
    const n = Number(raw);
    // Above a billion it is an epoch time in seconds, not a number of seconds to wait.
    return n > 1e9 ? Math.max(0, n * 1000 - now) : Math.ceil(n * 1000);
  }
  return undefined;
}

/**
 * Reads the source tool's REST API through the SSRF guard. Every request goes to the origin of
 * the API URL the operator gave: a next-page link is reduced to its path and query on that origin,
 * so the key is never sent anywhere else, and a redirect to another origin drops it. Rate limits
 * (429) are waited out as the answer asks, other transient failures (5xx, timeouts, refused
 * connections) with a growing pause; both at most `maxAttempts` times per request. No message
 * carries the key or a URL's query.
 */
export class HttpTransport implements VendorTransport {
  private readonly base: URL;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HttpTransportOptions) {
    this.base = new URL(options.baseUrl.replace(/\/+$/, '') + '/');
    this.sleep = options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms)));
  }

  urlFor(request: VendorRequest): string {
    if (request.nextUrl !== undefined) {
      const next = new URL(request.nextUrl, this.base);
      return new URL(`${next.pathname}${next.search}`, this.base.origin).href;
    }
    const url = new URL(request.path.replace(/^\/+/, ''), this.base);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, String(v));
      else url.searchParams.set(key, String(value));
    }
    return url.href;
  }

  async get(request: VendorRequest, options: { readonly optional?: boolean } = {}): Promise<unknown> {
    const { vendor } = this.options;
    const what = describeRequest(request);
    const maxAttempts = this.options.maxAttempts ?? 6;
    const maxWaitMs = this.options.maxWaitMs ?? 120_000;
    const url = this.urlFor(request);
    for (let attempt = 1; ; attempt++) {
      const reply = await guardedRequest(
        { method: 'GET', url, headers: { accept: 'application/json', ...this.options.headers } },
        { guard: this.options.guard, timeoutMs: this.options.timeoutMs ?? 30_000, maxBodyBytes: MAX_BODY_BYTES },
      );
      let waitMs: number;
      let why: string;
      if ('failure' in reply) {
        if (reply.failure === 'refused') {
          throw new AppError('UPSTREAM_FAILED', `Could not reach ${vendor} for ${what}: ${this.mask(reply.reason)}. Check --api-url.`);
        }
        if (attempt >= maxAttempts) throw new AppError('UPSTREAM_FAILED', `Could not reach ${vendor} for ${what} after ${attempt} attempts: ${this.mask(reply.reason)}. Check --api-url and the network, then run the import again.`);
        waitMs = backoffMs(attempt);
        why = this.mask(reply.reason);
      } else if (reply.status === 429) {
        const asked = rateLimitWaitMs(reply.headers, this.options.now());
        waitMs = asked ?? backoffMs(attempt);
        if (waitMs > maxWaitMs) {
          throw new AppError('RATE_LIMITED', `${vendor} rate-limited ${what} and asked to wait ${Math.ceil(waitMs / 1000)} s, longer than the ${maxWaitMs / 1000} s this import waits. Run the import again later.`);
        }
        if (attempt >= maxAttempts) throw new AppError('RATE_LIMITED', `${vendor} kept rate-limiting ${what} (${attempt} attempts). Run the import again later.`);
        why = `${vendor} rate limit (429)`;
      } else if (reply.status >= 500) {
        if (attempt >= maxAttempts) throw new AppError('UPSTREAM_FAILED', `${vendor} failed ${what} with ${reply.status} ${attempt} times. Run the import again later.`);
        waitMs = backoffMs(attempt);
        why = `${vendor} answered ${reply.status}`;
      } else if (reply.status === 401 || reply.status === 403) {
        throw new AppError('UPSTREAM_FAILED', `${vendor} refused the API key for ${what} (${reply.status}). Give a key that can read ${request.path.split('/').filter(Boolean)[0] ?? 'it'} (read-only is enough) with --api-key or the environment variable.`);
      } else if (reply.status === 404 && options.optional === true) {
        return undefined;
      } else if (reply.status < 200 || reply.status >= 300) {
        throw new AppError('UPSTREAM_FAILED', `${vendor} answered ${what} with ${reply.status}: ${this.mask(reply.body.slice(0, 200)).replace(/\s+/g, ' ').trim() || 'no details'}. Check --api-url.`);
      } else {
        try {
          return JSON.parse(reply.body) as unknown;
        } catch {
          throw new AppError('UPSTREAM_FAILED', `${vendor} answered ${what} with something other than JSON. Check that --api-url points at the ${vendor} REST API.`);
        }
      }
      this.options.onWait?.(waitMs, why);
      await this.sleep(waitMs);
    }
  }

  private mask(text: string): string {
    const secret = this.options.secret;
    return secret.length >= 4 ? text.split(secret).join('***') : text;
  }
}

/** 1 s, 2 s, 4 s, 8 s, 16 s. */
function backoffMs(attempt: number): number {
  return Math.min(16_000, 1000 * 2 ** (attempt - 1));
}
