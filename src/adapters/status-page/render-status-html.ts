import type { ComponentView, MaintenanceView, StatusPageSnapshot } from '../../app/status-page/index.js';
import { COMPONENT_STATUS_LABEL, type PublicIncident } from '../../domain/status-page/index.js';
import { escapeHtml as h, formatClock, formatDateTime, formatDay } from './format-page-time.js';
import { STATUS_PAGE_CSS } from './status-page-style.js';

/** The public page as one self-contained HTML document (inline CSS, no script). */
export function renderStatusHtml(s: StatusPageSnapshot): string {
  const zone = s.page.timeZone;
  const current = s.incidents.filter((i) => i.resolvedAt === undefined);
  const past = s.incidents.filter((i) => i.resolvedAt !== undefined);
  const inMaintenance = s.status.indicator === 'none' && s.components.some((c) => c.status === 'under_maintenance');
  const bannerClass = inMaintenance ? 'maintenance' : s.status.indicator === 'none' ? 'ok' : s.status.indicator;
  const upcoming = s.maintenances.filter((m) => m.status !== 'completed');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(s.page.name)}</title>
<link rel="alternate" type="application/rss+xml" title="${h(s.page.name)} (RSS)" href="status/feed.rss">
<link rel="alternate" type="application/atom+xml" title="${h(s.page.name)} (Atom)" href="status/feed.atom">
<style>${STATUS_PAGE_CSS}</style>
</head>
<body>
<main>
<h1>${h(s.page.name)}</h1>
<div class="banner ${bannerClass}" role="status">${h(s.status.description)}</div>
${current.length ? `<h2>Current incidents</h2>\n${current.map((i) => incidentCard(i, zone, s.now, s)).join('\n')}` : ''}
${upcoming.length ? `<h2>Scheduled maintenance</h2>\n${upcoming.map((m) => maintenanceCard(m, zone, s)).join('\n')}` : ''}
<h2>Components</h2>
${groups(s.components).map(([group, items]) => `${group ? `<h3>${h(group)}</h3>\n` : ''}${items.map((c) => componentCard(c)).join('\n')}`).join('\n')}
<h2>Past incidents (90 days)</h2>
${past.length ? `<ul class="history">\n${past.map((i) => `<li id="${h(i.id)}"><b>${h(i.title)}</b> <span class="muted">— ${h(formatDateTime(i.startedAt, zone))} to ${h(formatDateTime(i.resolvedAt!, zone))}, ${h(i.impact)} impact${componentNames(i, s)}</span>${i.updates.map((u) => updateLine(u, zone)).join('')}</li>`).join('\n')}\n</ul>` : '<p class="muted">No incidents in the last 90 days.</p>'}
${subscribeForm(s)}
<footer>Updated ${h(formatDateTime(s.updatedAt, zone))} · <a href="status/feed.rss">RSS</a> · <a href="status/feed.atom">Atom</a> · <a href="api/v2/summary.json">JSON</a></footer>
</main>
</body>
</html>
`;
}

function groups(components: readonly ComponentView[]): [string | undefined, ComponentView[]][] {
  const out: [string | undefined, ComponentView[]][] = [];
  for (const c of components) {
    const last = out[out.length - 1];
    if (last && last[0] === c.component.group) last[1].push(c);
    else out.push([c.component.group, [c]]);
  }
  return out;
}

function componentCard(c: ComponentView): string {
  const bars = c.uptime.days.map((d) => `<span class="${d.worst}" title="${h(formatDay(d.dayStart))}: ${h(COMPONENT_STATUS_LABEL[d.worst])}"></span>`).join('');
  return `<div class="card"><div class="component"><span class="name">${h(c.component.name)}</span><span class="s-${c.status}">${h(COMPONENT_STATUS_LABEL[c.status])}</span></div>
${c.component.description ? `<div class="muted">${h(c.component.description)}</div>` : ''}<div class="bars" aria-hidden="true">${bars}</div><div class="muted">${c.uptime.percent.toFixed(2)}% uptime over 90 days</div></div>`;
}

function componentNames(i: PublicIncident, s: StatusPageSnapshot): string {
  const names = s.components.filter((c) => i.componentIds.includes(c.component.id)).map((c) => c.component.name);
  return names.length ? ` · ${h(names.join(', '))}` : '';
}

function updateLine(u: PublicIncident['updates'][number], zone: string): string {
  return `<div class="update"><b>${h(u.status)}</b> <span class="muted">${h(formatDateTime(u.at, zone))}</span><br>${h(u.body)}</div>`;
}

function incidentCard(i: PublicIncident, zone: string, now: number, s: StatusPageSnapshot): string {
  const next = i.nextUpdateAt === undefined ? '' : `<div class="next">Next update by ${h(formatClock(i.nextUpdateAt, zone, now))}</div>`;
  return `<div class="card" id="${h(i.id)}"><div class="component"><span class="name">${h(i.title)}</span><span class="muted">${h(i.impact)} impact</span></div>
<div class="muted">Since ${h(formatDateTime(i.startedAt, zone))}${componentNames(i, s)}</div>${next}${i.updates.map((u) => updateLine(u, zone)).join('')}</div>`;
}

function maintenanceCard(m: MaintenanceView, zone: string, s: StatusPageSnapshot): string {
  const w = m.window;
  const names = s.components.filter((c) => w.componentIds.includes(c.component.id)).map((c) => c.component.name).join(', ');
  return `<div class="card" id="${h(w.id)}"><div class="component"><span class="name">${h(w.title)}</span><span class="s-under_maintenance">${m.status === 'scheduled' ? 'Scheduled' : 'In progress'}</span></div>
<div class="muted">${h(formatDateTime(w.startsAt, zone))} – ${h(formatDateTime(w.endsAt, zone))} · ${h(names)}</div>${w.message === undefined ? '' : `<div class="update">${h(w.message)}</div>`}</div>`;
}

/** Subscribing by e-mail (confirmed by a link) to the page or one component, and each component's feeds. */
function subscribeForm(s: StatusPageSnapshot): string {
  const feeds = s.components.map((c) => `<li>${h(c.component.name)}: <a href="status/components/${h(encodeURIComponent(c.component.id))}/feed.rss">RSS</a> · <a href="status/components/${h(encodeURIComponent(c.component.id))}/feed.atom">Atom</a></li>`).join('');
  const feedList = feeds === '' ? '' : `<ul class="feeds">${feeds}</ul>`;
  if (!s.subscriptionKinds.includes('email')) return feedList === '' ? '' : `<h2>Follow a component</h2>\n${feedList}`;
  const options = s.components.map((c) => `<option value="${h(c.component.id)}">${h(c.component.name)}</option>`).join('');
  return `<h2>Get notified</h2>
<form class="subscribe" method="post" action="status/subscriptions">
<input type="hidden" name="kind" value="email">
<label>E-mail address <input type="email" name="address" required autocomplete="email"></label>
<label>About <select name="component"><option value="">Every component</option>${options}</select></label>
<button type="submit">Subscribe</button>
</form>
<p class="muted">You will get a link to confirm; every notice has a link to unsubscribe.</p>
${feedList}`;
}
