import type { IncidentSummaryDto } from '../../app/incidents/index.js';
import { ENVIRONMENTS, INCIDENT_TYPES, SEVERITIES } from '../../domain/classification/index.js';
import { INCIDENT_STATUSES } from '../../domain/incident/index.js';
import { nextHandOff, onCallTimeline, whoIsOnCall, type Person, type Schedule } from '../../domain/oncall/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';
import { csrfField, elapsed, h, select } from './web-html.js';

export function renderSignIn(error: string | undefined): string {
  return `<h1>Sign in</h1>
${error ? `<div class="error" role="alert">${h(error)}</div>` : ''}
<form class="panel" method="post" action="/app/sign-in">
<label for="token">API token</label>
<input id="token" name="token" type="password" autocomplete="off" required maxlength="200" size="48" autofocus>
<p class="muted">Paste a token made with <code>incident-response token create --name NAME --role ROLE</code>. The page keeps only a signed session cookie; the token itself is never stored.</p>
<p><button class="primary" type="submit">Sign in</button></p>
</form>`;
}

export interface ListQuery {
  readonly q?: string;
  readonly status?: string;
  readonly severity?: string;
  readonly type?: string;
  readonly environment?: string;
}

export function renderIncidentList(items: readonly IncidentSummaryDto[], query: ListQuery, isTruncated: boolean): string {
  const rows = items.map((i) => `<tr><td><a href="/app/incidents/${h(i.id)}">${h(i.id)}</a></td><td><span class="sev sev-${h(i.severity)}">${h(i.severityLabel)}</span></td>
<td>${h(i.type)}</td><td class="hide-narrow">${h(i.environment)}</td><td>${h(i.status)}</td>
<td class="title"><a class="clip" href="/app/incidents/${h(i.id)}" title="${h(i.title)}">${h(i.title)}</a></td><td class="hide-narrow">${h(i.declaredAt.slice(0, 16).replace('T', ' '))}</td>
<td class="hide-narrow">${i.resolvedAt === null ? elapsed(i.declaredAt) : ''}</td></tr>`).join('\n');
  return `<h1>Incidents</h1>
<form class="panel" method="get" action="/app/incidents" role="search">
<div class="fields">
<div><label for="q">Search</label><input id="q" name="q" type="search" maxlength="200" value="${h(query.q)}" placeholder="id, title or service"></div>
<div><label for="status">Status</label>${select('status', ['open', ...INCIDENT_STATUSES], query.status, { empty: 'any' })}</div>
<div><label for="severity">Severity</label>${select('severity', SEVERITIES, query.severity, { empty: 'any' })}</div>
<div><label for="type">Type</label>${select('type', INCIDENT_TYPES, query.type, { empty: 'any' })}</div>
<div><label for="environment">Environment</label>${select('environment', ENVIRONMENTS, query.environment, { empty: 'any' })}</div>
<div><button type="submit">Filter</button></div>
</div></form>
<section class="panel"><p class="muted">${items.length} incident${items.length === 1 ? '' : 's'}${isTruncated ? ' (the newest 500; narrow the filters to see older ones)' : ''}</p>
${items.length === 0 ? '<p>No incidents match.</p>' : `<div class="table-wrap"><table id="incident-list"><thead><tr><th scope="col">ID</th><th scope="col">Severity</th><th scope="col">Type</th><th scope="col" class="hide-narrow">Env</th><th scope="col">Status</th><th scope="col">Title</th><th scope="col" class="hide-narrow">Declared</th><th scope="col" class="hide-narrow">Open for</th></tr></thead><tbody>${rows}</tbody></table></div>`}
</section>`;
}

const HORIZON_MS = 7 * 86_400_000;

/** Who is on call now and next, per schedule, and a week of shifts as bars. */
export function renderOnCall(schedules: readonly Schedule[], people: readonly Person[], now: EpochMs, zone: string): string {
  if (schedules.length === 0) {
    return '<h1>On call</h1><p class="panel muted">No schedules are configured. Add <code>people:</code> and <code>schedules:</code> to incident-response.yaml (docs/oncall.md).</p>';
  }
  const name = (id: string | undefined) => (id === undefined ? 'nobody' : people.find((p) => p.id === id)?.name ?? id);
  const when = (ms: number) => new Date(ms).toLocaleString('en-GB', { timeZone: zone, weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' });
  const to = epochMs(now + HORIZON_MS);
  const sections = schedules.map((s) => {
    const current = whoIsOnCall(s, now);
    const next = nextHandOff(s, now);
    const shifts = onCallTimeline(s, now, to);
    const bars = shifts.map((sh, i) => {
      const left = ((sh.startAt - now) / HORIZON_MS) * 100;
      const width = Math.max(0.5, ((sh.endAt - sh.startAt) / HORIZON_MS) * 100);
      return `<div class="bar${i % 2 ? ' alt' : ''}" style="left:${left.toFixed(3)}%;width:${width.toFixed(3)}%" title="${h(name(sh.personId))}: ${h(when(sh.startAt))} – ${h(when(sh.endAt))}">${h(name(sh.personId))}</div>`;
    }).join('');
    return `<section class="panel" aria-labelledby="s-${h(s.id)}"><h2 id="s-${h(s.id)}">${h(s.name)}</h2>
<p>Now: <b>${h(name(current?.personId))}</b>${current?.override ? ' (override)' : ''}. Next: ${next ? `<b>${h(name(next.toPersonId))}</b> from ${h(when(next.at))}` : '<span class="muted">no change in the next 90 days</span>'}.</p>
<div class="bar-row"><span class="muted">next 7 days</span><div class="bar-track" role="img" aria-label="Shifts of ${h(s.name)} over the next 7 days">${bars}</div></div>
<ul class="tree">${shifts.slice(0, 14).map((sh) => `<li>${h(when(sh.startAt))} – ${h(when(sh.endAt))}: <b>${h(name(sh.personId))}</b>${sh.overrideId ? ' (override)' : ''}</li>`).join('')}</ul></section>`;
  });
  return `<h1>On call</h1><p class="muted">Times in ${h(zone)}.</p>${sections.join('\n')}`;
}

/** The monthly report's own HTML (tables and inline SVG charts), framed in the app. */
export function renderReports(reportHtml: string, month: string | undefined): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(reportHtml)?.[1] ?? reportHtml;
  return `<h1>Reports</h1>
<form class="panel" method="get" action="/app/reports"><div class="fields"><div><label for="month">Month</label><input id="month" name="month" type="month" value="${h(month)}"></div><div><button type="submit">Show</button></div></div></form>
<section class="panel report">${body}</section>`;
}

/** The RCA document with an edit form: root cause, impact, contributing factors, corrective actions. */
export function renderRcaPage(id: string, rcaHtml: string, csrf: string, canEdit: boolean, error?: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(rcaHtml)?.[1] ?? rcaHtml;
  const edit = canEdit ? `<form class="panel" method="post" action="/app/incidents/${h(id)}/rca">
${csrfField(csrf)}
<h2>Edit the analysis</h2>
<label for="rca-root">Root cause</label><textarea id="rca-root" name="rootCause" maxlength="4000"></textarea>
<label for="rca-impact">Impact</label><textarea id="rca-impact" name="impact" maxlength="4000"></textarea>
<label for="rca-factors">Add contributing factors (one per line)</label><textarea id="rca-factors" name="addFactors" maxlength="8000"></textarea>
<label for="rca-actions">Add corrective actions (one per line: <code>[Immediate] Add pool monitoring @alice due 2026-12-05</code>; tags Immediate, Short-term, Long-term, Process)</label><textarea id="rca-actions" name="addActions" maxlength="8000"></textarea>
<p class="muted">Fields left empty keep their value. Every edit is recorded on the incident's timeline; corrective actions become action items.</p>
<p><button class="primary" type="submit">Save</button></p>
</form>` : '';
  return `<p><a href="/app/incidents/${h(id)}">← ${h(id)}</a> · <a href="/api/v1/incidents/${h(id)}/rca?format=pdf">PDF</a> · <a href="/api/v1/incidents/${h(id)}/rca?format=markdown">Markdown</a></p>
${error ? `<div class="error" role="alert">${h(error)}</div>` : ''}
<section class="panel report">${body}</section>
${edit}`;
}
