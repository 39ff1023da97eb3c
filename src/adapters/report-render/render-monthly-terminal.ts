import { SEVERITIES } from '../../domain/classification/index.js';
import type { BreakdownRow, MonthlyReport } from '../../domain/reporting/index.js';
import { formatShare, formatSpan, formatSummary, plural, severityHeading } from './format-report-values.js';

/** Lines as a tree: "├── a", "└── last". */
export function tree(items: readonly string[]): string[] {
  return items.map((item, i) => `${i === items.length - 1 ? '└──' : '├──'} ${item}`);
}

export function slaLine(r: MonthlyReport): string {
  const c = r.current;
  if (c.total === 0) return 'Resolved within SLA: n/a (no incidents)';
  return `${formatShare(c.slaShare)} of incidents resolved within SLA (${c.withinSla} of ${c.total})`;
}

export function breakdownLine(row: BreakdownRow): string {
  return `${row.key}: ${plural(row.total, 'incident')}, ${row.resolved} resolved${row.resolve.count > 0 ? `, MTTR ${formatSpan(row.resolve.meanMs)}` : ''}`;
}

export function improvementLines(r: MonthlyReport): string[] {
  const i = r.improvements;
  const lines = [`${plural(i.actionsCompleted, 'action item')} completed`];
  for (const a of i.actions) lines.push(`Action completed on ${a.incidentId}: ${a.action}`);
  for (const s of i.resolutions) lines.push(`${s.incidentId}: ${s.summary}`);
  return lines;
}

/** The template's layout: [STATS], [TIME], [METRICS], [TARGET], then breakdowns. */
export function renderMonthlyTerminal(r: MonthlyReport): string {
  const c = r.current;
  const out = [
    'Monthly Incident Report',
    '======================',
    '',
    `[STATS] Incident Statistics (${r.month.label}, ${r.month.zone})`,
    ...tree([`Total Incidents: ${c.total}`, ...SEVERITIES.map((s) => `${severityHeading(s)}: ${plural(c.bySeverity[s], 'incident')}`)]),
    '',
    '[TIME] Response Time Metrics',
    ...tree([
      `Mean Time to Detection (MTTD): ${formatSummary(c.detect, c.detect.count === 1 ? 'incident with a known impact start' : 'incidents with a known impact start')}`,
      `Mean Time to Acknowledge (MTTA): ${formatSummary(c.acknowledge, c.acknowledge.count === 1 ? 'acknowledged incident' : 'acknowledged incidents')}`,
      `Mean Time to Resolution (MTTR): ${formatSummary(c.resolve, c.resolve.count === 1 ? 'resolved incident' : 'resolved incidents')}`,
    ]),
    '',
    '[METRICS] Trends and Improvements',
    ...tree([...r.trends.filter((t) => t.metric !== 'sla').map((t) => t.text), slaLine(r), r.trends.find((t) => t.metric === 'sla')!.text, `Customer satisfaction: ${r.satisfaction.text}`, `Business impact: ${r.impact.text}`]),
    '',
    '[TARGET] Key Improvements This Month',
    ...tree(improvementLines(r)),
  ];
  const sections: [string, readonly BreakdownRow[]][] = [['type', r.breakdowns.type], ['environment', r.breakdowns.environment], ['service', r.breakdowns.service]];
  for (const [name, rows] of sections) {
    if (rows.length === 0) continue;
    out.push('', `[BREAKDOWN] By ${name}`, ...tree(rows.map(breakdownLine)));
  }
  return out.join('\n');
}
