import { RESTRICTED_TYPES, canSeeIncidentType, hiddenIncidentTypes, requirePermission, type Permission, type Principal } from '../../domain/access/index.js';
import { SEVERITY_LABEL } from '../../domain/classification/index.js';
import type { DeclareInput, ImpactInput, ResolutionReason } from '../../domain/incident/index.js';
import { verifyAuditChain, type AuditResult } from '../audit/index.js';
import type { IncidentFilter, IncidentStore } from '../ports/index.js';
import { describeDeclarationPaging } from './declaration-paging.js';
import type { CommandOutcome, DeclareOutcome, IncidentApi } from './incident-api.js';
import { toIncidentDto, toIncidentSummaryDto, toTimelineEntryDto, type IncidentDto, type IncidentSummaryDto, type TimelineEntryDto } from './incident-dto.js';
import type { IncidentReadCache } from './incident-read-cache.js';
import { notFound, type CommandResult, type IncidentService } from './incident-service.js';

/**
 * IncidentApi on the store, acting as one principal. Every call checks the principal's role, and
 * an incident the principal may not see (a security incident outside the security team) behaves
 * exactly like one that does not exist: NOT_FOUND, absent from lists.
 */
export class LocalIncidentApi implements IncidentApi {
  constructor(
    private readonly service: IncidentService,
    private readonly store: IncidentStore,
    private readonly principal: Principal,
    private readonly hash: (text: string) => string,
    /** Keeps each incident's document between changes for `getJson` (shared by every principal's API). */
    private readonly reads?: IncidentReadCache,
  ) {}

  private static outcome(r: CommandResult): CommandOutcome {
    return { incident: toIncidentDto(r.view), changed: r.recorded.length > 0, recorded: r.recorded.map(toTimelineEntryDto) };
  }

  /** Permission first, then visibility, so a forbidden caller learns nothing about existence. */
  private async guard(id: string, permission: Permission): Promise<void> {
    requirePermission(this.principal, permission);
    const incident = await this.store.findIncident(id);
    if (incident === undefined || !canSeeIncidentType(this.principal, incident.incidentType)) throw notFound(id);
  }

  private async run(id: string, permission: Permission, command: () => Promise<CommandResult>): Promise<CommandOutcome> {
    await this.guard(id, permission);
    return LocalIncidentApi.outcome(await command());
  }

  private get actor() {
    return { name: this.principal.name };
  }

  /** A declarer who may not see what they declared gets a receipt: the incident is the team's from now on. */
  async declare(input: DeclareInput): Promise<DeclareOutcome> {
    requirePermission(this.principal, 'incident:work');
    const result = await this.service.declare(input, this.actor);
    const i = result.view.incident;
    if (canSeeIncidentType(this.principal, i.incidentType)) {
      const paging = describeDeclarationPaging(result.recorded.map((e) => e.data), result.view.rule.escalation, SEVERITY_LABEL[i.severity].label);
      return { ...LocalIncidentApi.outcome(result), paging };
    }
    const team = RESTRICTED_TYPES[i.incidentType] ?? 'security';
    return {
      receipt: {
        id: i.id,
        severity: i.severity,
        severityLabel: SEVERITY_LABEL[i.severity].label,
        type: i.incidentType,
        title: i.title,
        declaredAt: new Date(i.declaredAt).toISOString(),
        handedTo: team,
        message: `${i.id} was declared and handed to the ${team} team; only they can see and work it from now on. Ask the ${team} team for news, quoting ${i.id}.`,
      },
    };
  }
  acknowledge(id: string): Promise<CommandOutcome> {
    return this.run(id, 'incident:work', () => this.service.acknowledge(id, this.actor));
  }
  mitigate(id: string, note?: string): Promise<CommandOutcome> {
    return this.run(id, 'incident:work', () => this.service.mitigate(id, note, this.actor));
  }
  postStatusUpdate(id: string, status: Parameters<IncidentApi['postStatusUpdate']>[1], message: string): Promise<CommandOutcome> {
    return this.run(id, 'incident:work', () => this.service.postStatusUpdate(id, status, message, this.actor));
  }
  assignRole(id: string, role: Parameters<IncidentApi['assignRole']>[1], person: string): Promise<CommandOutcome> {
    return this.run(id, 'incident:command', () => this.service.assignRole(id, role, person, this.actor));
  }
  setStep(id: string, step: string, done: boolean): Promise<CommandOutcome> {
    return this.run(id, 'incident:work', () => this.service.setStep(id, step, done, this.actor));
  }
  changeSeverity(id: string, to: Parameters<IncidentApi['changeSeverity']>[1], reason?: string): Promise<CommandOutcome> {
    return this.run(id, 'incident:command', () => this.service.changeSeverity(id, to, reason, this.actor));
  }
  changeType(id: string, to: Parameters<IncidentApi['changeType']>[1], reason?: string): Promise<CommandOutcome> {
    return this.run(id, 'incident:command', () => this.service.changeType(id, to, reason, this.actor));
  }
  resolve(id: string, summary: string, reason?: ResolutionReason): Promise<CommandOutcome> {
    return this.run(id, 'incident:command', () => this.service.resolve(id, summary, this.actor, reason));
  }
  reopen(id: string, reason?: string): Promise<CommandOutcome> {
    return this.run(id, 'incident:command', () => this.service.reopen(id, reason, this.actor));
  }
  close(id: string): Promise<CommandOutcome> {
    return this.run(id, 'incident:command', () => this.service.close(id, this.actor));
  }
  assessImpact(id: string, input: ImpactInput): Promise<CommandOutcome> {
    return this.run(id, 'incident:work', () => this.service.assessImpact(id, input, this.actor));
  }
  addNote(id: string, text: string): Promise<CommandOutcome> {
    return this.run(id, 'incident:work', () => this.service.addNote(id, text, this.actor));
  }
  async get(id: string): Promise<IncidentDto> {
    requirePermission(this.principal, 'incident:read');
    // One read: the visibility check and the view share it.
    return toIncidentDto(await this.service.get(id, (incident) => canSeeIncidentType(this.principal, incident.incidentType)));
  }

  /** `get` as JSON text, the same bytes as `JSON.stringify(await get(id))`, from the kept document while it holds. */
  async getJson(id: string): Promise<string> {
    if (this.reads === undefined) return JSON.stringify(await this.get(id));
    requirePermission(this.principal, 'incident:read');
    // Its version and type first (a small read): visibility, and whether the kept document holds.
    const head = await this.store.findIncidentVersion(id);
    if (head === undefined || !canSeeIncidentType(this.principal, head.incidentType)) throw notFound(id);
    const kept = this.reads.kept(id, head.version);
    if (kept !== undefined) return kept;
    const incident = await this.store.findIncident(id);
    if (incident === undefined || !canSeeIncidentType(this.principal, incident.incidentType)) throw notFound(id);
    return this.reads.json(incident);
  }
  async list(filter: IncidentFilter): Promise<IncidentSummaryDto[]> {
    requirePermission(this.principal, 'incident:read');
    const hidden = hiddenIncidentTypes(this.principal);
    return (await this.service.list({ ...filter, hiddenTypes: hidden })).map(toIncidentSummaryDto);
  }
  async timeline(id: string): Promise<TimelineEntryDto[]> {
    await this.guard(id, 'incident:read');
    return (await this.service.timeline(id)).map(toTimelineEntryDto);
  }
  async verifyAudit(): Promise<AuditResult> {
    requirePermission(this.principal, 'audit:read');
    return verifyAuditChain(this.store, this.hash);
  }
}
