import type { EpochMs } from '../time/index.js';
import { maintenanceStatusAt } from './maintenance-status.js';
import type { MaintenanceWindow, PageComponent, PublicIncident } from './status-page-model.js';
import { IMPACT_COMPONENT_STATUS, worstComponentStatus, type ComponentStatus } from './status-page-words.js';

/**
 * Each component's status now: the worst impact of the unresolved published incidents affecting
 * it; else under_maintenance while a maintenance window covering it is in progress; else operational.
 * An outage during maintenance still shows as the outage.
 */
export function computeComponentStatuses(
  components: readonly PageComponent[],
  incidents: readonly PublicIncident[],
  maintenances: readonly MaintenanceWindow[],
  now: EpochMs,
): Record<string, ComponentStatus> {
  const out: Record<string, ComponentStatus> = {};
  for (const c of components) {
    const fromIncidents = incidents
      .filter((i) => i.resolvedAt === undefined && i.componentIds.includes(c.id))
      .map((i) => IMPACT_COMPONENT_STATUS[i.impact]);
    const incidentStatus = worstComponentStatus(fromIncidents);
    const inMaintenance = maintenances.some((m) => m.componentIds.includes(c.id) && maintenanceStatusAt(m, now) === 'in_progress');
    out[c.id] = incidentStatus === 'operational' && inMaintenance ? 'under_maintenance' : incidentStatus;
  }
  return out;
}
