import type { PublicStatus } from '../classification/index.js';
import type { PublicImpact } from '../incident/index.js';
import type { EpochMs } from '../time/index.js';

/** A component customers see, as configured (`status_page.components`). */
export interface PageComponent {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** The group heading it is shown under, if any. */
  readonly group?: string;
}

/** One public message of an incident. `status` is the public status it was posted with. */
export interface PublicUpdate {
  readonly at: EpochMs;
  readonly status: PublicStatus;
  readonly body: string;
}

/**
 * An incident as the public may see it: only what a responder published and the status updates
 * (public messages) — never notes, roles, people, severity or the internal title.
 */
export interface PublicIncident {
  readonly id: string;
  readonly title: string;
  readonly status: PublicStatus;
  readonly impact: PublicImpact;
  readonly componentIds: readonly string[];
  /** When impact began (the declared impact start, else the declaration). */
  readonly startedAt: EpochMs;
  /** When it was first published. */
  readonly createdAt: EpochMs;
  readonly updatedAt: EpochMs;
  readonly monitoringAt: EpochMs | undefined;
  readonly resolvedAt: EpochMs | undefined;
  readonly nextUpdateAt: EpochMs | undefined;
  /** Newest first, as Statuspage lists them. */
  readonly updates: readonly PublicUpdate[];
}

/** A planned window during which components are under maintenance. */
export interface MaintenanceWindow {
  readonly id: string;
  readonly title: string;
  readonly componentIds: readonly string[];
  readonly startsAt: EpochMs;
  readonly endsAt: EpochMs;
  readonly createdAt: EpochMs;
  /** What customers are told about it (optional; the title alone otherwise). */
  readonly message?: string;
}
