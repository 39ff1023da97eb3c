import type { MonthlyReport } from '../../domain/reporting/index.js';
import { isoOrNull, minutesOrNull } from './format-report-values.js';

const HEADER = ['id', 'declared_at', 'severity', 'type', 'environment', 'service', 'status', 'detect_minutes', 'acknowledge_minutes', 'resolve_minutes', 'response_met', 'within_sla', 'reopen_count', 'title'];

/** RFC 4180: quote fields with commas, quotes or line breaks; formulas are defused for spreadsheets. */
function field(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per incident declared in the month, for spreadsheets; the summary is in the other formats. */
export function renderMonthlyCsv(r: MonthlyReport): string {
  const rows = r.incidents.map((i) => [
    i.id, isoOrNull(i.declaredAt), i.severity, i.incidentType, i.environment, i.service, i.status,
    minutesOrNull(i.detectMs), minutesOrNull(i.acknowledgeMs), minutesOrNull(i.resolveMs), i.isResponseMet, i.isWithinSla, i.reopenCount, i.title,
  ]);
  return [HEADER, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
