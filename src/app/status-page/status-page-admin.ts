import { canSeeIncidentType, requirePermission, type Principal } from '../../domain/access/index.js';
import { AppError } from '../../domain/errors/index.js';
import type { IncidentEventData, IncidentState } from '../../domain/incident/index.js';
import { decidePublish, decideUnpublish, type MaintenanceWindow, type PublishInput } from '../../domain/status-page/index.js';
import { MINUTE, type EpochMs } from '../../domain/time/index.js';
import type { StatusPageConfig } from '../config/index.js';
import { notFound, toIncidentDto, toTimelineEntryDto, type CommandOutcome, type IncidentService } from '../incidents/index.js';
import type { Clock, IncidentStore } from '../ports/index.js';
import type { MaintenanceRecord, MaintenanceStore } from './maintenance-store.js';

export interface ScheduleMaintenanceInput {
  readonly title: string;
  readonly componentIds: readonly string[];
  readonly startsAt: EpochMs;
  readonly endsAt: EpochMs;
  /** What customers are told (optional). */
  readonly message?: string;
}

/**
 * What responders do to the public page, acting as one principal: publish an incident (or change
 * what it shows), take it off, schedule maintenance. Responders and above; an incident the
 * principal may not see answers NOT_FOUND, as everywhere else.
 */
export class StatusPageAdmin {
  constructor(
    private readonly deps: {
      readonly service: IncidentService;
      readonly store: IncidentStore;
      readonly clock: Clock;
      readonly page: StatusPageConfig | undefined;
      readonly maintenance: MaintenanceStore | undefined;
      readonly newId: () => string;
    },
    private readonly principal: Principal,
  ) {}

  publish(id: string, input: PublishInput): Promise<CommandOutcome> {
    const known = this.deps.page?.components.map((c) => c.id) ?? [];
    return this.#command(id, (state) => decidePublish(state, input, known));
  }

  unpublish(id: string): Promise<CommandOutcome> {
    return this.#command(id, (state) => decideUnpublish(state));
  }

  async scheduleMaintenance(input: ScheduleMaintenanceInput): Promise<MaintenanceWindow> {
    requirePermission(this.principal, 'incident:work');
    const page = this.#requirePage();
    const maintenance = this.#requireMaintenanceStore();
    const now = this.deps.clock.now();
    const message = input.message?.trim();
    if (message !== undefined && message.length > 5000) throw new AppError('VALIDATION', 'the maintenance message must be at most 5000 characters', { issues: [{ path: 'message', message: 'too long' }] });
    const title = input.title.trim();
    if (title === '' || title.length > 2000) throw new AppError('VALIDATION', 'the maintenance title must be 1–2000 characters', { issues: [{ path: 'title', message: 'empty or too long' }] });
    if (input.endsAt <= input.startsAt) throw new AppError('VALIDATION', 'the maintenance must end after it starts', { issues: [{ path: 'to', message: 'not after from' }] });
    if (input.endsAt <= now - MINUTE) throw new AppError('VALIDATION', 'the maintenance window is already over', { issues: [{ path: 'to', message: 'in the past' }] });
    const known = page.components.map((c) => c.id);
    const componentIds = [...new Set(input.componentIds)];
    if (componentIds.length === 0) throw new AppError('VALIDATION', `name at least one component (${known.join(', ')})`, { issues: [{ path: 'componentIds', message: 'empty' }] });
    for (const c of componentIds) {
      if (!known.includes(c)) throw new AppError('VALIDATION', `unknown component '${c}' (${known.join(', ')})`, { issues: [{ path: 'componentIds', message: `unknown component '${c}'` }] });
    }
    const window: MaintenanceWindow = {
      id: this.deps.newId(), title, componentIds, startsAt: input.startsAt, endsAt: input.endsAt, createdAt: now,
      ...(message === undefined || message === '' ? {} : { message }),
    };
    await maintenance.addMaintenance(window, this.principal.name);
    return window;
  }

  /** Windows not over yet (in progress or scheduled), earliest first. Anyone who may read incidents. */
  async listMaintenances(): Promise<MaintenanceWindow[]> {
    requirePermission(this.principal, 'incident:read');
    const maintenance = this.#requireMaintenanceStore();
    return maintenance.listMaintenances(this.deps.clock.now());
  }

  /** Takes a window off the page. A window already over cannot be cancelled; cancelling twice changes nothing. */
  async cancelMaintenance(id: string): Promise<{ record: MaintenanceRecord; changed: boolean }> {
    requirePermission(this.principal, 'incident:work');
    const maintenance = this.#requireMaintenanceStore();
    const found = await maintenance.findMaintenance(id);
    if (found === undefined) {
      throw new AppError('NOT_FOUND', `No maintenance window ${id}. List them with "incident-response maintenance list".`);
    }
    if (found.cancelledAt !== undefined) return { record: found, changed: false };
    const now = this.deps.clock.now();
    if (found.window.endsAt <= now) {
      throw new AppError('INVALID_TRANSITION', `Cannot cancel maintenance ${id}: it is already over (it ended ${new Date(found.window.endsAt).toISOString()}).`);
    }
    const record = await maintenance.cancelMaintenance(id, now, this.principal.name);
    if (record === undefined) throw new AppError('NOT_FOUND', `No maintenance window ${id}.`);
    return { record, changed: true };
  }

  #requireMaintenanceStore(): MaintenanceStore {
    if (this.deps.maintenance === undefined) throw new AppError('INTERNAL', 'maintenance windows have no store');
    return this.deps.maintenance;
  }

  #requirePage(): StatusPageConfig {
    if (this.deps.page === undefined) {
      throw new AppError('VALIDATION', 'No status page is configured: add a status_page section with its components to incident-response.yaml (see docs/status-page.md).');
    }
    return this.deps.page;
  }

  async #command(id: string, decide: (state: IncidentState) => IncidentEventData[]): Promise<CommandOutcome> {
    requirePermission(this.principal, 'incident:work');
    const before = await this.deps.store.findIncident(id);
    // Visibility first: an incident the caller may not see is "not found" whatever else is wrong.
    if (before === undefined || !canSeeIncidentType(this.principal, before.incidentType)) throw notFound(id);
    this.#requirePage();
    const now = this.deps.clock.now();
    const { service } = this.deps;
    const after = await this.deps.store.write((tx) => service.recordIn(tx, id, { name: this.principal.name }, now, (state) => decide(state)));
    const recorded = after.version === before.version ? [] : (await this.deps.store.readIncidentEvents(id)).filter((e) => e.version > before.version);
    return { incident: toIncidentDto(service.view(after, now)), changed: recorded.length > 0, recorded: recorded.map(toTimelineEntryDto) };
  }
}
