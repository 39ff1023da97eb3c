import { z } from 'zod';
import type { CreateIntegrationInput, CreateSilenceInput, CreatedIntegration, IntegrationDto, SilenceDto } from '../../app/alerts/index.js';
import type { Soc2Report } from '../../app/compliance/index.js';
import type { ActionItemDto, ActionItemFilter, ReviewAgendaDto, TicketDto, TicketSyncDto } from '../../app/follow-up/index.js';
import type { CommandOutcome } from '../../app/incidents/index.js';
import type { ApiTokenDto, CreatedToken } from '../../app/tokens/index.js';
import type { ActionItemInput, ActionItemPatch } from '../../domain/action-items/index.js';
import type { ComplianceReminder, FlagInput, NotifyInput } from '../../domain/compliance/index.js';
import { AppError } from '../../domain/errors/index.js';
import type { PublicImpact, TicketSystem } from '../../domain/incident/index.js';
import { formatCorrectiveAction, type RcaEdit } from '../../domain/rca/index.js';
import type { ReviewScheduleInput } from '../../domain/review/index.js';
import type { MaintenanceWindow } from '../../domain/status-page/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';
import { ApiTransport, incidentPath, type ApiTransportOptions } from './api-transport.js';
import { HttpIncidentApi } from './http-incident-api.js';

// Light shape checks, as for incidents: enough to fail clearly when the URL points at something else.
const anyObject = z.object({});
const items = z.object({ items: z.array(z.unknown()) });
const changed = z.object({ changed: z.boolean() });
const review = z.object({ changed: z.boolean(), agenda: z.object({ incidentId: z.string(), text: z.string() }) });
const outcome = z.object({ incident: z.object({ id: z.string() }), changed: z.boolean() });
const windowShape = z.object({ window: z.object({ id: z.string() }) });

const iso = (ms: number) => new Date(ms).toISOString();
const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  return q.size === 0 ? '' : `?${q.toString()}`;
};

/** What a server cannot do for the CLI: the verb writes or reads files beside the database. */
function localOnly(what: string, instead: string): AppError {
  return new AppError('VALIDATION', `${what} works on the local database only; run it where the database is (without --api or IR_API_URL). ${instead}`.trim());
}

/** Monthly reports and RCAs, rendered by the server with the renderers the local CLI uses. */
class HttpReportDesk {
  constructor(private readonly t: ApiTransport) {}
  monthly(month: string | undefined, format: string): Promise<string> {
    return this.t.text('GET', `/reports/monthly${query({ month, format })}`, undefined, '*/*');
  }
  rca(id: string, format: string, options: { includeHidden: boolean }): Promise<string> {
    return this.t.text('GET', `${incidentPath(id)}/rca${query({ format, allEntries: options.includeHidden ? 'true' : undefined })}`, undefined, '*/*');
  }
  rcaPdf(id: string, options: { includeHidden: boolean }): Promise<Uint8Array> {
    return this.t.bytes(`${incidentPath(id)}/rca${query({ format: 'pdf', allEntries: options.includeHidden ? 'true' : undefined })}`, 'application/pdf');
  }
  async editRca(id: string, edit: RcaEdit): Promise<{ changed: boolean }> {
    const body = {
      ...edit,
      ...(edit.actions === undefined ? {} : { actions: edit.actions.map(formatCorrectiveAction) }),
      ...(edit.addActions === undefined ? {} : { addActions: edit.addActions.map(formatCorrectiveAction) }),
    };
    return (await this.t.json('PATCH', `${incidentPath(id)}/rca`, body, changed)) as { changed: boolean };
  }
  async rcaForm(id: string): Promise<string> {
    return ((await this.t.json('GET', `${incidentPath(id)}/rca/form`, undefined, z.object({ text: z.string() }))) as { text: string }).text;
  }
  async applyRcaForm(id: string, text: string): Promise<{ changed: boolean }> {
    return (await this.t.json('POST', `${incidentPath(id)}/rca/form`, { text }, changed)) as { changed: boolean };
  }
}

/** Reviews, action items and tickets; the server answers the JSON the local desk gives. */
class HttpFollowUpDesk {
  constructor(private readonly t: ApiTransport, readonly displayTimeZone: string) {}
  async agenda(id: string): Promise<ReviewAgendaDto> {
    return (await this.t.json('GET', `${incidentPath(id)}/review`, undefined, anyObject)) as ReviewAgendaDto;
  }
  invite(id: string): Promise<string> {
    return this.t.text('GET', `${incidentPath(id)}/review?format=ics`, undefined, 'text/calendar');
  }
  scheduleReview(id: string, input: ReviewScheduleInput) {
    return this.review(`${incidentPath(id)}/review`, {
      startsAt: iso(input.startsAt), durationMinutes: input.durationMinutes, attendees: input.attendees.map((a) => ({ name: a.name, email: a.email })),
    });
  }
  noteReview(id: string, text: string) {
    return this.review(`${incidentPath(id)}/review/notes`, { text });
  }
  decideReview(id: string, text: string) {
    return this.review(`${incidentPath(id)}/review/decisions`, { text });
  }
  finishReview(id: string, summary: string | undefined) {
    return this.review(`${incidentPath(id)}/review/done`, { summary });
  }
  async listActionItems(filter: ActionItemFilter): Promise<ActionItemDto[]> {
    const q = query({
      overdue: filter.isOverdue === true ? 'true' : undefined, owner: filter.owner, incident: filter.incidentId, all: filter.includeClosed === true ? 'true' : undefined,
    });
    return ((await this.t.json('GET', `/action-items${q}`, undefined, items)) as { items: ActionItemDto[] }).items;
  }
  async addActionItem(id: string, input: ActionItemInput): Promise<ActionItemDto> {
    return (await this.t.json('POST', `${incidentPath(id)}/action-items`, { ...input }, anyObject)) as ActionItemDto;
  }
  async updateActionItem(ref: string, patch: ActionItemPatch): Promise<{ changed: boolean; item: ActionItemDto }> {
    return (await this.t.json('PATCH', `/action-items/${encodeURIComponent(ref)}`, { ...patch }, changed)) as { changed: boolean; item: ActionItemDto };
  }
  async importRcaActions(id: string): Promise<ActionItemDto[]> {
    return ((await this.t.json('POST', `${incidentPath(id)}/action-items/from-rca`, {}, items)) as { items: ActionItemDto[] }).items;
  }
  async createTicket(id: string, system: TicketSystem, itemRef: string | undefined): Promise<TicketDto> {
    return (await this.t.json('POST', `${incidentPath(id)}/tickets`, { system, action: itemRef }, anyObject)) as TicketDto;
  }
  async syncTickets(): Promise<TicketSyncDto[]> {
    return ((await this.t.json('POST', '/tickets/sync', {}, items)) as { items: TicketSyncDto[] }).items;
  }
  private async review(path: string, body: Record<string, unknown>): Promise<{ changed: boolean; agenda: ReviewAgendaDto }> {
    return (await this.t.json('POST', path, body, review)) as { changed: boolean; agenda: ReviewAgendaDto };
  }
}

class HttpComplianceDesk {
  constructor(private readonly t: ApiTransport) {}
  async flag(id: string, input: FlagInput): Promise<CommandOutcome> {
    return (await this.t.json('POST', `${incidentPath(id)}/compliance/flags`, { ...input, awareAt: iso(input.awareAt) }, outcome)) as CommandOutcome;
  }
  async notify(id: string, input: NotifyInput): Promise<CommandOutcome> {
    return (await this.t.json('POST', `${incidentPath(id)}/compliance/notifications`, { ...input }, outcome)) as CommandOutcome;
  }
  async soc2(since: EpochMs | undefined): Promise<Soc2Report> {
    return (await this.t.json('GET', `/compliance/soc2${query({ since: since === undefined ? undefined : iso(since) })}`, undefined, z.object({ incomplete: z.array(z.unknown()) }))) as Soc2Report;
  }
  async reminders(): Promise<ComplianceReminder[]> {
    const answer = (await this.t.json('GET', '/compliance/reminders', undefined, items)) as { items: (Omit<ComplianceReminder, 'dueAt'> & { dueAt: string })[] };
    return answer.items.map((r) => ({ ...r, dueAt: epochMs(Date.parse(r.dueAt)) }));
  }
  async evidenceBundle(id: string): Promise<{ files: { name: string; content: string }[]; auditOk: boolean }> {
    return (await this.t.json('GET', `${incidentPath(id)}/evidence`, undefined, z.object({ files: z.array(z.object({ name: z.string(), content: z.string() })), auditOk: z.boolean() }))) as { files: { name: string; content: string }[]; auditOk: boolean };
  }
}

interface MaintenanceDto { id: string; title: string; componentIds: string[]; startsAt: string; endsAt: string; createdAt: string; message: string | null }

function toWindow(d: MaintenanceDto): MaintenanceWindow {
  return {
    id: d.id, title: d.title, componentIds: d.componentIds, startsAt: epochMs(Date.parse(d.startsAt)), endsAt: epochMs(Date.parse(d.endsAt)),
    createdAt: epochMs(Date.parse(d.createdAt)), ...(d.message === null ? {} : { message: d.message }),
  };
}

class HttpStatusPage {
  readonly maintenance: {
    schedule(input: { title: string; componentIds: string[]; startsAt: EpochMs; endsAt: EpochMs; message?: string }): Promise<MaintenanceWindow>;
    list(): Promise<MaintenanceWindow[]>;
    cancel(id: string): Promise<{ window: MaintenanceWindow; changed: boolean }>;
  };

  constructor(private readonly t: ApiTransport) {
    this.maintenance = {
      schedule: async (input) => toWindow(((await t.json('POST', '/maintenances', { ...input, startsAt: iso(input.startsAt), endsAt: iso(input.endsAt) }, windowShape)) as { window: MaintenanceDto }).window),
      list: async () => ((await t.json('GET', '/maintenances', undefined, items)) as { items: MaintenanceDto[] }).items.map(toWindow),
      cancel: async (id) => {
        const r = (await t.json('DELETE', `/maintenances/${encodeURIComponent(id)}`, undefined, windowShape)) as { window: MaintenanceDto; changed: boolean };
        return { window: toWindow(r.window), changed: r.changed };
      },
    };
  }
  async publish(id: string, input: { title?: string; componentIds: string[]; impact: PublicImpact }): Promise<CommandOutcome> {
    return (await this.t.json('POST', `${incidentPath(id)}/publication`, { ...input }, outcome)) as CommandOutcome;
  }
  async unpublish(id: string): Promise<CommandOutcome> {
    return (await this.t.json('DELETE', `${incidentPath(id)}/publication`, undefined, outcome)) as CommandOutcome;
  }
  exportTo(): Promise<never> {
    return Promise.reject(localOnly('status-page export', 'A server serves the same page at /status.'));
  }
}

class HttpAlertAdmin {
  constructor(private readonly t: ApiTransport) {}
  async createIntegration(input: CreateIntegrationInput): Promise<CreatedIntegration> {
    return (await this.t.json('POST', '/integrations', { ...input }, anyObject)) as CreatedIntegration;
  }
  async listIntegrations(): Promise<IntegrationDto[]> {
    return ((await this.t.json('GET', '/integrations', undefined, items)) as { items: IntegrationDto[] }).items;
  }
  async revokeIntegration(idOrName: string): Promise<IntegrationDto> {
    return ((await this.t.json('DELETE', `/integrations/${encodeURIComponent(idOrName)}`, undefined, z.object({ record: anyObject }))) as { record: IntegrationDto }).record;
  }
  async createSilence(input: CreateSilenceInput): Promise<SilenceDto> {
    const body = {
      matchers: input.matchers, reason: input.reason, duration: input.duration,
      startsAt: input.startsAt === undefined ? undefined : iso(input.startsAt), endsAt: input.endsAt === undefined ? undefined : iso(input.endsAt),
    };
    return (await this.t.json('POST', '/silences', body, anyObject)) as SilenceDto;
  }
  async listSilences(): Promise<SilenceDto[]> {
    return ((await this.t.json('GET', '/silences', undefined, items)) as { items: SilenceDto[] }).items;
  }
  async expireSilence(id: string): Promise<SilenceDto> {
    return (await this.t.json('DELETE', `/silences/${encodeURIComponent(id)}`, undefined, anyObject)) as SilenceDto;
  }
}

class HttpTokenAdmin {
  constructor(private readonly t: ApiTransport) {}
  async create(input: { name: string; role: string; teams: string[]; scopes?: string }): Promise<CreatedToken> {
    const scopes = input.scopes?.split(',').map((x) => x.trim()).filter((x) => x !== '');
    return (await this.t.json('POST', '/tokens', { name: input.name, role: input.role, teams: input.teams, scopes }, z.object({ token: z.string() }))) as CreatedToken;
  }
  async list(): Promise<ApiTokenDto[]> {
    return ((await this.t.json('GET', '/tokens', undefined, items)) as { items: ApiTokenDto[] }).items;
  }
  async revoke(idOrName: string): Promise<ApiTokenDto> {
    return ((await this.t.json('DELETE', `/tokens/${encodeURIComponent(idOrName)}`, undefined, z.object({ record: anyObject }))) as { record: ApiTokenDto }).record;
  }
}

/**
 * Every verb of the CLI over the v1 HTTP API: the same members as the local client (src/main), so a
 * command cannot tell which it talks to. Roles, visibility and audit are the server's.
 */
export function openHttpCliClient(options: ApiTransportOptions & { displayTimeZone: string }) {
  const transport = new ApiTransport(options);
  return {
    incidents: new HttpIncidentApi(transport),
    reports: new HttpReportDesk(transport),
    followUp: new HttpFollowUpDesk(transport, options.displayTimeZone),
    compliance: new HttpComplianceDesk(transport),
    statusPage: new HttpStatusPage(transport),
    alertAdmin: new HttpAlertAdmin(transport),
    tokens: new HttpTokenAdmin(transport),
    displayTimeZone: options.displayTimeZone,
    close: async () => {},
  };
}
