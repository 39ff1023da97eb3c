import type { SystemHealthReading } from '../../app/detection/index.js';
import type { IncidentDto, IncidentSummaryDto, TimelineEntryDto } from '../../app/incidents/index.js';
import { clock, complianceDeadlines, elapsed, h } from './web-html.js';

/** What the dashboard shows besides the incidents, already filtered by what the user may see. */
export interface DashboardActivity {
  /** Alerts linked to incidents, and rules that fired, newest first. */
  readonly anomalies: readonly { readonly at: string; readonly text: string; readonly incidentId?: string }[];
  /** Remediation and other actions recorded on active incidents, newest first. */
  readonly remediation: readonly { readonly at: string; readonly text: string; readonly incidentId: string }[];
}

/** How many active incidents the dashboard lists at most (the newest). */
export const ACTIVE_SHOWN = 500;

/** The dashboard (after the "Incident Monitoring Dashboard" of the product description); the live part refreshes on events. */
export function renderDashboard(live: string): string {
  return `<h1>Incident Monitoring Dashboard</h1>
<div id="dashboard-live" data-live-src="/app/fragments/dashboard" aria-live="polite">${live}</div>`;
}

/**
 * The live part: `incidents` are the active incidents as a list shows them; `flagged` are the whole
 * incidents of those flagged for compliance (their obligations and deadlines), newest first.
 */
export function renderDashboardLive(incidents: readonly IncidentSummaryDto[], flagged: readonly IncidentDto[], health: SystemHealthReading | undefined, isHealthConfigured: boolean, activity: DashboardActivity): string {
  return `<section class="panel" aria-labelledby="active-h">
<h2 id="active-h">Active Incidents (<span id="active-count">${incidents.length}${incidents.length >= ACTIVE_SHOWN ? '+' : ''}</span>)</h2>
${incidents.length >= ACTIVE_SHOWN ? `<p class="muted">The newest ${ACTIVE_SHOWN} are shown; <a href="/app/incidents?status=open">the incident list</a> filters all of them.</p>` : ''}
${incidents.length === 0 ? '<p class="muted">No active incidents.</p>' : activeTable(incidents)}
</section>
<div class="grid">
<section class="panel" aria-labelledby="health-h"><h2 id="health-h">System Health Overview</h2>${healthPanel(health, isHealthConfigured)}</section>
<section class="panel" aria-labelledby="anomalies-h"><h2 id="anomalies-h">Recent Anomalies</h2>${list(activity.anomalies, 'No anomalies lately.')}</section>
<section class="panel" aria-labelledby="remediation-h"><h2 id="remediation-h">Active Remediation</h2>${list(activity.remediation, 'No remediation actions on active incidents.')}</section>
${flagged.some((i) => complianceDeadlines(i, true) !== '') ? `<section class="panel" aria-labelledby="compliance-h"><h2 id="compliance-h">Compliance Deadlines</h2>${flagged.map((i) => complianceDeadlines(i, true)).join('')}</section>` : ''}
</div>`;
}

function activeTable(incidents: readonly IncidentSummaryDto[]): string {
  const rows = incidents.map((i) => {
    const response = i.acknowledgedAt === null ? clock(i.clocks.response.dueAt, i.declaredAt, 'ack ') : '<span class="clock met">acked</span>';
    const update = clock(i.clocks.nextUpdate.dueAt, i.lastUpdateAt ?? i.declaredAt, 'update ');
    return `<tr id="row-${h(i.id)}" data-incident="${h(i.id)}">
<td><a href="/app/incidents/${h(i.id)}">${h(i.id)}</a></td>
<td><span class="sev sev-${h(i.severity)}">${h(i.severityLabel)}</span></td>
<td>${h(i.type)}</td><td class="hide-narrow">${h(i.environment)}</td>
<td class="title"><a class="clip" href="/app/incidents/${h(i.id)}" title="${h(i.title)}">${h(i.title)}</a></td>
<td>${elapsed(i.declaredAt)}</td>
<td class="hide-narrow">${i.commander ? h(i.commander) : '<span class="muted">none</span>'}</td>
<td>${response}</td><td>${update}</td></tr>`;
  }).join('\n');
  return `<div class="table-wrap"><table id="active-incidents">
<thead><tr><th scope="col">ID</th><th scope="col">Severity</th><th scope="col">Type</th><th scope="col" class="hide-narrow">Env</th><th scope="col">Title</th><th scope="col">Elapsed</th><th scope="col" class="hide-narrow">Commander</th><th scope="col">Response</th><th scope="col">Next update</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

/** Known metric families first, in the product description's order. */
const FAMILIES: readonly [RegExp, string][] = [
  [/error/i, 'Error rate'], [/response|latency|duration/i, 'Response time'], [/throughput|requests|rps|rate/i, 'Throughput'], [/cpu/i, 'CPU usage'], [/mem/i, 'Memory usage'],
];

function healthPanel(health: SystemHealthReading | undefined, isConfigured: boolean): string {
  if (!isConfigured) return '<p class="muted" id="no-metric-source">No metric source configured. Add a <code>detection:</code> section (Prometheus, health checks or pushed metrics) to see error rate, response time, throughput, CPU and memory here.</p>';
  if (health === undefined) return '<p class="muted">Waiting for the first reading of the metric sources…</p>';
  const names = Object.keys(health.samples).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  if (names.length === 0) return '<p class="muted">The metric sources returned no values at the last reading.</p>';
  const items = names.map((name) => {
    const value = health.samples[name]!;
    const label = FAMILIES.find(([re]) => re.test(name))?.[1];
    const shown = typeof value === 'boolean' ? (value ? 'yes' : 'no') : fmt(value);
    const base = health.baselines[name];
    let change = '';
    if (typeof value === 'number' && base !== undefined) {
      const delta = value - base;
      const pct = base === 0 ? undefined : (delta / Math.abs(base)) * 100;
      const dir = delta > 0 ? '<span class="up">▲ up</span>' : delta < 0 ? '<span class="down">▼ down</span>' : 'steady';
      change = ` (${dir} ${fmt(Math.abs(delta))}${pct === undefined ? '' : `, ${fmt(Math.abs(pct))}%`} from baseline ${fmt(base)})`;
    }
    return `<li><b>${h(label ?? name)}</b>${label ? ` <span class="muted">${h(name)}</span>` : ''}: ${h(shown)}${change}</li>`;
  });
  return `<ul class="tree">${items.join('')}</ul><p class="muted">as of ${h(new Date(health.at).toISOString().slice(11, 19))} UTC</p>`;
}

function rank(name: string): number {
  const i = FAMILIES.findIndex(([re]) => re.test(name));
  return i === -1 ? FAMILIES.length : i;
}

function fmt(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
}

function list(items: readonly { at: string; text: string; incidentId?: string }[], empty: string): string {
  if (items.length === 0) return `<p class="muted">${h(empty)}</p>`;
  return `<ul class="tree">${items.map((a) => `<li><span class="muted">${h(a.at.slice(11, 16))}</span> ${a.incidentId ? `<a href="/app/incidents/${h(a.incidentId)}">${h(a.incidentId)}</a> ` : ''}<span class="long">${h(a.text)}</span></li>`).join('')}</ul>`;
}

/** The anomalies and remediation of the dashboard from recent log entries (already limited to visible incidents). */
export function summariseActivity(
  entries: readonly (TimelineEntryDto & { incidentId: string; isActive: boolean })[], health: SystemHealthReading | undefined,
): DashboardActivity {
  const newest = [...entries].reverse();
  const anomalies = [
    ...newest.filter((e) => e.kind === 'alert-linked' || e.kind === 'change-noted').map((e) => ({ at: e.at, text: e.text, incidentId: e.incidentId })),
    ...(health?.recentFirings ?? []).map((f) => ({ at: new Date(f.at).toISOString(), text: `rule ${f.rule} fired: ${f.holding.join(' and ')}` })),
  ].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 8);
  const remediation = newest.filter((e) => e.kind === 'action-recorded' && e.isActive).slice(0, 8).map((e) => ({ at: e.at, text: e.text, incidentId: e.incidentId }));
  return { anomalies, remediation };
}
