import type { IncidentDto, TimelineEntryDto } from '../../../app/incidents/index.js';
import { span, type TimeFormatter } from './format-time.js';
import type { Style } from './style.js';

function truncate(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}

/** Plain columns (no borders), so the output is easy to read and to grep. */
function columns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd());
}

export function renderList(items: readonly IncidentDto[], t: TimeFormatter, st: Style): string {
  if (items.length === 0) return 'No incidents match.';
  const now = items[0] ? Date.parse(items[0].asOf) : 0;
  const rows = [['ID', 'SEV', 'TYPE', 'ENV', 'STATUS', 'AGE', 'NEXT UPDATE', 'SERVICE', 'TITLE']];
  for (const i of items) {
    const end = i.resolvedAt ? Date.parse(i.resolvedAt) : now;
    const next = i.clocks.nextUpdate.dueAt ? `${t.short(i.clocks.nextUpdate.dueAt)}${i.clocks.nextUpdate.state === 'overdue' ? '!' : ''}` : '-';
    rows.push([i.id, i.severityLabel, i.type, i.environment, i.status, span(end - Date.parse(i.declaredAt)), next, i.service ?? '-', truncate(i.title, 60)]);
  }
  const out = columns(rows);
  out[0] = st.bold(out[0]!);
  return out.join('\n');
}

export function renderTimeline(id: string, entries: readonly TimelineEntryDto[], t: TimeFormatter): string {
  return [`Timeline of ${id}`, ...entries.map((e) => `${t.seconds(e.at)}  ${e.text}`)].join('\n');
}
