import type { MaintenanceWindow } from '../../domain/status-page/index.js';
import type { EpochMs } from '../../domain/time/index.js';

/** A stored window: the public window plus who scheduled it, and whether it was cancelled. */
export interface MaintenanceRecord {
  readonly window: MaintenanceWindow;
  readonly createdBy: string;
  readonly cancelledAt?: EpochMs;
  readonly cancelledBy?: string;
}

/** Scheduled maintenance windows. Implemented for SQLite and PostgreSQL; both pass one contract suite. */
export interface MaintenanceStore {
  /** Stores a new window; its id must be new (CONFLICT otherwise). */
  addMaintenance(window: MaintenanceWindow, createdBy?: string): Promise<void>;
  /** Windows not cancelled and ending after `endsAfter`, earliest start first (id as tiebreak). */
  listMaintenances(endsAfter: EpochMs): Promise<MaintenanceWindow[]>;
  /** One window by id, cancelled or not; undefined when there is none. */
  findMaintenance(id: string): Promise<MaintenanceRecord | undefined>;
  /**
   * Cancels a window that is not cancelled yet: it leaves the public page at once. Returns the
   * record as it is afterwards, or undefined when there is no such window. Cancelling twice keeps
   * the first cancellation.
   */
  cancelMaintenance(id: string, at: EpochMs, by: string): Promise<MaintenanceRecord | undefined>;
}
