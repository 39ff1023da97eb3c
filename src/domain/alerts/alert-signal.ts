import type { Environment, IncidentType, Severity } from '../classification/index.js';
import type { EpochMs } from '../time/index.js';

/** What an alert event asks for, in PagerDuty's words. */
export const ALERT_ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

export interface AlertLink {
  readonly href: string;
  readonly text?: string;
}

/**
 * One alert event from any source, after its payload was parsed. `dedupKey` identifies the alert
 * within its source and integration (PagerDuty's dedup_key, Alertmanager's fingerprint, Opsgenie's
 * alias); `fingerprint` is the Alertmanager-style hash of `labels`.
 */
export interface AlertSignal {
  /** The ingest source's name, e.g. "alertmanager-webhook". */
  readonly source: string;
  /** The integration (routing key, URL key, API key) the event arrived on. */
  readonly integrationKey?: string;
  readonly dedupKey: string;
  /**
   * Set when the sender named the alert by OUR alert id (Opsgenie `identifierType=id`) instead of its
   * dedup key: the ingest looks the alert up and acts on it only if it is the live one of this
   * source and integration; otherwise the signal is accepted and dropped.
   */
  readonly alertId?: string;
  readonly fingerprint: string;
  readonly action: AlertAction;
  readonly summary: string;
  /**
   * The alert's own name within its source, shared by its repeats and unrelated to other alerts:
   * Alertmanager's alertname, PagerDuty's dedup key (else its summary), Datadog's monitor, New
   * Relic's condition, Opsgenie's alias, CloudWatch's alarm, a generic webhook's mapped title.
   * Grouping by `alertname` uses it when the label is missing.
   */
  readonly alertName?: string;
  readonly severity?: Severity;
  readonly incidentType?: IncidentType;
  readonly environment?: Environment;
  readonly service?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Source-specific extras kept for the timeline (custom_details, groupKey, alarm trigger…). */
  readonly details: Readonly<Record<string, unknown>>;
  readonly startsAt?: EpochMs;
  readonly endsAt?: EpochMs;
  readonly links: readonly AlertLink[];
  readonly receivedAt: EpochMs;
}

/** A note added to an existing alert (Opsgenie's add-note). */
export interface AlertNote {
  readonly source: string;
  readonly integrationKey?: string;
  readonly dedupKey: string;
  /** As `AlertSignal.alertId`. */
  readonly alertId?: string;
  readonly text: string;
  readonly user?: string;
  readonly receivedAt: EpochMs;
}

/** A change that is not a problem (PagerDuty change events): context for responders, never pages. */
export interface ChangeEvent {
  readonly source: string;
  readonly integrationKey?: string;
  readonly summary: string;
  /** Where the change happened (payload.source). */
  readonly origin?: string;
  readonly happenedAt?: EpochMs;
  readonly details: Readonly<Record<string, unknown>>;
  readonly links: readonly AlertLink[];
  readonly receivedAt: EpochMs;
}
