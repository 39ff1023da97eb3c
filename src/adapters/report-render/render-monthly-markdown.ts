import { SEVERITIES } from '../../domain/classification/index.js';
import type { BreakdownRow, MonthlyReport } from '../../domain/reporting/index.js';
import { formatInstant, formatShare, formatSpan, severityHeading } from './format-report-values.js';
import { improvementLines, slaLine } from './render-monthly-terminal.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

function breakdownTable(rows: readonly BreakdownRow[]): string[] {
  return table(['', 'Incidents', 'Resolved', 'MTTR (mean)', 'MTTR (median)'], rows.map((r) => [r.key, String(r.total), String(r.resolved), formatSpan(r.resolve.meanMs), formatSpan(r.resolve.medianMs)]));
}

export function renderMonthlyMarkdown(r: MonthlyReport): string {
  const c = r.current;
  const p = r.previous;
  const metric = (name: string, cur: typeof c.detect, prev: typeof c.detect) =>
    [name, formatSpan(cur.meanMs), formatSpan(cur.medianMs), String(cur.count), formatSpan(prev.meanMs)];
  const out = [
    `# Monthly Incident Report: ${r.month.label}`,
    '',
    `Incidents declared from ${formatInstant(r.month.startAt, r.month.zone)} to ${formatInstant(r.month.endAt, r.month.zone)} (${r.month.zone}); generated ${formatInstant(r.generatedAt, r.month.zone)}.`,
    '',
    '## Incident statistics',
    '',
    ...table(['Severity', 'Incidents', r.previousMonth.name], [
      ...SEVERITIES.map((s) => [severityHeading(s), String(c.bySeverity[s]), String(p.bySeverity[s])]),
      ['**Total**', `**${c.total}**`, String(p.total)],
    ]),
    '',
    '## Response time metrics',
    '',
    ...table(['Metric', 'Mean', 'Median', 'Count', `Mean in ${r.previousMonth.name}`], [
      metric('Time to detection (MTTD)', c.detect, p.detect),
      metric('Time to acknowledge (MTTA)', c.acknowledge, p.acknowledge),
      metric('Time to resolution (MTTR)', c.resolve, p.resolve),
    ]),
    '',
    `Resolved within SLA: ${formatShare(c.slaShare)} (${c.withinSla} of ${c.total}); ${r.previousMonth.name}: ${formatShare(p.slaShare)}.`,
    '',
    '## Trends and improvements',
    '',
    ...r.trends.filter((t) => t.metric !== 'sla').map((t) => `- ${t.text}`),
    `- ${slaLine(r)}`,
    `- ${r.trends.find((t) => t.metric === 'sla')!.text}`,
    `- Customer satisfaction: ${r.satisfaction.text}`,
    `- Business impact: ${r.impact.text}`,
    '',
    '## Key improvements this month',
    '',
    ...improvementLines(r).map((l) => `- ${l}`),
  ];
  for (const [name, rows] of [['type', r.breakdowns.type], ['environment', r.breakdowns.environment], ['service', r.breakdowns.service]] as const) {
    if (rows.length > 0) out.push('', `## By ${name}`, '', ...breakdownTable(rows));
  }
  return out.join('\n') + '\n';
}
