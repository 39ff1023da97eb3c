import { z } from 'zod';
import type { AuditResult } from '../../app/audit/index.js';
import type { CommandOutcome, DeclareOutcome, IncidentApi, IncidentDto, IncidentSummaryDto, TimelineEntryDto } from '../../app/incidents/index.js';
import type { IncidentFilter } from '../../app/ports/index.js';
import type { IncidentRole, IncidentType, PublicStatus, Severity } from '../../domain/classification/index.js';
import { AppError, type Issue } from '../../domain/errors/index.js';
import type { DeclareInput } from '../../domain/incident/index.js';
import { errorFromResponse } from './error-from-response.js';
import { incidentQuery } from './incident-query.js';
import { parseBaseUrl } from './parse-base-url.js';

export interface HttpIncidentApiOptions {
  /** The server's root URL (`https://incidents.example.com`); `/api/v1` is added. */
  baseUrl: string;
  token: string | undefined;
  fetch?: typeof fetch;
  /** For the whole exchange, body included. Default 15 s. */
  timeoutMs?: number;
}

type Method = 'GET' | 'POST';

// Light shape checks: enough to fail clearly when the URL points at something else, without
// re-validating every DTO field the server already produced from the same types.
const outcomeShape = z.object({ incident: z.object({ id: z.string() }), changed: z.boolean(), recorded: z.array(z.unknown()) });
/** 201 with the incident, or 202 with a receipt when the caller may not see what they declared. */
const declareShape = z.union([outcomeShape, z.object({ receipt: z.object({ id: z.string(), handedTo: z.string(), message: z.string() }) })]);
const incidentShape = z.object({ id: z.string(), status: z.string() });
const itemsShape = z.object({ items: z.array(z.unknown()) });
const auditShape = z.object({ ok: z.boolean(), count: z.number() });

/**
 * IncidentApi over the v1 HTTP API (docs/api.md), so the CLI behaves the same against a server as
 * against a local store: server errors come back as the same AppError codes, messages and issues.
 * The token is sent only as `Authorization: Bearer` and is scrubbed from every message.
 */
export class HttpIncidentApi implements IncidentApi {
  private readonly base: URL;
  private readonly token: string | undefined;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: HttpIncidentApiOptions) {
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

  declare(input: DeclareInput): Promise<DeclareOutcome> {
    return this.call('POST', '/incidents', {
      severity: input.severity,
      type: input.incidentType,
      environment: input.environment,
      title: input.title,
      service: input.service,
      summary: input.summary,
      impactStartedAt: input.impactStartedAt === undefined ? undefined : new Date(input.impactStartedAt).toISOString(),
    }, declareShape) as Promise<DeclareOutcome>;
  }
  acknowledge(id: string): Promise<CommandOutcome> {
    return this.command('POST', `${incidentPath(id)}/acknowledge`, {});
  }
  mitigate(id: string, note?: string): Promise<CommandOutcome> {
    return this.command('POST', `${incidentPath(id)}/mitigate`, { note });
  }
  postStatusUpdate(id: string, status: PublicStatus, message: string): Promise<CommandOutcome> {
    return this.command('POST', `${incidentPath(id)}/status-updates`, { status, message });
  }
  assignRole(id: string, role: IncidentRole, person: string): Promise<CommandOutcome> {
    return this.command('POST', `${incidentPath(id)}/roles`, { role, person });
  }
  setStep(id: string, step: string, done: boolean): Promise<CommandOutcome> {
    return this.command('POST', `${incidentPath(id)}/steps/${encodeURIComponent(step)}`, { done });
  }
  changeSeverity(id: string, to: Severity, reason?: string): Promise<CommandOutcome> {
    return this.command('POST', `${incidentPath(id)}/severity`, { severity: to, reason });
  }
  changeType(id: string, to: IncidentType, reason?: string): Promise<CommandOutcome> {
    return this.command('POST', `${incidentPath(id)}/type`, { type: to, reason });
  }
  resolve(id: string, summary: string): Promise<CommandOutcome> {
    return this.command('POST', `${incidentPath(id)}/resolve`, { summary });
  }
  reopen(id: string, reason?: string): Promise<CommandOutcome> {
    return this.command('POST', `${incidentPath(id)}/reopen`, { reason });
  }
  close(id: string): Promise<CommandOutcome> {
    return this.command('POST', `${incidentPath(id)}/close`, {});
  }
  addNote(id: string, text: string): Promise<CommandOutcome> {
    return this.command('POST', `${incidentPath(id)}/notes`, { text });
  }
  get(id: string): Promise<IncidentDto> {
    return this.call('GET', incidentPath(id), undefined, incidentShape) as Promise<IncidentDto>;
  }
  /** The first page only: at most `filter.limit` incidents (the server's default when absent). */
  async list(filter: IncidentFilter): Promise<IncidentSummaryDto[]> {
    return ((await this.call('GET', `/incidents${incidentQuery(filter)}`, undefined, itemsShape)) as { items: IncidentSummaryDto[] }).items;
  }
  async timeline(id: string): Promise<TimelineEntryDto[]> {
    return ((await this.call('GET', `${incidentPath(id)}/timeline`, undefined, itemsShape)) as { items: TimelineEntryDto[] }).items;
  }
  verifyAudit(): Promise<AuditResult> {
    return this.call('GET', '/audit/verify', undefined, auditShape) as Promise<AuditResult>;
  }

  private command(method: Method, path: string, body: Record<string, unknown>): Promise<CommandOutcome> {
    return this.call(method, path, body, outcomeShape) as Promise<CommandOutcome>;
  }

  private async call(method: Method, path: string, body: Record<string, unknown> | undefined, shape: z.ZodType): Promise<unknown> {
    try {
      return await this.exchange(method, path, body, shape);
    } catch (e) {
      throw e instanceof AppError ? this.scrub(e) : e;
    }
  }

  private async exchange(method: Method, path: string, body: Record<string, unknown> | undefined, shape: z.ZodType): Promise<unknown> {
    const url = `${this.base.href.replace(/\/$/, '')}/api/v1${path}`;
    const request = `${method} ${new URL(url).pathname}`;
    const origin = this.base.origin;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'incident-response-cli' };
    if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
    // JSON.stringify drops undefined members, so optional fields are simply absent (bodies are strict).
    if (body !== undefined) headers['content-type'] = 'application/json';

    let res: Response;
    let text: string;
    try {
      res = await this.fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        // Never follow: a redirect could carry the Authorization header somewhere else.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await res.text();
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
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppError('INTERNAL', `the server at ${origin} answered ${request} with something that is not JSON`, { hint: 'Check the server URL.' });
    }
    if (!shape.safeParse(json).success) {
      throw new AppError('INTERNAL', `the server at ${origin} answered ${request} with JSON of an unexpected shape`, {
        hint: 'Check the server URL, and that the server and this CLI are the same version.',
      });
    }
    return json;
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

const incidentPath = (id: string) => `/incidents/${encodeURIComponent(id)}`;

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
