import type { SystemHealthReading } from '../detection/index.js';
import type { IncidentVisibility } from './incident-visibility.js';

/** The detection readings as one reader may see them: firings of rules that declare a hidden incident type are left out. */
export function visibleReading(reading: SystemHealthReading | undefined, visibility: Pick<IncidentVisibility, 'canSeeType'>): SystemHealthReading | undefined {
  if (reading === undefined) return undefined;
  return { ...reading, recentFirings: reading.recentFirings.filter((f) => f.incidentType === undefined || visibility.canSeeType(f.incidentType)) };
}
