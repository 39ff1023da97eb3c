/** @jsxImportSource @kitajs/html */
// The incident room: what to do first at the top (acknowledge, post an update, add a note), a red
// banner when paging failed, paging collapsed to one line per escalation step (details on demand),
// the checklist, commander actions, the timeline, linked alerts and compliance deadlines. Buttons
// appear only for what the signed-in role may do; every action redirects back with a confirmation.
import type { PropsWithChildren } from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import type { IncidentApi, IncidentDto, TimelineEntryDto } from '../../../app/incidents/index.js';
import { hasPermission, type Principal } from '../../../domain/access/index.js';
import { INCIDENT_ROLES, INCIDENT_TYPES, PUBLIC_STATUSES, SEVERITIES, type Severity } from '../../../domain/classification/index.js';
import { COMMS_CHANNEL_LABEL, stakeholdersFor, type CommunicationMatrix } from '../../../domain/comms/index.js';
import { AppError, isAppError } from '../../../domain/errors/index.js';
import { CONTACT_METHOD_LABEL } from '../../../domain/oncall/index.js';
import { CsrfField, ErrorBox, Select, Sev, SlaClock, When, html } from '../components.js';
import { PAGING_KINDS, summarisePaging, type PagingStepLine } from '../paging-summary.js';
import type { WebContext } from '../web-context.js';
import { FORMS, parseForm } from '../web-forms.js';
import type { WebTime } from '../web-time.js';
import { ComplianceDeadlines } from './compliance-deadlines.js';

/** Timeline filters: which event kinds each shows. "All" shows everything but the paging records, which have their own panel. */
export const TIMELINE_FILTERS = {
  alerts: { label: 'Alerts', kinds: ['alert-linked', 'alert-deduplicated', 'alert-resolved', 'change-noted'] },
  pages: { label: 'Pages & deliveries', kinds: [...PAGING_KINDS] },
  acks: { label: 'Acknowledgements', kinds: ['acknowledged'] },
  updates: { label: 'Updates', kinds: ['status-updated', 'published', 'unpublished'] },
  actions: { label: 'Actions', kinds: ['declared', 'action-recorded', 'step-completed', 'step-reopened', 'role-assigned', 'severity-changed', 'type-changed', 'mitigated', 'resolved', 'reopened', 'closed'] },
  notes: { label: 'Notes', kinds: ['note-added', 'rca-updated'] },
} as const satisfies Record<string, { label: string; kinds: readonly string[] }>;
export type TimelineFilter = keyof typeof TIMELINE_FILTERS;

export function parseTimelineFilter(text: unknown): TimelineFilter | undefined {
  return typeof text === 'string' && Object.hasOwn(TIMELINE_FILTERS, text) ? (text as TimelineFilter) : undefined;
}

export interface RoomView {
  readonly incident: IncidentDto;
  readonly timeline: readonly TimelineEntryDto[];
  readonly show: TimelineFilter | undefined;
  readonly csrf: string;
  readonly principal: Principal;
  readonly matrix: CommunicationMatrix;
  readonly time: WebTime;
  readonly error?: string | undefined;
  /** Dashboard and trace links for the incident's service over its window (integrations.grafana). */
  readonly links: readonly { readonly label: string; readonly href: string }[];
}

const ACTIONS = ['acknowledge', 'mitigate', 'step', 'update', 'role', 'severity', 'type', 'resolve', 'mistake', 'reopen', 'close', 'note'] as const;
type Action = (typeof ACTIONS)[number];

async function runAction(api: IncidentApi, id: string, action: Action, body: unknown): Promise<void> {
  switch (action) {
    case 'acknowledge': await api.acknowledge(id); return;
    case 'mitigate': await api.mitigate(id, parseForm(FORMS.mitigate, body).note); return;
    case 'step': { const f = parseForm(FORMS.step, body); await api.setStep(id, f.step, f.done !== 'false'); return; }
    case 'update': { const f = parseForm(FORMS.update, body); await api.postStatusUpdate(id, f.status, f.message); return; }
    case 'role': { const f = parseForm(FORMS.role, body); await api.assignRole(id, f.role, f.person); return; }
    case 'severity': { const f = parseForm(FORMS.severity, body); await api.changeSeverity(id, f.severity, f.reason); return; }
    case 'type': { const f = parseForm(FORMS.type, body); await api.changeType(id, f.type, f.reason); return; }
    case 'resolve': await api.resolve(id, parseForm(FORMS.resolve, body).summary); return;
    case 'mistake': await api.resolve(id, parseForm(FORMS.resolve, body).summary, 'declared-by-mistake'); return;
    case 'reopen': await api.reopen(id, parseForm(FORMS.reopen, body).reason); return;
    case 'close': await api.close(id); return;
    case 'note': await api.addNote(id, parseForm(FORMS.note, body).text); return;
  }
}

export function registerIncidentRoomPage(scope: FastifyInstance, ctx: WebContext): void {
  async function view(principal: Principal, csrf: string, id: string, show: TimelineFilter | undefined, error?: string): Promise<RoomView> {
    const api = ctx.deps.apiFor(principal);
    const [incident, timeline] = await Promise.all([api.get(id), api.timeline(id)]);
    const end = incident.resolvedAt === null ? ctx.deps.clock.now() : Date.parse(incident.resolvedAt);
    const links = ctx.deps.telemetryLinks?.(incident.service ?? undefined, { fromMs: Date.parse(incident.impactStartedAt ?? incident.declaredAt), toMs: end }) ?? [];
    return { incident, timeline, show, csrf, principal, matrix: ctx.deps.matrix, time: ctx.timeFor(principal), error, links };
  }

  scope.get<{ Params: { id: string }; Querystring: { show?: string } }>('/app/incidents/:id', async (request, reply) => {
    const s = ctx.sessions.signedIn(request);
    try {
      const v = await view(s.principal, s.csrf, request.params.id, parseTimelineFilter(request.query.show));
      return await ctx.page(request, reply, { title: v.incident.id, current: 'incidents', body: html(<RoomPage v={v} />) });
    } catch (error) {
      return ctx.errorPage(request, reply, error);
    }
  });

  scope.get<{ Params: { id: string; part: string }; Querystring: { show?: string } }>('/app/fragments/incidents/:id/:part', async (request, reply) => {
    const s = ctx.sessions.signedIn(request);
    try {
      const v = await view(s.principal, s.csrf, request.params.id, parseTimelineFilter(request.query.show));
      switch (request.params.part) {
        case 'header': return ctx.fragment(reply, 200, html(<RoomHeader v={v} />));
        case 'paging': return ctx.fragment(reply, 200, html(<PagingPanel v={v} />));
        case 'checklist': return ctx.fragment(reply, 200, html(<Checklist v={v} />));
        case 'timeline': return ctx.fragment(reply, 200, html(<Timeline v={v} />));
        default: throw new AppError('NOT_FOUND', `No part ${request.params.part}.`);
      }
    } catch (error) {
      if (!isAppError(error)) throw error;
      return ctx.fragment(reply, ctx.deps.httpStatus[error.code], html(<ErrorBox message={error.message} />));
    }
  });

  scope.post<{ Params: { id: string; action: string } }>('/app/incidents/:id/do/:action', async (request, reply) => {
    const s = ctx.sessions.signedIn(request);
    const { id, action } = request.params;
    try {
      if (!(ACTIONS as readonly string[]).includes(action)) throw new AppError('NOT_FOUND', `No action '${action}'.`);
      await runAction(ctx.deps.apiFor(s.principal), id, action as Action, request.body);
      const back = (request.body as Record<string, unknown> | undefined)?.['back'] === 'dashboard' ? '/app' : `/app/incidents/${encodeURIComponent(id)}`;
      return reply.redirect(`${back}?done=${action}`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'NOT_FOUND') return ctx.errorPage(request, reply, error);
      try {
        const v = await view(s.principal, s.csrf, id, undefined, error.message);
        return await ctx.page(request, reply, { title: v.incident.id, current: 'incidents', body: html(<RoomPage v={v} />), status: ctx.deps.httpStatus[error.code] });
      } catch (again) {
        return ctx.errorPage(request, reply, again);
      }
    }
  });
}

const live = (id: string, part: string, show?: string) => `/app/fragments/incidents/${encodeURIComponent(id)}/${part}${show ? `?show=${show}` : ''}`;

function ActionForm(p: PropsWithChildren<{ id: string; action: Action; csrf: string; label: string; class?: string; primary?: boolean }>): JSX.Element {
  return (
    <form method="post" action={`/app/incidents/${encodeURIComponent(p.id)}/do/${p.action}`} class={p.class}>
      <CsrfField csrf={p.csrf} />
      {p.children ?? ''}
      <button type="submit" class={p.primary ? 'primary' : undefined} safe>{p.label}</button>
    </form>
  );
}

export function RoomPage({ v }: { v: RoomView }): JSX.Element {
  const i = v.incident;
  const canWork = hasPermission(v.principal, 'incident:work');
  const canCommand = hasPermission(v.principal, 'incident:command');
  const isOpen = !['resolved', 'closed'].includes(i.status);
  const stakeholders = stakeholdersFor(i.severity as Severity, v.matrix);
  return (
    <>
      <ErrorBox message={v.error} />
      <div id="room-header" data-live-src={live(i.id, 'header')}><RoomHeader v={v} /></div>
      {canWork ? (
        <section class="panel" aria-labelledby="respond-h">
          <h2 id="respond-h">Respond</h2>
          <div class="actions">
            {i.status === 'triggered' ? <ActionForm id={i.id} action="acknowledge" csrf={v.csrf} label="Acknowledge" primary class="inline" /> : ''}
            {i.status === 'triggered' || i.status === 'acknowledged' ? <ActionForm id={i.id} action="mitigate" csrf={v.csrf} label="Mark mitigated" class="inline" /> : ''}
            {canCommand && i.status === 'resolved' ? <><ActionForm id={i.id} action="reopen" csrf={v.csrf} label="Reopen" class="inline" /><ActionForm id={i.id} action="close" csrf={v.csrf} label="Close" class="inline" /></> : ''}
          </div>
          <div class="grid">
            <div>
              <h3 id="update-h">Status update</h3>
              <p>Goes to: {stakeholders.length
                ? stakeholders.map((st, k) => <>{k > 0 ? ', ' : ''}<b safe>{st.label}</b> <span class="muted" safe>{`(${COMMS_CHANNEL_LABEL[st.channel]})`}</span></>)
                : <span class="muted">no stakeholder group for this severity</span>}.{' '}
                Cadence: <span safe>{i.policy.updateCadence}</span>; next update {i.clocks.nextUpdate.dueAt
                  ? <SlaClock dueAt={i.clocks.nextUpdate.dueAt} fromAt={i.lastUpdate?.at ?? i.declaredAt} state={i.clocks.nextUpdate.state} label="" time={v.time} />
                  : 'not scheduled'}.</p>
              <ActionForm id={i.id} action="update" csrf={v.csrf} label="Post update">
                <label for="update-status">Public status</label>
                <Select name="status" id="update-status" values={PUBLIC_STATUSES} selected={i.publicStatus === 'resolved' ? 'monitoring' : i.publicStatus} />
                <label for="update-message">Message</label>
                <textarea id="update-message" name="message" required maxlength="4000"></textarea>
              </ActionForm>
            </div>
            <div>
              <h3>Note</h3>
              <ActionForm id={i.id} action="note" csrf={v.csrf} label="Add note">
                <label for="note-text">Add a note</label>
                <textarea id="note-text" name="text" required maxlength="4000"></textarea>
              </ActionForm>
            </div>
          </div>
        </section>
      ) : <p class="muted">You can follow this incident; acting on it needs the responder role.</p>}
      <section class="panel" aria-labelledby="paging-h">
        <h2 id="paging-h">Paging</h2>
        <div id="room-paging" data-live-src={live(i.id, 'paging')}><PagingPanel v={v} /></div>
      </section>
      <div class="grid">
        <section class="panel" aria-labelledby="checklist-h">
          <h2 id="checklist-h">Workflow checklist</h2>
          <div id="room-checklist" data-live-src={live(i.id, 'checklist')}><Checklist v={v} /></div>
        </section>
        <section class="panel" aria-labelledby="roles-h">
          <h2 id="roles-h">Roles</h2>
          <ul class="tree">{INCIDENT_ROLES.map((r) => <li>{r}: {i.roles[r] ? <b safe>{i.roles[r]}</b> : <span class="muted">unassigned</span>}</li>)}</ul>
          {canCommand ? (
            <>
              <ActionForm id={i.id} action="role" csrf={v.csrf} label="Assign">
                <div class="fields">
                  <div><label for="role-name">Role</label><Select name="role" id="role-name" values={INCIDENT_ROLES} selected="commander" /></div>
                  <div><label for="role-person">Person</label><input id="role-person" name="person" required maxlength="200" /></div>
                </div>
              </ActionForm>
              {isOpen ? (
                <>
                  <h3>Command</h3>
                  <ActionForm id={i.id} action="severity" csrf={v.csrf} label="Change severity">
                    <label for="sev-to">Escalate / change severity</label>
                    <Select name="severity" id="sev-to" values={SEVERITIES} selected={i.severity} />{' '}
                    <input name="reason" aria-label="Reason for the new severity" placeholder="reason (optional)" maxlength="2000" />{' '}
                  </ActionForm>
                  <ActionForm id={i.id} action="type" csrf={v.csrf} label="Re-classify">
                    <label for="type-to">Re-classify type</label>
                    <Select name="type" id="type-to" values={INCIDENT_TYPES} selected={i.type} />{' '}
                    <input name="reason" aria-label="Reason for the new type" placeholder="reason (optional)" maxlength="2000" />{' '}
                  </ActionForm>
                  <ActionForm id={i.id} action="resolve" csrf={v.csrf} label="Resolve">
                    <label for="resolve-summary">Resolve</label>
                    <input id="resolve-summary" name="summary" required maxlength="4000" placeholder="what fixed it" />{' '}
                  </ActionForm>
                  <ActionForm id={i.id} action="mistake" csrf={v.csrf} label="Close as declared by mistake">
                    <label for="mistake-summary">Declared by mistake</label>
                    <input id="mistake-summary" name="summary" required maxlength="4000" placeholder="why nothing was wrong" />{' '}
                    <span class="muted">The record stays; reports leave it out of MTTR and it closes without a review.</span>{' '}
                  </ActionForm>
                </>
              ) : ''}
            </>
          ) : ''}
        </section>
      </div>
      <section class="panel" aria-labelledby="timeline-h">
        <h2 id="timeline-h">Timeline</h2>
        <nav class="filters" aria-label="Timeline filter">
          <a href={`/app/incidents/${i.id}#timeline-h`} aria-current={v.show === undefined ? 'true' : undefined}>All</a>
          {Object.entries(TIMELINE_FILTERS).map(([k, f]) => <a href={`/app/incidents/${i.id}?show=${k}#timeline-h`} aria-current={v.show === k ? 'true' : undefined}>{f.label}</a>)}
        </nav>
        <div id="room-timeline" data-live-src={live(i.id, 'timeline', v.show)}><Timeline v={v} /></div>
      </section>
      <section class="panel" aria-labelledby="alerts-h"><h2 id="alerts-h">Linked alerts</h2><LinkedAlerts v={v} /></section>
      <p><a href={`/app/incidents/${i.id}/rca`}>Root-cause analysis</a> <span class="muted">(timeline reconstructed from the events; edit root cause, factors and corrective actions)</span></p>
      {i.compliance.flags.length > 0 ? (
        <section class="panel" aria-labelledby="compliance-h">
          <h2 id="compliance-h">Compliance deadlines</h2>
          <p>Flagged: {i.compliance.flags.map((f, k) => <>{k > 0 ? ', ' : ''}<b safe>{f.label}</b> <span class="muted">(aware <When at={f.awareAt} time={v.time} />)</span></>)}. Record a notification with <code safe>{`incident-response compliance notify ${i.id} REGIME --to …`}</code>.</p>
          {i.compliance.obligations.some((o) => o.dueAt !== null && ['pending', 'overdue', 'in-progress'].includes(o.status)) ? <ComplianceDeadlines incident={i} time={v.time} /> : <p class="muted">Every notification is recorded.</p>}
        </section>
      ) : ''}
    </>
  );
}

export function RoomHeader({ v }: { v: RoomView }): JSX.Element {
  const i = v.incident;
  const failed = i.acknowledgedAt === null && !['resolved', 'closed'].includes(i.status) ? summarisePaging(v.timeline).filter((l) => l.hasFailure) : [];
  return (
    <>
      {failed.length > 0 || (i.acknowledgedAt === null && i.clocks.response.state === 'overdue') ? (
        <div id="room-alarms" role="alert"><ul class="banners">
          {i.acknowledgedAt === null && i.clocks.response.state === 'overdue' ? <li class="banner">Not acknowledged in time: nobody has acknowledged this incident.</li> : ''}
          {failed.map((l) => <li class="banner" safe>{`Paging failed at ${l.label}: ${l.attempts.filter((a) => a.status !== 'delivered' && a.status !== 'pending').map(describeAttempt).join('; ')}`}</li>)}
        </ul></div>
      ) : ''}
      <h1 class="long"><Sev severity={i.severity} label={i.severityLabel} /> <span class="id" safe>{i.id}</span>: <span safe>{i.title}</span></h1>
      <div class="facts">
        <span>Status: <b safe>{i.status}</b></span>
        <span>Public: <b safe>{i.publicStatus}</b></span>
        <span>Declared <When at={i.declaredAt} time={v.time} /> by <span safe>{i.declaredBy}</span></span>
        <span>Response: {i.acknowledgedAt
          ? <>acknowledged <When at={i.acknowledgedAt} time={v.time} /> by <span safe>{i.acknowledgedBy ?? '?'}</span></>
          : <SlaClock dueAt={i.clocks.response.dueAt} fromAt={i.declaredAt} state={i.clocks.response.state} label="ack " time={v.time} />}</span>
        {i.service ? <span>Service: <b safe>{i.service}</b></span> : ''}
        <span>Environment: <span safe>{i.environment}</span></span>
        <span>Commander: {i.roles['commander'] ? <b safe>{i.roles['commander']}</b> : <span class="muted">none</span>}</span>
      </div>
      <p class="muted" safe>{`Policy: respond within ${i.policy.respondWithin}; ${i.policy.escalation}`}</p>
      {i.lastUpdate ? <p class="long"><b safe>{i.lastUpdate.status}</b>: <span safe>{i.lastUpdate.message}</span> <span class="muted">— <span safe>{i.lastUpdate.by}</span>, <When at={i.lastUpdate.at} time={v.time} /></span></p> : ''}
      {i.resolutionSummary ? <p class="long">Resolved: <span safe>{i.resolutionSummary}</span></p> : ''}
      {i.impact ? <p class="long" id="impact">Impact: <span safe>{i.impact.text}</span>{i.impact.assessedBy ? <span class="muted"> — assessed by <span safe>{i.impact.assessedBy}</span></span> : ''}</p> : ''}
      {i.satisfaction ? <p>Customer satisfaction: <b safe>{`${i.satisfaction.average.toFixed(1)}/5.0`}</b> <span class="muted" safe>{`from ${i.satisfaction.responses} answer${i.satisfaction.responses === 1 ? '' : 's'}`}</span></p> : ''}
      {v.links.length > 0 ? <p class="links" id="telemetry-links">Dashboards and traces: {v.links.map((l, k) => <>{k > 0 ? ' · ' : ''}<a href={l.href} rel="noopener noreferrer" target="_blank" safe>{l.label}</a></>)}</p> : ''}
    </>
  );
}

const via = (kind: string) => (Object.hasOwn(CONTACT_METHOD_LABEL, kind) ? CONTACT_METHOD_LABEL[kind as keyof typeof CONTACT_METHOD_LABEL] : kind);

function describeAttempt(a: { who: string; via: string; status: string; detail: string }): string {
  if (a.status === 'unreachable') return `${a.who}: no way to reach them`;
  const mark = a.status === 'delivered' ? '✓' : a.status === 'pending' ? '…' : a.status === 'cancelled' || a.status === 'bundled' ? '–' : '✗';
  return `${a.who} by ${via(a.via)} ${mark}${a.status === 'delivered' ? '' : ` ${a.status}`}${a.detail && a.status !== 'delivered' ? ` — ${a.detail}` : ''}`;
}

export function PagingPanel({ v }: { v: RoomView }): JSX.Element {
  const lines: PagingStepLine[] = summarisePaging(v.timeline);
  if (lines.length === 0) return <p class="muted">No pages sent for this incident.</p>;
  return (
    <div class="paging">
      {lines.map((l) => (
        <details data-failed={l.hasFailure ? 'true' : undefined}>
          <summary><b safe>{l.label}</b>{' '}<When at={l.at} time={v.time} isTimeOnly />:{' '}
            {l.attempts.length === 0 ? <span class="muted">nobody paged</span> : l.attempts.map((a, k) => <>{k > 0 ? '; ' : ''}<span class={a.status === 'delivered' ? 'ok' : a.status === 'pending' || a.status === 'cancelled' || a.status === 'bundled' ? undefined : 'bad'} safe>{describeAttempt(a)}</span></>)}
          </summary>
          <ol class="timeline">{l.entries.map((e) => <li data-kind={e.kind}><span class="muted"><When at={e.at} time={v.time} isTimeOnly /></span> <span safe>{e.text}</span></li>)}</ol>
        </details>
      ))}
    </div>
  );
}

export function Checklist({ v }: { v: RoomView }): JSX.Element {
  const c = v.incident.checklist;
  const canWork = hasPermission(v.principal, 'incident:work');
  return (
    <>
      <p><span safe>{c.title}</span>: {c.done}/{c.total} done{c.overdue ? <>, <b class="up">{c.overdue} overdue</b></> : ''}</p>
      {c.phases.map((p) => (
        <>
          <h3><span safe>{`${p.marker} ${p.title}`}</span> <span class="muted" safe>{p.window}</span></h3>
          <ul class="steps">
            {p.steps.map((st) => {
              const done = st.status === 'done';
              const overdue = st.status === 'overdue';
              return (
                <li class={done ? 'done' : overdue ? 'overdue' : undefined} data-step={st.key}>
                  <span class="step-title" safe>{`${st.number} ${st.title}`}</span>
                  {overdue ? <b class="up">overdue</b> : ''}
                  {done ? <span class="muted" safe>{`done by ${st.completedBy ?? '?'}`}</span> : st.dueAt ? <SlaClock dueAt={st.dueAt} fromAt={p.startsAt} state={overdue ? 'overdue' : 'running'} label="" time={v.time} /> : ''}
                  {canWork ? (
                    <form class="inline" method="post" action={`/app/incidents/${encodeURIComponent(v.incident.id)}/do/step`}>
                      <CsrfField csrf={v.csrf} />
                      <input type="hidden" name="step" value={st.key} />
                      <input type="hidden" name="done" value={done ? 'false' : 'true'} />
                      <button type="submit">{done ? 'Reopen' : 'Complete'}<span class="visually-hidden" safe>{` step ${st.number} ${st.title}`}</span></button>
                    </form>
                  ) : ''}
                </li>
              );
            })}
          </ul>
        </>
      ))}
    </>
  );
}

export function Timeline({ v }: { v: RoomView }): JSX.Element {
  const kinds: readonly string[] | undefined = v.show === undefined ? undefined : TIMELINE_FILTERS[v.show].kinds;
  const shown = kinds === undefined ? v.timeline.filter((e) => !PAGING_KINDS.has(e.kind)) : v.timeline.filter((e) => kinds.includes(e.kind));
  if (shown.length === 0) return <p class="muted">Nothing here yet.</p>;
  return (
    <ol class="timeline" reversed="">
      {[...shown].reverse().map((e) => <li data-kind={e.kind}><span class="muted"><When at={e.at} time={v.time} /></span> <b safe>{e.actor}</b> <span safe>{e.text}</span></li>)}
    </ol>
  );
}

function LinkedAlerts({ v }: { v: RoomView }): JSX.Element {
  const alerts = v.timeline.filter((e) => e.kind === 'alert-linked' || e.kind === 'alert-resolved');
  if (alerts.length === 0) return <p class="muted">No alerts are linked to this incident.</p>;
  return <ul class="tree">{alerts.map((e) => <li><span class="muted"><When at={e.at} time={v.time} isTimeOnly /></span> <span safe>{e.text}</span></li>)}</ul>;
}
