import {
  computeComponentStatuses, computeIndicator, computeUptime, maintenanceStatusAt, projectPublicIncident, type PublicIncident,
} from '../../domain/status-page/index.js';
import { DAY, epochMs, type EpochMs } from '../../domain/time/index.js';
import type { StatusPageConfig } from '../config/index.js';
import type { IncidentStore } from '../ports/index.js';
import type { MaintenanceStore } from './maintenance-store.js';
import type { ComponentView, StatusPageSnapshot } from './status-page-snapshot.js';

export const HISTORY_DAYS = 90;
const LIST_LIMIT = 1000;

/**
 * Builds the public page from the store. Only production incidents a responder published appear,
 * projected to their public fields. An incident's projection is kept until its version changes,
 * so a busy page reads only the incidents that changed since the last request.
 */
export class StatusPageReader {
  readonly #projections = new Map<string, { version: number; incident: PublicIncident | undefined }>();

  constructor(
    private readonly store: IncidentStore,
    private readonly page: StatusPageConfig,
    private readonly maintenance: MaintenanceStore | undefined,
  ) {}

  async read(now: EpochMs): Promise<StatusPageSnapshot> {
    const since = epochMs(now - HISTORY_DAYS * DAY);
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
        cached = { version: state.version, incident: projectPublicIncident(state, await this.store.readIncidentEvents(state.id)) };
        this.#projections.set(state.id, cached);
      }
      const i = cached.incident;
      if (i !== undefined && (i.resolvedAt === undefined || i.resolvedAt >= since)) incidents.push(i);
    }
    incidents.sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
    const windows = this.maintenance ? await this.maintenance.listMaintenances(since) : [];
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
    };
  }
}
