import {
  computeComponentStatuses, computeIndicator, computeUptime, maintenanceStatusAt, projectPublicIncident, type MaintenanceWindow, type PublicIncident,
} from '../../domain/status-page/index.js';
import { DAY, MINUTE, epochMs, type EpochMs } from '../../domain/time/index.js';
import type { StatusPageConfig } from '../config/index.js';
import type { IncidentStore, StoredEvent } from '../ports/index.js';
import type { MaintenanceStore } from './maintenance-store.js';
import type { ComponentView, StatusPageSnapshot } from './status-page-snapshot.js';
import type { SubscriberKind } from './status-subscriptions.js';

export const HISTORY_DAYS = 90;

/**
 * The id an incident has in public (JSON ids, feed entries, page anchors): never its internal id,
 * which tells its type (SEC-…), its date and how many incidents we had that day. It is the first 12
 * hex digits of the declaration's hash in the audit chain: stable for ever, the same on every
 * server and in the static export, and not derivable from anything public.
 */
export function publicIncidentId(events: readonly StoredEvent[]): string {
  const declaration = events.find((e) => e.version === 1) ?? events[0];
  return declaration === undefined ? '' : declaration.hash.slice(0, 12);
}
const LIST_LIMIT = 1000;

/**
 * Builds the public page from the store. Only production incidents a responder published appear,
 * projected to their public fields. An incident's projection is kept until its version changes,
 * so a busy page reads only the incidents that changed since the last request.
 */
export class StatusPageReader {
  readonly #projections = new Map<string, { version: number; incident: PublicIncident | undefined }>();
  #cache: { readonly headSeq: number; readonly at: EpochMs; readonly incidents: Promise<PublicIncident[]> } | undefined;

  constructor(
    private readonly store: IncidentStore,
    private readonly page: StatusPageConfig,
    private readonly maintenance: MaintenanceStore | undefined,
    /** The subscriptions the served page offers (its form); none on a static export. */
    private readonly subscriptionKinds: readonly SubscriberKind[] = [],
  ) {}

  async read(now: EpochMs): Promise<StatusPageSnapshot> {
    const since = epochMs(now - HISTORY_DAYS * DAY);
    const incidents = await this.#publicIncidents(now, since);
    const windows = this.maintenance ? await this.maintenance.listMaintenances(since) : [];
    return this.#snapshot(now, incidents, windows);
  }

  /**
   * The published incidents, computed again only when the event log moved (its head sequence
   * number changed) or a minute passed: reading the head is one small query, listing the
   * incidents is the expensive part of a page. Concurrent readers of the same head share one
   * computation. Maintenance windows are not events: they are read on every request.
   */
  async #publicIncidents(now: EpochMs, since: EpochMs): Promise<PublicIncident[]> {
    const head = (await this.store.chainHead()).seq;
    const cached = this.#cache;
    if (cached !== undefined && cached.headSeq === head && now - cached.at < MINUTE && now >= cached.at) return cached.incidents;
    const incidents = this.#listPublicIncidents(since);
    this.#cache = { headSeq: head, at: now, incidents };
    try {
      return await incidents;
    } catch (error) {
      if (this.#cache?.incidents === incidents) this.#cache = undefined;
      throw error;
    }
  }

  async #listPublicIncidents(since: EpochMs): Promise<PublicIncident[]> {
    const [open, recent] = await Promise.all([
      this.store.listIncidents({ environments: ['production'], statuses: ['triggered', 'acknowledged', 'mitigated'], limit: LIST_LIMIT }),
      this.store.listIncidents({ environments: ['production'], since, limit: LIST_LIMIT }),
    ]);
    const states = new Map([...recent, ...open].map((s) => [s.id, s]));
    const incidents: PublicIncident[] = [];
    for (const state of states.values()) {
      if (state.publication === undefined) continue;
      let cached = this.#projections.get(state.id);
      if (cached === undefined || cached.version !== state.version) {
        const events = await this.store.readIncidentEvents(state.id);
        const projected = projectPublicIncident(state, events);
        cached = { version: state.version, incident: projected === undefined ? undefined : { ...projected, id: publicIncidentId(events) } };
        this.#projections.set(state.id, cached);
      }
      const i = cached.incident;
      if (i !== undefined && (i.resolvedAt === undefined || i.resolvedAt >= since)) incidents.push(i);
    }
    incidents.sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
    return incidents;
  }

  #snapshot(now: EpochMs, incidents: readonly PublicIncident[], windows: readonly MaintenanceWindow[]): StatusPageSnapshot {
    const statuses = computeComponentStatuses(this.page.components, incidents, windows, now);
    const touched = (id: string): EpochMs[] => [
      ...incidents.filter((i) => i.componentIds.includes(id)).map((i) => i.updatedAt),
      ...windows.filter((w) => w.componentIds.includes(id)).map((w) => (now >= w.endsAt ? w.endsAt : now >= w.startsAt ? w.startsAt : w.createdAt)),
    ];
    const firstRecord = Math.min(now, ...incidents.map((i) => i.createdAt), ...windows.map((w) => w.createdAt));
    const components: ComponentView[] = this.page.components.map((component, index) => ({
      component,
      position: index + 1,
      status: statuses[component.id] ?? 'operational',
      uptime: computeUptime(component.id, incidents, now, HISTORY_DAYS),
      updatedAt: epochMs(Math.max(firstRecord, ...touched(component.id))),
      createdAt: epochMs(firstRecord),
    }));
    const updatedAt = epochMs(Math.max(firstRecord, ...incidents.map((i) => i.updatedAt), ...components.map((c) => c.updatedAt)));
    return {
      page: this.page,
      now,
      updatedAt,
      status: computeIndicator(components.map((c) => c.status), incidents),
      components,
      incidents,
      maintenances: windows.map((window) => ({ window, status: maintenanceStatusAt(window, now) })),
      subscriptionKinds: this.subscriptionKinds,
    };
  }
}
