/** @jsxImportSource @kitajs/html */
// The dashboard: banners for paging that failed, counts per severity, the active incidents (most
// severe, then breached, then oldest first; cards on a phone), health, anomalies, remediation and
// compliance deadlines. Its live part is fetched again on every event the principal may see.
import type { FastifyInstance } from 'fastify';
import type { SystemHealthReading } from '../../../app/detection/index.js';
import type { IncidentDto, IncidentSummaryDto } from '../../../app/incidents/index.js';
import { hasPermission, type Principal } from '../../../domain/access/index.js';
import { SEVERITIES } from '../../../domain/classification/index.js';
import { INCIDENT_STATUSES, isActiveStatus, type IncidentStatus } from '../../../domain/incident/index.js';
import { hasWorkingContactMethod, whoIsOnCall } from '../../../domain/oncall/index.js';
import { describeHealth, type MetricHints } from '../../../domain/health/index.js';
import { CsrfField, Sev, Since, SlaClock, When, html } from '../components.js';
import { computePagingAlarms, orderForDashboard, type PagingAlarm } from '../dashboard-order.js';
import type { WebContext } from '../web-context.js';
import type { SignedIn } from '../session-plugin.js';
import type { WebTime } from '../web-time.js';
import { ComplianceDeadlines } from './compliance-deadlines.js';

/** How many active incidents the dashboard lists at most (the newest). */
export const ACTIVE_SHOWN = 500;
const ACTIVE: IncidentStatus[] = INCIDENT_STATUSES.filter(isActiveStatus);
const FEED_WINDOW = 300;
const ACTIVITY_KINDS: ReadonlySet<string> = new Set(['alert-linked', 'change-noted', 'action-recorded', 'message-delivery', 'escalation-step']);
const SEVERITY_NAMES: Record<string, string> = { critical: 'SEV-1', high: 'SEV-2', medium: 'SEV-3', low: 'SEV-4' };

interface Activity {
  readonly anomalies: readonly { readonly at: string; readonly text: string; readonly incidentId?: string }[];
  readonly remediation: readonly { readonly at: string; readonly text: string; readonly incidentId: string }[];
}

export interface DashboardView {
  readonly principal: Principal;
  readonly csrf: string;
  readonly incidents: readonly IncidentSummaryDto[];
  readonly flagged: readonly IncidentDto[];
  readonly alarms: readonly PagingAlarm[];
  readonly health: SystemHealthReading | undefined;
  readonly isHealthConfigured: boolean;
  /** How the health panel shows each configured metric (detection.metrics and health checks). */
  readonly metricHints?: Readonly<Record<string, MetricHints>>;
  readonly activity: Activity;
  readonly time: WebTime;
}

export function registerDashboardPage(scope: FastifyInstance, ctx: WebContext): void {
  async function read(s: SignedIn): Promise<DashboardView> {
    const api = ctx.deps.apiFor(s.principal);
    const incidents = orderForDashboard(await api.list({ statuses: ACTIVE, limit: ACTIVE_SHOWN }));
    // The list carries no compliance obligations: the whole incident is read for the flagged ones only.
    const flagged = await Promise.all(incidents.filter((i) => i.complianceFlagCount > 0).map((i) => api.get(i.id)));
    const health = ctx.deps.health?.(s.principal);
    const activeIds = new Set(incidents.map((i) => i.id));
    const recent = await ctx.deps.recentActivity(s.principal, ACTIVITY_KINDS, FEED_WINDOW);
    const now = ctx.deps.clock.now();
    const unreachableOnCall = ctx.deps.schedules.flatMap((schedule) => {
      const id = whoIsOnCall(schedule, now)?.personId;
      const person = id === undefined ? undefined : ctx.deps.people.find((p) => p.id === id);
      return person !== undefined && !hasWorkingContactMethod(person) ? [{ person: person.name, schedule: schedule.name }] : [];
    });
    const alarms = computePagingAlarms({
      active: incidents,
      events: recent.filter((e) => e.entry.kind === 'message-delivery' || e.entry.kind === 'escalation-step').map((e) => ({ incidentId: e.incidentId, at: e.entry.at, kind: e.entry.kind, data: e.entry.data })),
      unreachableOnCall,
    });
    const newest = [...recent].reverse();
    const anomalies = [
      ...newest.filter((e) => e.entry.kind === 'alert-linked' || e.entry.kind === 'change-noted').map((e) => ({ at: e.entry.at, text: e.entry.text, incidentId: e.incidentId })),
      ...(health?.recentFirings ?? []).map((f) => ({ at: new Date(f.at).toISOString(), text: `rule ${f.rule} fired: ${f.holding.join(' and ')}` })),
    ].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 8);
    const remediation = newest.filter((e) => e.entry.kind === 'action-recorded' && activeIds.has(e.incidentId)).slice(0, 8).map((e) => ({ at: e.entry.at, text: e.entry.text, incidentId: e.incidentId }));
    return { principal: s.principal, csrf: s.csrf, incidents, flagged, alarms, health, isHealthConfigured: ctx.deps.health !== undefined, metricHints: ctx.deps.metricHints ?? {}, activity: { anomalies, remediation }, time: ctx.timeFor(s.principal) };
  }

  scope.get('/app', async (request, reply) => {
    const view = await read(ctx.sessions.signedIn(request));
    return ctx.page(request, reply, { title: 'Dashboard', current: 'dashboard', body: html(<DashboardPage view={view} />) });
  });
  scope.get('/app/fragments/dashboard', async (request, reply) => {
    const view = await read(ctx.sessions.signedIn(request));
    return ctx.fragment(reply, 200, html(<DashboardLive view={view} />));
  });
}

export function DashboardPage({ view }: { view: DashboardView }): JSX.Element {
  return (
    <>
      <h1>Incident Monitoring Dashboard</h1>
      <form class="search" method="get" action="/app/incidents" role="search">
        <label for="search" class="visually-hidden">Search incidents</label>
        <input id="search" name="q" type="search" maxlength="200" placeholder="Search incidents (press /)" />
        <button type="submit">Search</button>
      </form>
      <div id="dashboard-live" data-live-src="/app/fragments/dashboard">
        <DashboardLive view={view} />
      </div>
      <p class="muted hide-narrow">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous incident, <kbd>a</kbd> acknowledge it, <kbd>/</kbd> search. Times in <span safe>{view.time.zone}</span>; hover a time for UTC.</p>
    </>
  );
}

export function DashboardLive({ view }: { view: DashboardView }): JSX.Element {
  const { incidents } = view;
  const counts = SEVERITIES.map((s) => ({ s, n: incidents.filter((i) => i.severity === s).length }));
  const compliance = view.flagged.filter((i) => i.compliance.obligations.some((o) => o.dueAt !== null && ['pending', 'overdue', 'in-progress'].includes(o.status)));
  return (
    <>
      {view.alarms.length === 0 ? '' : (
        <div id="paging-alarms" role="alert"><ul class="banners">
          {view.alarms.map((a) => (
            <li class="banner">
              {a.incidentId === undefined ? '' : <><a href={`/app/incidents/${a.incidentId}`} class="id" safe>{a.incidentId}</a>{': '}</>}
              <span safe>{a.text}</span>
            </li>
          ))}
        </ul></div>
      )}
      <ul class="counts" aria-label="Active incidents per severity">
        {counts.map(({ s, n }) => <li class={`sev-count-${s}`}><b>{n}</b><span class={`sev sev-${s}`} safe>{SEVERITY_NAMES[s] ?? s}</span></li>)}
      </ul>
      <section class="panel" aria-labelledby="active-h">
        <h2 id="active-h">Active Incidents (<span id="active-count">{incidents.length}{incidents.length >= ACTIVE_SHOWN ? '+' : ''}</span>)</h2>
        {incidents.length >= ACTIVE_SHOWN ? <p class="muted">The newest {ACTIVE_SHOWN} are shown; <a href="/app/incidents?status=open">the incident list</a> filters all of them.</p> : ''}
        {incidents.length === 0 ? <p class="muted">No active incidents.</p> : <ActiveTable view={view} />}
      </section>
      <div class="grid">
        <section class="panel" aria-labelledby="health-h"><h2 id="health-h">System Health Overview</h2><HealthPanel health={view.health} isConfigured={view.isHealthConfigured} time={view.time} hints={view.metricHints ?? {}} /></section>
        <section class="panel" aria-labelledby="anomalies-h"><h2 id="anomalies-h">Recent Anomalies</h2><ActivityList items={view.activity.anomalies} empty="No anomalies lately." time={view.time} /></section>
        <section class="panel" aria-labelledby="remediation-h"><h2 id="remediation-h">Active Remediation</h2><ActivityList items={view.activity.remediation} empty="No remediation actions on active incidents." time={view.time} /></section>
        {compliance.length === 0 ? '' : <section class="panel" aria-labelledby="compliance-h"><h2 id="compliance-h">Compliance Deadlines</h2>{compliance.map((i) => <ComplianceDeadlines incident={i} withIncident time={view.time} />)}</section>}
      </div>
    </>
  );
}

function ActiveTable({ view }: { view: DashboardView }): JSX.Element {
  const canWork = hasPermission(view.principal, 'incident:work');
  return (
    <div class="table-wrap">
      <table id="active-incidents" class="cards">
        <thead>
          <tr>
            <th scope="col">ID</th><th scope="col">Severity</th><th scope="col">Title</th><th scope="col">Type</th><th scope="col" class="hide-narrow">Env</th>
            <th scope="col">Open for</th><th scope="col" class="hide-narrow">Commander</th><th scope="col">Response</th><th scope="col">Next update</th>
          </tr>
        </thead>
        <tbody>
          {view.incidents.map((i) => (
            <tr id={`row-${i.id}`} data-incident={i.id} class={i.clocks.response.state === 'overdue' ? 'breached' : undefined}>
              <td data-label="ID" class="id"><a href={`/app/incidents/${i.id}`} safe>{i.id}</a></td>
              <td data-label="Severity"><Sev severity={i.severity} label={i.severityLabel} /></td>
              <td data-label="Title" class="title"><a class="clip" href={`/app/incidents/${i.id}`} title={i.title} safe>{i.title}</a></td>
              <td data-label="Type" safe>{i.type}</td>
              <td data-label="Env" class="hide-narrow" safe>{i.environment}</td>
              <td data-label="Open for"><Since at={i.declaredAt} time={view.time} /></td>
              <td data-label="Commander" class="hide-narrow">{i.commander ? <span safe>{i.commander}</span> : <span class="muted">none</span>}</td>
              <td data-label="Response">{i.acknowledgedAt === null
                ? <SlaClock dueAt={i.clocks.response.dueAt} fromAt={i.declaredAt} state={i.clocks.response.state} label="ack " time={view.time} />
                : <span class="clock met">acked</span>}
                {canWork && i.status === 'triggered' ? (
                  <form class="row-ack" method="post" action={`/app/incidents/${i.id}/do/acknowledge`} data-ack>
                    <CsrfField csrf={view.csrf} />
                    <input type="hidden" name="back" value="dashboard" />
                    <button type="submit" aria-label={`Acknowledge ${i.id}`}>Acknowledge</button>
                  </form>
                ) : ''}
              </td>
              <td data-label="Next update"><SlaClock dueAt={i.clocks.nextUpdate.dueAt} fromAt={i.lastUpdateAt ?? i.declaredAt} state={i.clocks.nextUpdate.state} label="update " time={view.time} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The health panel as the product description shows it: grouped, each metric with its unit and its change from baseline. */
function HealthPanel(p: { health: SystemHealthReading | undefined; isConfigured: boolean; time: WebTime; hints: Readonly<Record<string, MetricHints>> }): JSX.Element {
  if (!p.isConfigured) return <p class="muted" id="no-metric-source">No metric source configured. Add a <code>detection:</code> section (Prometheus, health checks or pushed metrics) to see error rate, response time, throughput, CPU and memory here.</p>;
  const health = p.health;
  if (health === undefined) return <p class="muted">Waiting for the first reading of the metric sources…</p>;
  const groups = describeHealth(health.samples, health.baselines, p.hints);
  if (groups.length === 0) return <p class="muted">The metric sources returned no values at the last reading.</p>;
  const several = groups.length > 1;
  return (
    <>
      {groups.map((g) => (
        <>
          {several ? <h3 class="health-group" safe>{g.title}</h3> : ''}
          <ul class="tree">
            {g.rows.map((r) => (
              <li data-metric={r.metric}>
                <b safe>{r.label}</b>: <span safe>{r.valueText}</span>
                {r.change === undefined ? '' : <> (<span class={r.change.direction === 'up' ? 'up' : r.change.direction === 'down' ? 'down' : undefined} safe>{`${r.change.direction === 'up' ? '↑' : r.change.direction === 'down' ? '↓' : '→'} ${r.change.text}`}</span> from baseline)</>}
              </li>
            ))}
          </ul>
        </>
      ))}
      <p class="muted">as of <When at={new Date(health.at).toISOString()} time={p.time} isTimeOnly /></p>
    </>
  );
}

function ActivityList(p: { items: readonly { at: string; text: string; incidentId?: string }[]; empty: string; time: WebTime }): JSX.Element {
  if (p.items.length === 0) return <p class="muted" safe>{p.empty}</p>;
  return (
    <ul class="tree">
      {p.items.map((a) => (
        <li>
          <span class="muted"><When at={a.at} time={p.time} isTimeOnly /></span>{' '}
          {a.incidentId ? <><a href={`/app/incidents/${a.incidentId}`} class="id" safe>{a.incidentId}</a>{' '}</> : ''}
          <span safe>{a.text}</span>
        </li>
      ))}
    </ul>
  );
}
