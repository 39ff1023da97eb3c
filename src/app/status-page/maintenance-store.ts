import type { MaintenanceWindow } from '../../domain/status-page/index.js';
import type { EpochMs } from '../../domain/time/index.js';

/** Scheduled maintenance windows. Implemented for SQLite and PostgreSQL; both pass one contract suite. */
export interface MaintenanceStore {
  /** Stores a new window; its id must be new (CONFLICT otherwise). */
  addMaintenance(window: MaintenanceWindow): Promise<void>;
  /** Windows ending after `endsAfter`, earliest start first. */
  listMaintenances(endsAfter: EpochMs): Promise<MaintenanceWindow[]>;
}
