import type { EpochMs } from '../time/index.js';
import type { MaintenanceWindow } from './status-page-model.js';
import type { MaintenanceStatus } from './status-page-words.js';

/** scheduled before the window, in_progress during it [startsAt, endsAt), completed after. */
export function maintenanceStatusAt(window: MaintenanceWindow, now: EpochMs): MaintenanceStatus {
  if (now < window.startsAt) return 'scheduled';
  return now < window.endsAt ? 'in_progress' : 'completed';
}
