// The terminal dashboard's text, laid out as the product description's "Incident Monitoring
// Dashboard": active incidents with elapsed time, system health against baseline, recent anomalies
// and active remediation. Pure: a view and a time zone in, styled lines out.
import { DateTime } from 'luxon';
import type { DashboardView } from '../../app/dashboard/index.js';

export type Tone = 'red' | 'yellow' | 'green' | 'cyan' | 'gray';

/** A run of text with one style. */
export interface Segment {
  readonly text: string;
  readonly tone?: Tone;
  readonly bold?: boolean;
}

export type Line = readonly Segment[];

export interface LinesOptions {
  /** IANA zone the times are shown in (display_time_zone). */
  readonly timeZone: string;
  /** Where the view came from, shown in the heading: "local" or the server's origin. */
  readonly source: string;
  /** Why there is no health panel, when the view has no metric source (e.g. read locally). */
  readonly healthNote?: string;
}

const SEVERITY_TONE: Readonly<Record<string, Tone>> = { critical: 'red', high: 'yellow', medium: 'cyan', low: 'gray' };

function tree<T>(items: readonly T[], line: (item: T) => Segment[]): Line[] {
  return items.map((item, i) => [{ text: i === items.length - 1 ? '└── ' : '├── ', tone: 'gray' }, ...line(item)]);
}

function clock(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat('HH:mm');
}

export function dashboardLines(view: DashboardView, options: LinesOptions): Line[] {
  const zone = options.timeZone;
  const at = DateTime.fromISO(view.at, { zone });
  const out: Line[] = [];
  const title = 'Incident Monitoring Dashboard';
  out.push([{ text: title, bold: true }, { text: `   ${at.toFormat('HH:mm:ss')} ${at.toFormat('ZZZZ')} (UTC${at.toFormat('ZZ')}) · ${options.source}`, tone: 'gray' }]);
  out.push([{ text: '='.repeat(title.length) }]);
  out.push([]);

  const counts = Object.entries(view.counts).filter(([, n]) => n > 0);
  const labels = new Map(view.activeIncidents.map((i) => [i.severity, i.severityLabel]));
  out.push([
    { text: '[ALERT] ', tone: view.activeIncidents.length > 0 ? 'red' : 'green', bold: true },
    { text: `Active Incidents (${view.activeIncidents.length})`, bold: true },
    ...(counts.length === 0 ? [] : [{ text: `   ${counts.map(([s, n]) => `${labels.get(s) ?? s} ${n}`).join(' · ')}`, tone: 'gray' as const }]),
  ]);
  if (view.activeIncidents.length === 0) out.push([{ text: '└── ', tone: 'gray' }, { text: 'No active incidents.', tone: 'green' }]);
  out.push(...tree(view.activeIncidents, (i) => {
    const late = [i.isResponseBreached ? 'response overdue' : '', i.isUpdateOverdue ? 'update overdue' : ''].filter((s) => s !== '');
    return [
      { text: `${i.id}: `, bold: true },
      { text: `${i.title} - ${i.elapsed} elapsed` },
      { text: `  ${i.severityLabel}`, tone: SEVERITY_TONE[i.severity] ?? 'gray', bold: i.severity === 'critical' },
      { text: ` ${i.status}${i.commander === null ? ', no commander' : `, ${i.commander}`}`, tone: 'gray' },
      ...(late.length === 0 ? [] : [{ text: ` · ${late.join(', ')}`, tone: 'red' as const, bold: true }]),
    ];
  }));
  out.push([]);

  out.push([{ text: '[STATS] ', tone: 'cyan', bold: true }, { text: 'System Health Overview', bold: true }, ...(view.health.at === undefined ? [] : [{ text: `   as of ${clock(view.health.at, zone)}`, tone: 'gray' as const }])]);
  if (!view.health.isConfigured) {
    out.push([{ text: '└── ', tone: 'gray' }, { text: options.healthNote ?? 'No metric source configured (detection: prometheus, health_checks or pushed metrics).', tone: 'gray' }]);
  } else if (view.health.groups.length === 0) {
    out.push([{ text: '└── ', tone: 'gray' }, { text: 'Waiting for the first reading of the metric sources.', tone: 'gray' }]);
  } else {
    const several = view.health.groups.length > 1;
    for (const g of view.health.groups) {
      if (several) out.push([{ text: g.title, bold: true }]);
      out.push(...tree(g.rows, (r) => [
        { text: `${r.label}: ${r.valueText}` },
        ...(r.change === undefined ? [] : [{ text: ` (${r.change.direction === 'up' ? '↑' : r.change.direction === 'down' ? '↓' : '→'} ${r.change.text} from baseline)`, tone: r.change.direction === 'steady' ? 'gray' as const : 'yellow' as const }]),
      ]));
    }
  }
  out.push([]);

  out.push([{ text: '[SCAN] ', tone: 'yellow', bold: true }, { text: 'Recent Anomalies', bold: true }]);
  if (view.anomalies.length === 0) out.push([{ text: '└── ', tone: 'gray' }, { text: 'No anomalies lately.', tone: 'gray' }]);
  out.push(...tree(view.anomalies, (a) => [{ text: `${clock(a.at, zone)}: `, tone: 'gray' }, { text: a.text }, ...(a.incidentId === undefined ? [] : [{ text: ` (${a.incidentId})`, tone: 'gray' as const }])]));
  out.push([]);

  out.push([{ text: '[TOOLS] ', tone: 'green', bold: true }, { text: 'Active Remediation', bold: true }]);
  if (view.remediation.length === 0) out.push([{ text: '└── ', tone: 'gray' }, { text: 'No remediation actions on active incidents.', tone: 'gray' }]);
  out.push(...tree(view.remediation, (a) => [{ text: a.text }, { text: ` (${a.incidentId}, ${clock(a.at, zone)})`, tone: 'gray' }]));
  return out;
}

/** The lines as plain text (no colour), e.g. for `--once` into a file or a pipe. */
export function plainText(lines: readonly Line[]): string {
  return lines.map((l) => l.map((s) => s.text).join('').trimEnd()).join('\n');
}
