import type { ComponentView, MaintenanceView, StatusPageSnapshot } from '../../app/status-page/index.js';
import { worstComponentStatus, type PublicIncident } from '../../domain/status-page/index.js';

// Statuspage's public API v2 shapes (summary.json, status.json, components.json, incidents*.json,
// scheduled-maintenances*.json), field for field, plus our `next_update_at` on incidents.

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | undefined): string | null => (ms === undefined ? null : iso(ms));

/** A stable opaque id for a configured group name, so `group_id` links components of one group. */
function groupId(name: string): string {
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return `group-${h.toString(36)}`;
}

function pageJson(s: StatusPageSnapshot) {
  return { id: pageId(s), name: s.page.name, url: s.page.url, time_zone: s.page.timeZone, updated_at: iso(s.updatedAt) };
}

function pageId(s: StatusPageSnapshot): string {
  return groupId(s.page.url).replace('group-', 'page-');
}

function componentJson(s: StatusPageSnapshot, c: ComponentView) {
  return {
    id: c.component.id,
    name: c.component.name,
    status: c.status,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
    position: c.position,
    description: c.component.description ?? null,
    showcase: true,
    start_date: null,
    group_id: c.component.group === undefined ? null : groupId(c.component.group),
    page_id: pageId(s),
    group: false,
    only_show_if_degraded: false,
  };
}

/**
 * A page's component list as Statuspage gives it: each group is a component of its own (`group:
 * true`, `components`: its children's ids), listed just before its first child, so every
 * `group_id` names a component of the list. A group shows its worst child's status.
 */
function componentListJson(s: StatusPageSnapshot) {
  const groups = new Map<string, ComponentView[]>();
  for (const c of s.components) if (c.component.group !== undefined) groups.set(c.component.group, [...(groups.get(c.component.group) ?? []), c]);
  const listed = new Set<string>();
  return s.components.flatMap((c) => {
    const name = c.component.group;
    const children = name === undefined || listed.has(name) ? undefined : groups.get(name);
    if (name === undefined || children === undefined) return [componentJson(s, c)];
    listed.add(name);
    return [groupJson(s, name, children), componentJson(s, c)];
  });
}

function groupJson(s: StatusPageSnapshot, name: string, children: readonly ComponentView[]) {
  return {
    id: groupId(name),
    name,
    status: worstComponentStatus(children.map((c) => c.status)),
    created_at: iso(Math.min(...children.map((c) => c.createdAt))),
    updated_at: iso(Math.max(...children.map((c) => c.updatedAt))),
    position: children[0]!.position,
    description: null,
    showcase: false,
    start_date: null,
    group_id: null,
    page_id: pageId(s),
    group: true,
    only_show_if_degraded: false,
    components: children.map((c) => c.component.id),
  };
}

function incidentJson(s: StatusPageSnapshot, i: PublicIncident) {
  const components = s.components.filter((c) => i.componentIds.includes(c.component.id));
  return {
    id: i.id,
    name: i.title,
    status: i.status,
    created_at: iso(i.createdAt),
    updated_at: iso(i.updatedAt),
    monitoring_at: isoOrNull(i.monitoringAt),
    resolved_at: isoOrNull(i.resolvedAt),
    impact: i.impact,
    shortlink: `${s.page.url}/status#${i.id}`,
    started_at: iso(i.startedAt),
    page_id: pageId(s),
    incident_updates: incidentUpdatesJson(i.id, i.updates),
    components: components.map((c) => componentJson(s, c)),
    next_update_at: isoOrNull(i.nextUpdateAt),
  };
}

/** Statuspage's `incident_updates`, newest first as given, numbered so the oldest is u1. */
function incidentUpdatesJson(incidentId: string, updates: readonly { status: string; body: string; at: number }[]) {
  return updates.map((u, n) => ({
    id: `${incidentId}-u${updates.length - n}`,
    status: u.status,
    body: u.body,
    incident_id: incidentId,
    created_at: iso(u.at),
    updated_at: iso(u.at),
    display_at: iso(u.at),
    affected_components: null,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  }));
}

function maintenanceJson(s: StatusPageSnapshot, m: MaintenanceView) {
  const w = m.window;
  const started = m.status !== 'scheduled';
  const done = m.status === 'completed';
  // A window recorded after it began (or ended) changed status no earlier than it was recorded.
  const startedAt = Math.max(w.startsAt, w.createdAt);
  const completedAt = Math.max(w.endsAt, w.createdAt);
  const updates = [
    { status: 'scheduled', at: w.createdAt, body: w.message ?? `${w.title}: scheduled.` },
    ...(started ? [{ status: 'in_progress', at: startedAt, body: 'The maintenance is in progress.' }] : []),
    ...(done ? [{ status: 'completed', at: completedAt, body: 'The maintenance has been completed.' }] : []),
  ].reverse();
  const components = s.components.filter((c) => w.componentIds.includes(c.component.id));
  return {
    id: w.id,
    name: w.title,
    status: m.status,
    created_at: iso(w.createdAt),
    updated_at: iso(updates[0]!.at),
    monitoring_at: null,
    resolved_at: done ? iso(completedAt) : null,
    impact: 'maintenance',
    shortlink: `${s.page.url}/status#${w.id}`,
    started_at: iso(w.startsAt),
    page_id: pageId(s),
    incident_updates: incidentUpdatesJson(w.id, updates),
    components: components.map((c) => componentJson(s, c)),
    scheduled_for: iso(w.startsAt),
    scheduled_until: iso(w.endsAt),
  };
}

const unresolved = (s: StatusPageSnapshot) => s.incidents.filter((i) => i.resolvedAt === undefined);
const upcoming = (s: StatusPageSnapshot) => s.maintenances.filter((m) => m.status === 'scheduled');
const active = (s: StatusPageSnapshot) => s.maintenances.filter((m) => m.status === 'in_progress' || m.status === 'verifying');

/** Each JSON document under /api/v2/, by its path there. */
export const STATUSPAGE_DOCUMENTS: Readonly<Record<string, (s: StatusPageSnapshot) => unknown>> = {
  'summary.json': (s) => ({
    page: pageJson(s),
    components: componentListJson(s),
    incidents: unresolved(s).map((i) => incidentJson(s, i)),
    scheduled_maintenances: [...active(s), ...upcoming(s)].map((m) => maintenanceJson(s, m)),
    status: s.status,
  }),
  'status.json': (s) => ({ page: pageJson(s), status: s.status }),
  'components.json': (s) => ({ page: pageJson(s), components: componentListJson(s) }),
  'incidents.json': (s) => ({ page: pageJson(s), incidents: s.incidents.slice(0, 50).map((i) => incidentJson(s, i)) }),
  'incidents/unresolved.json': (s) => ({ page: pageJson(s), incidents: unresolved(s).map((i) => incidentJson(s, i)) }),
  'scheduled-maintenances.json': (s) => ({ page: pageJson(s), scheduled_maintenances: [...s.maintenances].reverse().slice(0, 50).map((m) => maintenanceJson(s, m)) }),
  'scheduled-maintenances/upcoming.json': (s) => ({ page: pageJson(s), scheduled_maintenances: upcoming(s).map((m) => maintenanceJson(s, m)) }),
  'scheduled-maintenances/active.json': (s) => ({ page: pageJson(s), scheduled_maintenances: active(s).map((m) => maintenanceJson(s, m)) }),
};
