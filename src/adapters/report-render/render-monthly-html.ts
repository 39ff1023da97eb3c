import { SEVERITIES, SEVERITY_LABEL } from '../../domain/classification/index.js';
import type { BreakdownRow, MonthlyReport } from '../../domain/reporting/index.js';
import { escapeHtml } from './escape-html.js';
import { formatInstant, formatShare, formatSpan, severityHeading } from './format-report-values.js';
import { htmlPage } from './html-page.js';
import { improvementLines, slaLine } from './render-monthly-terminal.js';
import { renderSvgBarChart } from './svg-bar-chart.js';

const e = escapeHtml;

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function breakdown(name: string, rows: readonly BreakdownRow[]): string {
  if (rows.length === 0) return '';
  return `<h2>By ${e(name)}</h2>
${renderSvgBarChart(`Incidents by ${name}`, rows.map((r) => ({ label: r.key, value: r.total })))}
${table([name.charAt(0).toUpperCase() + name.slice(1), 'Incidents', 'Resolved', 'MTTR (mean)', 'MTTR (median)'], rows.map((r) => [r.key, String(r.total), String(r.resolved), formatSpan(r.resolve.meanMs), formatSpan(r.resolve.medianMs)]))}`;
}

/** The monthly report as one HTML page with inline SVG bar charts (no JavaScript). */
export function renderMonthlyHtml(r: MonthlyReport): string {
  const c = r.current;
  const p = r.previous;
  const minutes = (ms: number | null) => (ms === null ? 0 : ms / 60_000);
  const compare = (name: string, cur: number | null, prev: number | null) => [
    { label: `${name}, ${r.previousMonth.name}`, value: minutes(prev), text: formatSpan(prev) },
    { label: `${name}, ${r.month.name}`, value: minutes(cur), text: formatSpan(cur) },
  ];
  const body = `<h1>Monthly Incident Report: ${e(r.month.label)}</h1>
<p class="muted">Incidents declared from ${e(formatInstant(r.month.startAt, r.month.zone))} to ${e(formatInstant(r.month.endAt, r.month.zone))} (${e(r.month.zone)}); generated ${e(formatInstant(r.generatedAt, r.month.zone))}.</p>
<h2>Incident statistics</h2>
${renderSvgBarChart('Incidents by severity', SEVERITIES.map((s) => ({ label: SEVERITY_LABEL[s].label, value: c.bySeverity[s] })))}
${table(['Severity', 'Incidents', r.previousMonth.name], [...SEVERITIES.map((s) => [severityHeading(s), String(c.bySeverity[s]), String(p.bySeverity[s])]), ['Total', String(c.total), String(p.total)]])}
<h2>Response time metrics</h2>
${table(['Metric', 'Mean', 'Median', 'Count'], [
  ['Time to detection (MTTD)', formatSpan(c.detect.meanMs), formatSpan(c.detect.medianMs), String(c.detect.count)],
  ['Time to acknowledge (MTTA)', formatSpan(c.acknowledge.meanMs), formatSpan(c.acknowledge.medianMs), String(c.acknowledge.count)],
  ['Time to resolution (MTTR)', formatSpan(c.resolve.meanMs), formatSpan(c.resolve.medianMs), String(c.resolve.count)],
])}
${renderSvgBarChart(`Mean times, ${r.previousMonth.name} vs. ${r.month.name}`, [
  ...compare('MTTA', c.acknowledge.meanMs, p.acknowledge.meanMs),
  ...compare('MTTR', c.resolve.meanMs, p.resolve.meanMs),
])}
<p>Resolved within SLA: ${e(formatShare(c.slaShare))} (${c.withinSla} of ${c.total}); ${e(r.previousMonth.name)}: ${e(formatShare(p.slaShare))}.</p>
<h2>Trends and improvements</h2>
<ul>${[...r.trends.filter((t) => t.metric !== 'sla').map((t) => t.text), slaLine(r), r.trends.find((t) => t.metric === 'sla')!.text, `Customer satisfaction: ${r.satisfaction.text}`, `Business impact: ${r.impact.text}`].map((l) => `<li>${e(l)}</li>`).join('')}</ul>
<h2>Key improvements this month</h2>
<ul>${improvementLines(r).map((l) => `<li>${e(l)}</li>`).join('')}</ul>
${breakdown('type', r.breakdowns.type)}
${breakdown('environment', r.breakdowns.environment)}
${breakdown('service', r.breakdowns.service)}`;
  return htmlPage(`Monthly Incident Report: ${r.month.label}`, body);
}
