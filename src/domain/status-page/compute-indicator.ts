import type { PublicImpact } from '../incident/index.js';
import { COMPONENT_STATUS_INDICATOR, INDICATOR_DESCRIPTION, worstImpact, type ComponentStatus, type Indicator } from './status-page-words.js';
import type { PublicIncident } from './status-page-model.js';

export interface PageStatus {
  readonly indicator: Indicator;
  readonly description: string;
}

const INDICATOR_IMPACT: Record<Indicator, PublicImpact> = { none: 'none', minor: 'minor', major: 'major', critical: 'critical' };

/**
 * The page's indicator: the worst of the components' statuses and the unresolved incidents'
 * impacts (an incident affecting no component still counts). Maintenance alone keeps it `none`,
 * described as "Service Under Maintenance".
 */
export function computeIndicator(componentStatuses: readonly ComponentStatus[], incidents: readonly PublicIncident[]): PageStatus {
  const impacts: PublicImpact[] = componentStatuses.map((s) => INDICATOR_IMPACT[COMPONENT_STATUS_INDICATOR[s]]);
  for (const i of incidents) if (i.resolvedAt === undefined) impacts.push(i.impact);
  const indicator: Indicator = worstImpact(impacts);
  if (indicator === 'none' && componentStatuses.includes('under_maintenance')) return { indicator, description: 'Service Under Maintenance' };
  return { indicator, description: INDICATOR_DESCRIPTION[indicator] };
}
