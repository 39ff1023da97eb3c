import type { IncidentDto } from '../../app/incidents/index.js';
import type { Principal } from '../../domain/access/index.js';
import { INCIDENT_EVENT_KINDS } from '../../domain/incident/index.js';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function h(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** An HTML fragment built by our own renderers (already escaped). */
export interface Html {
  readonly html: string;
}

export const NAV = [
  { key: 'dashboard', href: '/app', label: 'Dashboard' },
  { key: 'incidents', href: '/app/incidents', label: 'Incidents' },
  { key: 'declare', href: '/app/incidents/new', label: 'Declare' },
  { key: 'oncall', href: '/app/oncall', label: 'On call' },
  { key: 'reports', href: '/app/reports', label: 'Reports' },
] as const;
export type NavKey = (typeof NAV)[number]['key'];

export interface PageFrame {
  readonly title: string;
  readonly principal: Principal | undefined;
  readonly csrf: string | undefined;
  readonly current?: NavKey;
  readonly body: string;
}

/** The page shell: skip link, navigation, who is signed in, sign-out (a CSRF-protected POST). */
export function renderPage(frame: PageFrame): string {
  const nav = frame.principal === undefined ? '' : `<nav aria-label="Main">${NAV.map((n) => `<a href="${n.href}"${frame.current === n.key ? ' aria-current="page"' : ''}>${n.label}</a>`).join('')}</nav>
<div class="who"><span>${h(frame.principal.name)} · ${h(frame.principal.role)}${frame.principal.teams.length ? ` · ${h(frame.principal.teams.join(', '))}` : ''}</span>
<form class="inline" method="post" action="/app/sign-out"><input type="hidden" name="_csrf" value="${h(frame.csrf)}"><button type="submit">Sign out</button></form></div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${h(frame.title)} · incident-response</title>
<link rel="stylesheet" href="/app/assets/app.css">
<script src="/app/assets/app.js" defer></script>
</head>
<body data-event-kinds="${INCIDENT_EVENT_KINDS.join(' ')}">
<a class="skip" href="#main">Skip to content</a>
<header class="top"><span class="brand">incident-response</span>${nav}</header>
<main id="main" tabindex="-1">
${frame.body}
</main>
</body>
</html>
`;
}

export function csrfField(csrf: string): string {
  return `<input type="hidden" name="_csrf" value="${h(csrf)}">`;
}

/** A select of `values` with `selected` chosen; an optional first empty choice. */
export function select(name: string, values: readonly string[], selected: string | undefined, options: { id?: string; empty?: string } = {}): string {
  const id = options.id ?? name;
  const empty = options.empty === undefined ? '' : `<option value="">${h(options.empty)}</option>`;
  return `<select id="${h(id)}" name="${h(name)}">${empty}${values.map((v) => `<option value="${h(v)}"${v === selected ? ' selected' : ''}>${h(v)}</option>`).join('')}</select>`;
}

/** An SLA clock that client-side JS ticks: amber as the due time nears, red once passed. */
export function clock(dueAt: string | null, fromAt: string | null, label: string, metAt: string | null = null): string {
  if (metAt !== null) return `<span class="clock met">${h(label)}met</span>`;
  if (dueAt === null) return '<span class="muted">—</span>';
  return `<span class="clock" data-due="${h(dueAt)}"${fromAt ? ` data-from="${h(fromAt)}"` : ''} data-label="${h(label)}">${h(label)}due ${h(dueAt.slice(11, 16))} UTC</span>`;
}

export function elapsed(sinceIso: string): string {
  return `<span data-since="${h(sinceIso)}">${h(sinceIso.slice(11, 16))} UTC</span>`;
}

/** Open compliance obligations with their deadlines (pending or late), as a list; empty string when none. */
export function complianceDeadlines(i: IncidentDto, withIncident: boolean): string {
  const open = i.compliance.obligations.filter((o) => o.dueAt !== null && (o.status === 'pending' || o.status === 'overdue' || o.status === 'in-progress'));
  if (open.length === 0) return '';
  return `<ul class="tree compliance">${open.map((o) => `<li>${withIncident ? `<a href="/app/incidents/${h(i.id)}">${h(i.id)}</a> ` : ''}<b>${h(o.title)}</b> <span class="muted">(${h(o.basis)})</span> ${clock(o.dueAt, null, '')}${o.firstNotifiedAt ? ` <span class="muted">first notified ${h(o.firstNotifiedAt.slice(0, 16).replace('T', ' '))} UTC</span>` : ''}</li>`).join('')}</ul>`;
}
