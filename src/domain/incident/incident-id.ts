import { isRestrictedIncidentType } from '../access/index.js';
import type { IncidentType } from '../classification/index.js';
import { AppError } from '../errors/index.js';
import type { EpochMs } from '../time/index.js';

/**
 * INC for incidents anyone may know of, SEC for those declared as security incidents. Each prefix
 * has its own per-day counter, so the INC numbers carry no gaps that betray a hidden incident.
 */
export const INCIDENT_ID_PREFIXES = ['INC', 'SEC'] as const;
export type IncidentIdPrefix = (typeof INCIDENT_ID_PREFIXES)[number];

/** The id pattern without anchors, for patterns that embed an id (action item references). */
export const INCIDENT_ID_SOURCE = '(?:INC|SEC)-\\d{4}-\\d{4}-\\d{3,}';
const ID_RE = /^(INC|SEC)-(\d{4})-(\d{2})(\d{2})-(\d{3,})$/;

/** The UTC day an incident number belongs to: "2026-1128". */
export function incidentDayKey(at: EpochMs): string {
  const d = new Date(at);
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${d.getUTCFullYear()}-${mm}${dd}`;
}

/** The prefix an incident declared with this type is numbered under; a later reclassification keeps the id. */
export function incidentIdPrefix(type: IncidentType): IncidentIdPrefix {
  return isRestrictedIncidentType(type) ? 'SEC' : 'INC';
}

/** The per-day counter's key: the bare day for INC (as before SEC existed), "SEC-2026-1128" for SEC. */
export function incidentCounterKey(prefix: IncidentIdPrefix, dayKey: string): string {
  return prefix === 'INC' ? dayKey : `${prefix}-${dayKey}`;
}

/** INC-YYYY-MMDD-NNN (or SEC-…), numbered per UTC day from 001; past 999 the number simply grows. */
export function formatIncidentId(dayKey: string, n: number, prefix: IncidentIdPrefix = 'INC'): string {
  return `${prefix}-${dayKey}-${String(n).padStart(3, '0')}`;
}

export function isIncidentId(text: string): boolean {
  return ID_RE.test(text);
}

/** Accepts any case ("inc-2026-1128-001", "sec-2026-1128-001") and returns the canonical id. */
export function parseIncidentId(text: string): string {
  const t = text.trim().toUpperCase();
  if (ID_RE.test(t)) return t;
  throw new AppError('VALIDATION', `'${text}' is not an incident id; expected INC-YYYY-MMDD-NNN or SEC-YYYY-MMDD-NNN, e.g. INC-2026-1128-001`, {
    issues: [{ path: 'id', message: 'expected INC-YYYY-MMDD-NNN or SEC-YYYY-MMDD-NNN' }],
  });
}
