import type { EpochMs } from '../time/index.js';
import type { AlertSignal } from './alert-signal.js';
import { ordinal } from './ordinal.js';

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** What the store knows about one alert (one dedup key, one open-to-resolved life). */
export interface AlertRecord {
  readonly id: string;
  readonly source: string;
  readonly integrationKey?: string;
  readonly dedupKey: string;
  readonly status: AlertStatus;
  /** Trigger events seen, the opening one included. */
  readonly occurrences: number;
  readonly openedAt: EpochMs;
  readonly lastSeenAt: EpochMs;
  readonly incidentId?: string;
}

export type DedupDecision =
  | { readonly kind: 'open'; readonly reason: string }
  | { readonly kind: 'append'; readonly alertId: string; readonly occurrence: number; readonly reason: string }
  | { readonly kind: 'acknowledge'; readonly alertId: string; readonly reason: string }
  | { readonly kind: 'resolve'; readonly alertId: string; readonly reason: string }
  | { readonly kind: 'drop'; readonly reason: string };

type Identity = Pick<AlertSignal, 'source' | 'integrationKey' | 'dedupKey'>;

/** The same dedup key under another source or integration is another alert. */
export function alertIdentity(a: Identity): string {
  return JSON.stringify([a.source, a.integrationKey ?? '', a.dedupKey]);
}

/**
 * PagerDuty's de-duplication: events for a key apply to the open alert with that key; once it is
 * resolved a trigger opens a new alert and acknowledge/resolve are dropped. `records` may hold any
 * alerts; only those with the signal's identity are considered.
 */
export function decideDedup(signal: AlertSignal, records: readonly AlertRecord[]): DedupDecision {
  const identity = alertIdentity(signal);
  const open = records.find((r) => r.status !== 'resolved' && alertIdentity(r) === identity);
  const label = `"${signal.dedupKey}"`;
  switch (signal.action) {
    case 'trigger': {
      if (open === undefined) {
        const before = records.some((r) => alertIdentity(r) === identity);
        return { kind: 'open', reason: before ? `new alert for ${label}: the previous one was resolved` : `new alert for ${label}` };
      }
      const occurrence = open.occurrences + 1;
      return { kind: 'append', alertId: open.id, occurrence, reason: `deduplicated into alert ${open.id} (${ordinal(occurrence)} occurrence)` };
    }
    case 'acknowledge':
      if (open === undefined) return { kind: 'drop', reason: `acknowledge for ${label} dropped: no open alert has that key` };
      if (open.status === 'acknowledged') return { kind: 'drop', reason: `acknowledge for ${label} dropped: alert ${open.id} is already acknowledged` };
      return { kind: 'acknowledge', alertId: open.id, reason: `alert ${open.id} acknowledged by ${signal.source}` };
    case 'resolve':
      if (open === undefined) return { kind: 'drop', reason: `resolve for ${label} dropped: no open alert has that key` };
      return { kind: 'resolve', alertId: open.id, reason: `alert ${open.id} resolved by ${signal.source}` };
  }
}
