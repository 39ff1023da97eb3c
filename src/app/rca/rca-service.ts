import { canSeeIncidentType, hasPermission, requirePermission, type Permission, type Principal } from '../../domain/access/index.js';
import { foldActionItems, planActionItemsFromRca } from '../../domain/action-items/index.js';
import { AppError } from '../../domain/errors/index.js';
import {
  computeRcaDocument, decideRcaUpdate, foldRcaContent, formatRcaForm, parseRcaForm, type RcaDocument, type RcaEdit, type RcaOptions,
} from '../../domain/rca/index.js';
import { notFound, type IncidentService } from '../incidents/index.js';
import type { Clock, IncidentStore, StoredEvent } from '../ports/index.js';

export interface RcaEditOutcome {
  readonly changed: boolean;
  readonly document: RcaDocument;
}

const ATTEMPTS = 3;

/**
 * Who may edit an RCA, whichever way the edit comes (API, web form, CLI flags or $EDITOR form):
 * commanders and admins. Checked here, in the use case, so no edge can apply another rule.
 */
export const RCA_EDIT_PERMISSION: Permission = 'incident:command';

/** Whether `principal` may edit RCAs (edges offer the form only to those who may send it). */
export function canEditRca(principal: Principal): boolean {
  return hasPermission(principal, RCA_EDIT_PERMISSION);
}

/**
 * Root-cause analyses: the document is computed from the incident's events on every read; edits
 * are `rca-updated` events, so every version stays in the audit log. Reading needs
 * incident:read, editing RCA_EDIT_PERMISSION; an incident the principal may not see is NOT_FOUND.
 */
export class RcaService {
  constructor(
    private readonly store: IncidentStore,
    private readonly incidents: IncidentService,
    private readonly clock: Clock,
    /** Dashboard and trace links for a service over a window (integrations.grafana); none when not configured. */
    private readonly telemetryLinks?: NonNullable<RcaOptions['telemetry']>['links'],
  ) {}

  private impactOptions() {
    return { defaults: (service: string | undefined) => this.incidents.impactDefaults(service), now: this.clock.now() };
  }

  async document(id: string, principal: Principal, options: { includeHidden?: boolean } = {}): Promise<RcaDocument> {
    requirePermission(principal, 'incident:read');
    const telemetry = this.telemetryLinks === undefined ? {} : { telemetry: { links: this.telemetryLinks, now: this.clock.now() } };
    return computeRcaDocument(await this.visibleEvents(id, principal), { ...options, impact: this.impactOptions(), ...telemetry });
  }

  /** The Markdown form for $EDITOR, filled with the RCA as it stands. */
  async form(id: string, principal: Principal): Promise<string> {
    requirePermission(principal, RCA_EDIT_PERMISSION);
    return formatRcaForm(computeRcaDocument(await this.visibleEvents(id, principal)));
  }

  /** Parses an edited form (VALIDATION with line numbers) and records what changed. */
  async applyForm(id: string, text: string, principal: Principal): Promise<RcaEditOutcome> {
    requirePermission(principal, RCA_EDIT_PERMISSION);
    const edit = parseRcaForm(text);
    const shown = computeRcaDocument(await this.visibleEvents(id, principal));
    // The form shows the incident's summary as the impact until one is written; keeping it is no edit.
    const keepsDefaultImpact = !shown.isImpactWritten && edit.impact?.trim() === shown.impact.trim();
    return this.edit(id, keepsDefaultImpact ? { ...edit, impact: undefined } : edit, principal);
  }

  async edit(id: string, edit: RcaEdit, principal: Principal): Promise<RcaEditOutcome> {
    requirePermission(principal, RCA_EDIT_PERMISSION);
    for (let attempt = 1; ; attempt++) {
      const events = await this.visibleEvents(id, principal);
      const version = events[events.length - 1]!.version;
      const entrySeqs = computeRcaDocument(events, { includeHidden: true }).timeline.flatMap((e) => (e.seq === undefined ? [] : [e.seq]));
      const rcaData = decideRcaUpdate(foldRcaContent(events), withoutUndefined(edit), entrySeqs);
      if (rcaData.length === 0) return { changed: false, document: computeRcaDocument(events) };
      // Corrective actions are tracked as action items: new ones become items in the same write.
      const saved = rcaData[0]?.kind === 'rca-updated' ? rcaData[0].actions : undefined;
      const data = saved === undefined ? rcaData : [...rcaData, ...planActionItemsFromRca(foldActionItems(events).items, saved)];
      const now = this.clock.now();
      const written = await this.store.write((tx) => this.incidents.recordIn(tx, id, { name: principal.name }, now, (state) => {
        // Decided from the events read above; if someone else wrote since, decide again.
        if (state.version !== version) throw new StaleRead();
        return data;
      })).catch((e: unknown) => {
        if (e instanceof StaleRead && attempt < ATTEMPTS) return undefined;
        if (e instanceof StaleRead) throw new AppError('CONFLICT', `${id} kept changing while the RCA was saved; run the command again.`);
        throw e;
      });
      if (written !== undefined) return { changed: true, document: computeRcaDocument(await this.store.readIncidentEvents(id)) };
    }
  }

  private async visibleEvents(id: string, principal: Principal): Promise<StoredEvent[]> {
    const events = await this.store.readIncidentEvents(id);
    const state = events.length === 0 ? undefined : await this.store.findIncident(id);
    if (state === undefined || !canSeeIncidentType(principal, state.incidentType)) throw notFound(id);
    return events;
  }
}

class StaleRead extends Error {}

function withoutUndefined(edit: RcaEdit): RcaEdit {
  return Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined)) as RcaEdit;
}
