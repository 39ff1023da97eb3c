import type { ComponentStatus, MaintenanceStatus, MaintenanceWindow, PageComponent, PageStatus, PublicIncident, Uptime } from '../../domain/status-page/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import type { StatusPageConfig } from '../config/index.js';
import type { SubscriberKind } from './subscriber-kind.js';

export interface ComponentView {
  readonly component: PageComponent;
  /** 1-based display position. */
  readonly position: number;
  readonly status: ComponentStatus;
  readonly uptime: Uptime;
  /** The last change that touched the component (an incident or maintenance), else the page's first record. */
  readonly updatedAt: EpochMs;
  readonly createdAt: EpochMs;
}

export interface MaintenanceView {
  readonly window: MaintenanceWindow;
  readonly status: MaintenanceStatus;
}

/** The whole public page at one instant: what every renderer (HTML, JSON, feeds, export) reads. */
export interface StatusPageSnapshot {
  readonly page: StatusPageConfig;
  readonly now: EpochMs;
  /** The last public change (the page's updated_at). */
  readonly updatedAt: EpochMs;
  readonly status: PageStatus;
  readonly components: readonly ComponentView[];
  /** Published incidents, unresolved or of the last 90 days, newest first. */
  readonly incidents: readonly PublicIncident[];
  /** Windows not yet ended, or ended within 90 days; earliest start first. */
  readonly maintenances: readonly MaintenanceView[];
  /** How visitors may subscribe on this page (none on a static export, or without the channel). */
  readonly subscriptionKinds: readonly SubscriberKind[];
}
