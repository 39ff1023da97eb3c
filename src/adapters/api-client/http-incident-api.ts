import { z } from 'zod';
import type { AuditResult } from '../../app/audit/index.js';
import type { CommandOutcome, DeclareOutcome, IncidentApi, IncidentDto, IncidentSummaryDto, TimelineEntryDto } from '../../app/incidents/index.js';
import type { IncidentFilter } from '../../app/ports/index.js';
import type { IncidentRole, IncidentType, PublicStatus, Severity } from '../../domain/classification/index.js';
import type { DeclareInput, ImpactInput, ResolutionReason } from '../../domain/incident/index.js';
import { ApiTransport, incidentPath, type ApiTransportOptions, type Method } from './api-transport.js';
import { incidentQuery } from './incident-query.js';

export type HttpIncidentApiOptions = ApiTransportOptions;

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
  private readonly transport: ApiTransport;

  constructor(options: HttpIncidentApiOptions | ApiTransport) {
    this.transport = options instanceof ApiTransport ? options : new ApiTransport(options);
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
  resolve(id: string, summary: string, reason?: ResolutionReason): Promise<CommandOutcome> {
    return this.command('POST', `${incidentPath(id)}/resolve`, { summary, ...(reason === undefined ? {} : { reason }) });
  }
  reopen(id: string, reason?: string): Promise<CommandOutcome> {
    return this.command('POST', `${incidentPath(id)}/reopen`, { reason });
  }
  close(id: string): Promise<CommandOutcome> {
    return this.command('POST', `${incidentPath(id)}/close`, {});
  }
  assessImpact(id: string, input: ImpactInput): Promise<CommandOutcome> {
    return this.command('POST', `${incidentPath(id)}/impact`, { ...input });
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

  private call(method: Method, path: string, body: Record<string, unknown> | undefined, shape: z.ZodType): Promise<unknown> {
    return this.transport.json(method, path, body, shape);
  }
}

