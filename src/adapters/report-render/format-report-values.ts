import { DateTime } from 'luxon';
import type { DurationSummary } from '../../domain/reporting/index.js';
import { SEVERITY_LABEL, type Severity } from '../../domain/classification/index.js';

/** "8.3 minutes", "2.4 hours", "3.1 days": one decimal in the unit that keeps the number readable. */
export function formatSpan(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return 'n/a';
  const minutes = ms / 60_000;
  if (minutes < 1) return `${Math.round(ms / 1000)} seconds`;
  if (minutes < 60) return `${minutes.toFixed(1)} minutes`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} hours`;
  return `${(minutes / 1440).toFixed(1)} days`;
}

/** "8.3 minutes (median 6.0 minutes, 12 incidents)" or "n/a (no incidents …)". */
export function formatSummary(s: DurationSummary, counted: string): string {
  if (s.count === 0) return `n/a (no ${counted})`;
  return `${formatSpan(s.meanMs)} (median ${formatSpan(s.medianMs)}, ${s.count} ${counted})`;
}

export function formatShare(share: number | null): string {
  return share === null ? 'n/a' : `${Math.round(share * 100)}%`;
}

export function severityHeading(s: Severity): string {
  return `${SEVERITY_LABEL[s].label} (${SEVERITY_LABEL[s].name})`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "2026-11-28 17:50" in `zone`. */
export function formatInstant(at: number, zone: string, pattern = 'yyyy-MM-dd HH:mm'): string {
  return DateTime.fromMillis(at, { zone }).toFormat(pattern);
}

export function isoOrNull(at: number | undefined): string | null {
  return at === undefined ? null : new Date(at).toISOString();
}

/** Minutes with one decimal, for machine-readable outputs (CSV, JSON). */
export function minutesOrNull(ms: number | null | undefined): number | null {
  return ms === null || ms === undefined ? null : Math.round(ms / 6000) / 10;
}
