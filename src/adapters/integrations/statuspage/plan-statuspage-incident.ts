import type { PublicIncident } from '../../../domain/status-page/index.js';

export type StatuspageComponentStatus = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage';

/** What one of our public incidents should look like on the statuspage.io page. */
export interface StatuspageIncidentPlan {
  readonly incidentId: string;
  /** Our public incident's last change (epoch ms): a plan older than what the page holds is not applied. */
  readonly revision: number;
  readonly name: string;
  readonly status: 'investigating' | 'identified' | 'monitoring' | 'resolved';
  /** The newest public update's text (the first publication: the title). */
  readonly body: string;
  readonly impact: 'none' | 'minor' | 'major' | 'critical';
  /** Their component id → its status while the incident lasts (operational once resolved). */
  readonly components: Readonly<Record<string, StatuspageComponentStatus>>;
  /** Our components that have no entry in the component map (reported, never guessed). */
  readonly unmapped: readonly string[];
}

const COMPONENT_STATUS: Record<StatuspageIncidentPlan['impact'], StatuspageComponentStatus> = {
  none: 'degraded_performance', minor: 'degraded_performance', major: 'partial_outage', critical: 'major_outage',
};

/**
 * Our public incident as a statuspage.io incident: the same status words and impact (our public
 * page already speaks Statuspage's vocabulary), the newest update as the body, and our components
 * mapped through `componentMap` (our component id → their component id).
 */
export function planStatuspageIncident(incident: PublicIncident, componentMap: Readonly<Record<string, string>>): StatuspageIncidentPlan {
  const components: Record<string, StatuspageComponentStatus> = {};
  const unmapped: string[] = [];
  for (const ours of incident.componentIds) {
    const theirs = componentMap[ours];
    if (theirs === undefined) unmapped.push(ours);
    else components[theirs] = incident.status === 'resolved' ? 'operational' : COMPONENT_STATUS[incident.impact];
  }
  return {
    incidentId: incident.id,
    revision: incident.updatedAt,
    name: incident.title,
    status: incident.status,
    body: incident.updates[0]?.body ?? incident.title,
    impact: incident.impact,
    components,
    unmapped,
  };
}
