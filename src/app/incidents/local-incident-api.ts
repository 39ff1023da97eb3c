import type { DeclareInput } from '../../domain/incident/index.js';
import { verifyAuditChain, type AuditResult } from '../audit/index.js';
import type { IncidentFilter, IncidentStore } from '../ports/index.js';
import type { CommandOutcome, IncidentApi } from './incident-api.js';
import { toIncidentDto, toTimelineEntryDto, type IncidentDto, type TimelineEntryDto } from './incident-dto.js';
import type { Actor, CommandResult, IncidentService } from './incident-service.js';

/** IncidentApi on the local store, acting as one person. */
export class LocalIncidentApi implements IncidentApi {
  constructor(
    private readonly service: IncidentService,
    private readonly store: IncidentStore,
    private readonly actor: Actor,
    private readonly hash: (text: string) => string,
  ) {}

  private static outcome(r: CommandResult): CommandOutcome {
    return { incident: toIncidentDto(r.view), changed: r.recorded.length > 0, recorded: r.recorded.map(toTimelineEntryDto) };
  }

  async declare(input: DeclareInput): Promise<CommandOutcome> { return LocalIncidentApi.outcome(await this.service.declare(input, this.actor)); }
  async acknowledge(id: string): Promise<CommandOutcome> { return LocalIncidentApi.outcome(await this.service.acknowledge(id, this.actor)); }
  async mitigate(id: string, note?: string): Promise<CommandOutcome> { return LocalIncidentApi.outcome(await this.service.mitigate(id, note, this.actor)); }
  async postStatusUpdate(id: string, status: Parameters<IncidentApi['postStatusUpdate']>[1], message: string): Promise<CommandOutcome> {
    return LocalIncidentApi.outcome(await this.service.postStatusUpdate(id, status, message, this.actor));
  }
  async assignRole(id: string, role: Parameters<IncidentApi['assignRole']>[1], person: string): Promise<CommandOutcome> {
    return LocalIncidentApi.outcome(await this.service.assignRole(id, role, person, this.actor));
  }
  async setStep(id: string, step: string, done: boolean): Promise<CommandOutcome> { return LocalIncidentApi.outcome(await this.service.setStep(id, step, done, this.actor)); }
  async changeSeverity(id: string, to: Parameters<IncidentApi['changeSeverity']>[1], reason?: string): Promise<CommandOutcome> {
    return LocalIncidentApi.outcome(await this.service.changeSeverity(id, to, reason, this.actor));
  }
  async changeType(id: string, to: Parameters<IncidentApi['changeType']>[1], reason?: string): Promise<CommandOutcome> {
    return LocalIncidentApi.outcome(await this.service.changeType(id, to, reason, this.actor));
  }
  async resolve(id: string, summary: string): Promise<CommandOutcome> { return LocalIncidentApi.outcome(await this.service.resolve(id, summary, this.actor)); }
  async reopen(id: string, reason?: string): Promise<CommandOutcome> { return LocalIncidentApi.outcome(await this.service.reopen(id, reason, this.actor)); }
  async close(id: string): Promise<CommandOutcome> { return LocalIncidentApi.outcome(await this.service.close(id, this.actor)); }
  async addNote(id: string, text: string): Promise<CommandOutcome> { return LocalIncidentApi.outcome(await this.service.addNote(id, text, this.actor)); }
  async get(id: string): Promise<IncidentDto> { return toIncidentDto(await this.service.get(id)); }
  async list(filter: IncidentFilter): Promise<IncidentDto[]> { return (await this.service.list(filter)).map(toIncidentDto); }
  async timeline(id: string): Promise<TimelineEntryDto[]> { return (await this.service.timeline(id)).map(toTimelineEntryDto); }
  verifyAudit(): Promise<AuditResult> { return verifyAuditChain(this.store, this.hash); }
}
