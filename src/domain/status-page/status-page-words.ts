import type { PublicImpact } from '../incident/index.js';

/** A component's status, in Statuspage's words. */
export const COMPONENT_STATUSES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** The whole page's status indicator (Statuspage `status.indicator`). */
export const INDICATORS = ['none', 'minor', 'major', 'critical'] as const;
export type Indicator = (typeof INDICATORS)[number];

/** Where a scheduled maintenance stands (Statuspage's maintenance statuses). */
export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

/** What an unresolved incident of this impact does to the components it affects. */
export const IMPACT_COMPONENT_STATUS: Record<PublicImpact, ComponentStatus> = {
  none: 'operational',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
};

/** The indicator a component in this status contributes to the page. */
export const COMPONENT_STATUS_INDICATOR: Record<ComponentStatus, Indicator> = {
  operational: 'none',
  under_maintenance: 'none',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/** Statuspage's descriptions of each indicator. */
export const INDICATOR_DESCRIPTION: Record<Indicator, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major Service Outage',
};

/** Component statuses as people read them on the page. */
export const COMPONENT_STATUS_LABEL: Record<ComponentStatus, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

/**
 * How much of an outage's time counts against uptime, as Statuspage counts it: a major outage
 * fully, a partial outage 30 %, degraded performance and maintenance not at all.
 */
export const UPTIME_WEIGHT: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 0,
  degraded_performance: 0,
  partial_outage: 0.3,
  major_outage: 1,
};

const IMPACT_RANK: Record<PublicImpact, number> = { none: 0, minor: 1, major: 2, critical: 3 };
const STATUS_RANK: Record<ComponentStatus, number> = { operational: 0, under_maintenance: 1, degraded_performance: 2, partial_outage: 3, major_outage: 4 };

export function worstImpact(impacts: Iterable<PublicImpact>): PublicImpact {
  let worst: PublicImpact = 'none';
  for (const i of impacts) if (IMPACT_RANK[i] > IMPACT_RANK[worst]) worst = i;
  return worst;
}

export function worstComponentStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst: ComponentStatus = 'operational';
  for (const s of statuses) if (STATUS_RANK[s] > STATUS_RANK[worst]) worst = s;
  return worst;
}
