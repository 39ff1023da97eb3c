import type { DeclarationReceipt, IncidentDto, TimelineEntryDto } from '../../app/incidents/index.js';
import { ENVIRONMENTS, INCIDENT_ROLES, INCIDENT_TYPES, PUBLIC_STATUSES, SEVERITIES, type Severity } from '../../domain/classification/index.js';
import { COMMS_CHANNEL_LABEL, stakeholdersFor, type CommunicationMatrix } from '../../domain/comms/index.js';
import { clock, complianceDeadlines, csrfField, elapsed, h, select } from './web-html.js';

/** Timeline filters: which event kinds each shows. Kinds not listed (added later) appear under "All". */
export const TIMELINE_FILTERS = {
  alerts: { label: 'Alerts', kinds: ['alert-linked', 'alert-deduplicated', 'alert-resolved', 'change-noted'] },
  pages: { label: 'Pages & deliveries', kinds: ['escalation-started', 'escalation-step', 'escalation-stopped', 'message-delivery'] },
  acks: { label: 'Acknowledgements', kinds: ['acknowledged'] },
  updates: { label: 'Updates', kinds: ['status-updated', 'published', 'unpublished'] },
  actions: { label: 'Actions', kinds: ['declared', 'action-recorded', 'step-completed', 'step-reopened', 'role-assigned', 'severity-changed', 'type-changed', 'mitigated', 'resolved', 'reopened', 'closed'] },
  notes: { label: 'Notes', kinds: ['note-added', 'rca-updated'] },
} as const satisfies Record<string, { label: string; kinds: readonly string[] }>;
export type TimelineFilter = keyof typeof TIMELINE_FILTERS;

export function parseTimelineFilter(text: string | undefined): TimelineFilter | undefined {
  return text !== undefined && Object.hasOwn(TIMELINE_FILTERS, text) ? (text as TimelineFilter) : undefined;
}

export interface RoomView {
  readonly incident: IncidentDto;
  readonly timeline: readonly TimelineEntryDto[];
  readonly show: TimelineFilter | undefined;
  readonly csrf: string;
  readonly matrix: CommunicationMatrix;
  readonly error?: string;
}

const live = (id: string, part: string, show?: string) => `/app/fragments/incidents/${encodeURIComponent(id)}/${part}${show ? `?show=${show}` : ''}`;

export function renderRoom(v: RoomView): string {
  const i = v.incident;
  const act = (action: string) => `/app/incidents/${h(i.id)}/do/${action}`;
  const form = (action: string, inner: string, label: string, extra = '') => `<form method="post" action="${act(action)}"${extra}>${csrfField(v.csrf)}${inner}<button type="submit">${h(label)}</button></form>`;
  const isOpen = !['resolved', 'closed'].includes(i.status);
  const stakeholders = stakeholdersFor(i.severity as Severity, v.matrix);
  return `${v.error ? `<div class="error" role="alert">${h(v.error)}</div>` : ''}
<div id="room-header" data-live-src="${live(i.id, 'header')}">${renderRoomHeader(i)}</div>
<div class="grid">
<section class="panel" aria-labelledby="checklist-h"><h2 id="checklist-h">Workflow checklist</h2>
<div id="room-checklist" data-live-src="${live(i.id, 'checklist')}">${renderChecklist(i, v.csrf)}</div></section>
<section class="panel" aria-labelledby="actions-h"><h2 id="actions-h">Actions</h2>
<div class="fields">
${i.status === 'triggered' ? form('acknowledge', '', 'Acknowledge', ' class="inline"') : ''}
${i.status === 'triggered' || i.status === 'acknowledged' ? form('mitigate', '', 'Mark mitigated', ' class="inline"') : ''}
${!isOpen && i.status === 'resolved' ? form('reopen', '', 'Reopen', ' class="inline"') + form('close', '', 'Close', ' class="inline"') : ''}
</div>
${isOpen ? `${form('severity', `<label for="sev-to">Escalate / change severity</label>${select('severity', SEVERITIES, i.severity, { id: 'sev-to' })} <input name="reason" aria-label="Reason" placeholder="reason (optional)" maxlength="2000"> `, 'Change severity')}
${form('type', `<label for="type-to">Re-classify type</label>${select('type', INCIDENT_TYPES, i.type, { id: 'type-to' })} <input name="reason" aria-label="Reason for the new type" placeholder="reason (optional)" maxlength="2000"> `, 'Re-classify')}
${form('resolve', `<label for="resolve-summary">Resolve</label><input id="resolve-summary" name="summary" required maxlength="4000" placeholder="what fixed it"> `, 'Resolve')}` : ''}
<h2 id="roles-h">Roles</h2>
<ul class="tree">${INCIDENT_ROLES.map((r) => `<li>${h(r)}: ${i.roles[r] ? `<b>${h(i.roles[r])}</b>` : '<span class="muted">unassigned</span>'}</li>`).join('')}</ul>
${form('role', `<div class="fields"><div><label for="role-name">Role</label>${select('role', INCIDENT_ROLES, 'commander', { id: 'role-name' })}</div><div><label for="role-person">Person</label><input id="role-person" name="person" required maxlength="200"></div></div> `, 'Assign')}
</section>
</div>
<section class="panel" aria-labelledby="update-h"><h2 id="update-h">Status update</h2>
<p>Goes to: ${stakeholders.length ? stakeholders.map((s) => `<b>${h(s.label)}</b> <span class="muted">(${h(COMMS_CHANNEL_LABEL[s.channel])})</span>`).join(', ') : '<span class="muted">no stakeholder group for this severity</span>'}.
Cadence: ${h(i.policy.updateCadence)}; next update ${i.clocks.nextUpdate.dueAt ? `due ${clock(i.clocks.nextUpdate.dueAt, i.lastUpdate?.at ?? i.declaredAt, '')}` : 'not scheduled'} — posting sets the next one.</p>
${form('update', `<div class="fields"><div><label for="update-status">Public status</label>${select('status', PUBLIC_STATUSES, i.publicStatus === 'resolved' ? 'monitoring' : i.publicStatus, { id: 'update-status' })}</div></div><label for="update-message">Message</label><textarea id="update-message" name="message" required maxlength="4000"></textarea>`, 'Post update')}
</section>
<section class="panel" aria-labelledby="timeline-h"><h2 id="timeline-h">Timeline</h2>
<nav class="filters" aria-label="Timeline filter"><a href="/app/incidents/${h(i.id)}#timeline-h"${v.show === undefined ? ' aria-current="true"' : ''}>All</a>${Object.entries(TIMELINE_FILTERS).map(([k, f]) => `<a href="/app/incidents/${h(i.id)}?show=${k}#timeline-h"${v.show === k ? ' aria-current="true"' : ''}>${h(f.label)}</a>`).join('')}</nav>
<div id="room-timeline" data-live-src="${live(i.id, 'timeline', v.show)}">${renderTimeline(v.timeline, v.show)}</div>
${form('note', '<label for="note-text">Add a note</label><textarea id="note-text" name="text" required maxlength="4000"></textarea>', 'Add note')}
</section>
<section class="panel" aria-labelledby="alerts-h"><h2 id="alerts-h">Linked alerts</h2>${linkedAlerts(v.timeline)}</section>
<p><a href="/app/incidents/${h(i.id)}/rca">Root-cause analysis</a> <span class="muted">(timeline reconstructed from the events; edit root cause, factors and corrective actions)</span></p>
${i.compliance.flags.length > 0 ? `<section class="panel" aria-labelledby="compliance-h"><h2 id="compliance-h">Compliance deadlines</h2>
<p>Flagged: ${i.compliance.flags.map((f) => `<b>${h(f.label)}</b> <span class="muted">(aware ${h(f.awareAt.slice(0, 16).replace('T', ' '))} UTC)</span>`).join(', ')}. Record a notification with <code>incident-response compliance notify ${h(i.id)} REGIME --to …</code>.</p>
${complianceDeadlines(i, false) || '<p class="muted">Every notification is recorded.</p>'}</section>` : ''}`;
}

export function renderRoomHeader(i: IncidentDto): string {
  return `<h1 class="long"><span class="sev sev-${h(i.severity)}">${h(i.severityLabel)}</span> ${h(i.id)}: ${h(i.title)}</h1>
<div class="facts"><span>Type <b>${h(i.type)}</b></span><span>Environment <b>${h(i.environment)}</b></span><span>Status <b id="room-status">${h(i.status)}</b></span>
${i.service ? `<span>Service <b>${h(i.service)}</b></span>` : ''}<span>Elapsed ${elapsed(i.declaredAt)}</span>
<span>Response ${clock(i.clocks.response.dueAt, i.declaredAt, '', i.clocks.response.metAt)}</span>
<span>Next update ${clock(i.clocks.nextUpdate.dueAt, i.lastUpdate?.at ?? i.declaredAt, '')}</span>
<span>Policy: respond within ${h(i.policy.respondWithin)}; ${h(i.policy.escalation)}</span></div>
${i.lastUpdate ? `<p class="long"><b>${h(i.lastUpdate.status)}</b>: ${h(i.lastUpdate.message)} <span class="muted">— ${h(i.lastUpdate.by)}, ${h(i.lastUpdate.at.slice(11, 16))} UTC</span></p>` : ''}`;
}

export function renderChecklist(i: IncidentDto, csrf: string): string {
  const c = i.checklist;
  return `<p>${h(c.title)}: ${c.done}/${c.total} done${c.overdue ? `, <b class="up">${c.overdue} overdue</b>` : ''}</p>
${c.phases.map((p) => `<h3>${h(p.marker)} ${h(p.title)} <span class="muted">${h(p.window)}</span></h3>
<ul class="steps">${p.steps.map((s) => {
    const done = s.status === 'done';
    const overdue = s.status === 'overdue';
    return `<li class="${done ? 'done' : overdue ? 'overdue' : ''}" data-step="${h(s.key)}"><span class="step-title long">${h(s.number)} ${h(s.title)}</span>
${overdue ? '<b class="up">overdue</b>' : ''}${done ? `<span class="muted">done by ${h(s.completedBy ?? '?')}</span>` : s.dueAt ? clock(s.dueAt, p.startsAt, '') : ''}
<form class="inline" method="post" action="/app/incidents/${h(i.id)}/do/step">${csrfField(csrf)}<input type="hidden" name="step" value="${h(s.key)}"><input type="hidden" name="done" value="${done ? 'false' : 'true'}"><button type="submit" aria-label="${done ? 'Reopen' : 'Complete'} step ${h(s.number)} ${h(s.title)}">${done ? 'Reopen' : 'Done'}</button></form></li>`;
  }).join('')}</ul>`).join('')}`;
}

export function renderTimeline(entries: readonly TimelineEntryDto[], show: TimelineFilter | undefined): string {
  const kinds: readonly string[] | undefined = show === undefined ? undefined : TIMELINE_FILTERS[show].kinds;
  const shown = kinds === undefined ? entries : entries.filter((e) => kinds.includes(e.kind));
  if (shown.length === 0) return '<p class="muted">Nothing here yet.</p>';
  return `<ol class="timeline" reversed>${[...shown].reverse().map((e) => `<li data-kind="${h(e.kind)}"><span class="muted">${h(e.at.slice(0, 10))} ${h(e.at.slice(11, 19))}</span> <b>${h(e.actor)}</b> <span class="long">${h(e.text)}</span></li>`).join('')}</ol>`;
}

function linkedAlerts(entries: readonly TimelineEntryDto[]): string {
  const alerts = entries.filter((e) => e.kind === 'alert-linked' || e.kind === 'alert-resolved');
  if (alerts.length === 0) return '<p class="muted">No alerts are linked to this incident.</p>';
  return `<ul class="tree">${alerts.map((e) => `<li><span class="muted">${h(e.at.slice(11, 16))}</span> <span class="long">${h(e.text)}</span></li>`).join('')}</ul>`;
}

/** The declare form, mirroring `incident-response <severity> <type> <environment> --title --service`. */
export function renderDeclareForm(csrf: string, error?: string, values: Record<string, string> = {}): string {
  return `<h1>Declare an incident</h1>
${error ? `<div class="error" role="alert">${h(error)}</div>` : ''}
<form class="panel" method="post" action="/app/incidents">${csrfField(csrf)}
<div class="fields">
<div><label for="severity">Severity</label>${select('severity', SEVERITIES, values['severity'] ?? 'high')}</div>
<div><label for="type">Type</label>${select('type', INCIDENT_TYPES, values['type'] ?? 'outage')}</div>
<div><label for="environment">Environment</label>${select('environment', ENVIRONMENTS, values['environment'] ?? 'production')}</div>
</div>
<label for="title">Title</label><input id="title" name="title" maxlength="2000" value="${h(values['title'])}" placeholder="what is wrong, in a few words">
<label for="service">Service</label><input id="service" name="service" maxlength="100" value="${h(values['service'])}">
<label for="summary">Summary</label><textarea id="summary" name="summary" maxlength="4000">${h(values['summary'])}</textarea>
<p><button class="primary" type="submit">Declare</button></p>
</form>`;
}

/**
 * After declaring an incident the declarer may not see (a security incident declared outside the
 * security team): the receipt instead of a room that would answer 404.
 */
export function renderDeclarationReceipt(r: DeclarationReceipt): string {
  return `<h1>${h(r.id)} handed to the ${h(r.handedTo)} team</h1>
<div class="panel" role="status">
<p><b>${h(r.severityLabel)} ${h(r.type)}</b> · ${h(r.title)}</p>
<p>Declared ${h(r.declaredAt.slice(0, 10))} ${h(r.declaredAt.slice(11, 16))} UTC.</p>
<p>${h(r.message)}</p>
</div>
<p><a href="/app/incidents/new">Declare another incident</a></p>`;
}
