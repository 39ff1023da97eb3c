import { z } from 'zod';
import { AppError, type Issue } from '../../domain/errors/index.js';
import { errorFromResponse } from './error-from-response.js';
import { parseBaseUrl } from './parse-base-url.js';

export interface ApiTransportOptions {
  /** The server's root URL (`https://incidents.example.com`); `/api/v1` is added. */
  baseUrl: string;
  token: string | undefined;
  fetch?: typeof fetch;
  /** For the whole exchange, body included. Default 15 s. */
  timeoutMs?: number;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * One exchange with the v1 HTTP API (docs/api.md): server errors come back as the AppError codes,
 * messages and issues the local CLI reports. The token is sent only as `Authorization: Bearer` and
 * is scrubbed from every message; redirects are never followed (they could carry the token away).
 */
export class ApiTransport {
  private readonly base: URL;
  private readonly token: string | undefined;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: ApiTransportOptions) {
    this.base = parseBaseUrl(options.baseUrl);
    const token = options.token?.trim();
    // Checked here because fetch would otherwise reject the header with the token in its message.
    if (token !== undefined && token !== '' && !/^[\x21-\x7e]+$/.test(token)) {
      throw new AppError('VALIDATION', 'IR_TOKEN contains spaces or characters that cannot be sent in an HTTP header', {
        issues: [{ path: 'IR_TOKEN', message: 'invalid API token' }],
      });
    }
    this.token = token === '' ? undefined : token;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** A JSON answer, checked against a light `shape` (enough to fail clearly when the URL points at something else). */
  async json(method: Method, path: string, body: Record<string, unknown> | undefined, shape: z.ZodType): Promise<unknown> {
    const { text, request } = await this.call(method, path, body, 'application/json');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppError('INTERNAL', `the server at ${this.base.origin} answered ${request} with something that is not JSON`, { hint: 'Check the server URL.' });
    }
    if (!shape.safeParse(json).success) {
      throw new AppError('INTERNAL', `the server at ${this.base.origin} answered ${request} with JSON of an unexpected shape`, {
        hint: 'Check the server URL, and that the server and this CLI are the same version.',
      });
    }
    return json;
  }

  /** A document as text (Markdown, HTML, CSV, an .ics invite), asked for with `accept`. */
  async text(method: Method, path: string, body: Record<string, unknown> | undefined, accept: string): Promise<string> {
    return (await this.call(method, path, body, accept)).text;
  }

  /** A document as bytes (PDF). */
  async bytes(path: string, accept: string): Promise<Uint8Array> {
    return (await this.call('GET', path, undefined, accept, true)).bytes!;
  }

  private async call(method: Method, path: string, body: Record<string, unknown> | undefined, accept: string, asBytes = false): Promise<{ text: string; bytes?: Uint8Array; request: string }> {
    try {
      return await this.exchange(method, path, body, accept, asBytes);
    } catch (e) {
      throw e instanceof AppError ? this.scrub(e) : e;
    }
  }

  private async exchange(method: Method, path: string, body: Record<string, unknown> | undefined, accept: string, asBytes: boolean): Promise<{ text: string; bytes?: Uint8Array; request: string }> {
    const url = `${this.base.href.replace(/\/$/, '')}/api/v1${path}`;
    const request = `${method} ${new URL(url).pathname}`;
    const origin = this.base.origin;
    const headers: Record<string, string> = { accept, 'user-agent': 'incident-response-cli' };
    if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
    // JSON.stringify drops undefined members, so optional fields are simply absent (bodies are strict).
    if (body !== undefined) headers['content-type'] = 'application/json';

    let res: Response;
    let text: string;
    let bytes: Uint8Array | undefined;
    try {
      res = await this.fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        // Never follow: a redirect could carry the Authorization header somewhere else.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (asBytes && res.ok) {
        bytes = new Uint8Array(await res.arrayBuffer());
        text = '';
      } else {
        text = await res.text();
      }
    } catch (e) {
      throw new AppError('STORE_UNAVAILABLE', `cannot reach the server at ${origin}: ${this.reason(e)}`, {
        hint: 'Check that the server is running and that the server URL is right.',
      });
    }
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get('location');
      throw new AppError('STORE_UNAVAILABLE', `cannot reach the server at ${origin}: it answered ${request} with a redirect${location ? ` to ${location}` : ''}`, {
        hint: 'Set the server URL to where the server really is (for example https:// instead of http://).',
      });
    }
    if (!res.ok) {
      throw errorFromResponse({ status: res.status, body: text, request, origin, hasToken: this.token !== undefined, retryAfter: res.headers.get('retry-after') });
    }
    return { text, request, ...(bytes === undefined ? {} : { bytes }) };
  }

  private reason(e: unknown): string {
    if (e instanceof Error && e.name === 'TimeoutError') return `no answer within ${formatSeconds(this.timeoutMs)}`;
    const cause = e instanceof Error ? (e.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
    const code = typeof cause?.code === 'string' ? cause.code : undefined;
    const known: Record<string, string> = {
      ECONNREFUSED: 'connection refused',
      ENOTFOUND: 'host not found',
      EAI_AGAIN: 'host name lookup failed',
      ECONNRESET: 'the connection was reset',
      ETIMEDOUT: 'the connection timed out',
      EHOSTUNREACH: 'host unreachable',
    };
    if (code !== undefined && known[code] !== undefined) return `${known[code]} (${code})`;
    if (typeof cause?.message === 'string' && cause.message !== '') return cause.message;
    return e instanceof Error ? e.message : String(e);
  }

  /** Whatever a server or the network said, the token is not repeated to the terminal or a log. */
  private scrub(e: AppError): AppError {
    const token = this.token;
    if (token === undefined || token.length < 6) return e;
    const clean = (s: string) => s.split(token).join('[redacted]');
    const dirty = [e.message, e.hint ?? '', ...e.issues.flatMap((i) => [i.path, i.message])].some((s) => s.includes(token));
    if (!dirty) return e;
    const issues: Issue[] = e.issues.map((i) => ({ ...i, path: clean(i.path), message: clean(i.message) }));
    return new AppError(e.code, clean(e.message), { issues, ...(e.hint === undefined ? {} : { hint: clean(e.hint) }) });
  }
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

export const incidentPath = (id: string): string => `/incidents/${encodeURIComponent(id)}`;
