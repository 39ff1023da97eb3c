import { AppError } from '../errors/index.js';
import type { EpochMs } from '../time/index.js';

const ID_RE = /^INC-(\d{4})-(\d{2})(\d{2})-(\d{3,})$/;

/** The UTC day an incident number belongs to: "2026-1128". */
export function incidentDayKey(at: EpochMs): string {
  const d = new Date(at);
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${d.getUTCFullYear()}-${mm}${dd}`;
}

/** INC-YYYY-MMDD-NNN, numbered per UTC day from 001; past 999 the number simply grows. */
export function formatIncidentId(dayKey: string, n: number): string {
  return `INC-${dayKey}-${String(n).padStart(3, '0')}`;
}

export function isIncidentId(text: string): boolean {
  return ID_RE.test(text);
}

/** Accepts any case ("inc-2026-1128-001") and returns the canonical id. */
export function parseIncidentId(text: string): string {
  const t = text.trim().toUpperCase();
  if (ID_RE.test(t)) return t;
  throw new AppError('VALIDATION', `'${text}' is not an incident id; expected INC-YYYY-MMDD-NNN, e.g. INC-2026-1128-001`, {
    issues: [{ path: 'id', message: 'expected INC-YYYY-MMDD-NNN' }],
  });
}
