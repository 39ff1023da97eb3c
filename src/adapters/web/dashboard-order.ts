import type { IncidentSummaryDto } from '../../app/incidents/index.js';
import { SEVERITIES } from '../../domain/classification/index.js';

/** Whether an incident has missed an SLA: unacknowledged past its response time, or its stakeholder update overdue. */
export function isSlaBreached(i: IncidentSummaryDto): boolean {
  return i.clocks.response.state === 'overdue' || i.clocks.nextUpdate.state === 'overdue';
}

/** The dashboard's order: most severe first, then those that missed an SLA, then the oldest. */
export function orderForDashboard(incidents: readonly IncidentSummaryDto[]): IncidentSummaryDto[] {
  const rank = (s: string) => {
    const i = (SEVERITIES as readonly string[]).indexOf(s);
    return i === -1 ? SEVERITIES.length : i;
  };
  return [...incidents].sort((a, b) => rank(a.severity) - rank(b.severity)
    || Number(isSlaBreached(b)) - Number(isSlaBreached(a))
    || a.declaredAt.localeCompare(b.declaredAt)
    || a.id.localeCompare(b.id));
}

/** One red banner: what went wrong with paging, for which incident. */
export interface PagingAlarm {
  readonly incidentId: string | undefined;
  readonly text: string;
  readonly at: string;
}

/** The facts the banners are computed from: recent paging events of visible incidents, and who is on call with no way to reach them. */
export interface PagingFacts {
  readonly active: readonly IncidentSummaryDto[];
  /** Recent `message-delivery` and `escalation-step` entries of visible incidents, oldest first. */
  readonly events: readonly { readonly incidentId: string; readonly at: string; readonly kind: string; readonly data: Record<string, unknown> }[];
  /** People on call now who have no working (verified) contact method, with their schedule. */
  readonly unreachableOnCall: readonly { readonly person: string; readonly schedule: string }[];
}

/**
 * The red banners of the dashboard: a page that failed, an incident not acknowledged in time, an
 * escalation step that could reach nobody, and an on-call person with no working contact method.
 * Only incidents still unacknowledged raise delivery banners: once someone acknowledged, paging did its job.
 */
export function computePagingAlarms(f: PagingFacts): PagingAlarm[] {
  const waiting = new Map(f.active.filter((i) => i.acknowledgedAt === null).map((i) => [i.id, i]));
  // One banner per incident: its failed pages (latest first, one per person and method), then any step that reached nobody.
  const perIncident = new Map<string, { at: string; parts: string[]; seen: Set<string> }>();
  for (const e of [...f.events].reverse()) {
    if (!waiting.has(e.incidentId)) continue;
    const d = e.data;
    const entry = perIncident.get(e.incidentId) ?? { at: e.at, parts: [], seen: new Set<string>() };
    if (e.kind === 'message-delivery' && (d['status'] === 'failed' || d['status'] === 'endpoint-disabled')) {
      const key = `${String(d['recipient'])}:${String(d['channel'])}`;
      if (entry.seen.has(key)) continue;
      entry.seen.add(key);
      entry.parts.push(`${String(d['purpose'] ?? 'page') === 'page' ? '' : `${String(d['purpose'])} `}${String(d['recipient'])} by ${String(d['channel'])} failed — ${String(d['detail'] ?? '')}`);
    } else if (e.kind === 'escalation-step' && Array.isArray(d['unreachable']) && d['unreachable'].length > 0) {
      if (entry.seen.has('unreachable')) continue;
      entry.seen.add('unreachable');
      entry.parts.push(`step ${Number(d['step']) + 1} could not reach ${(d['unreachable'] as unknown[]).map(String).join('; ')}`);
    } else continue;
    perIncident.set(e.incidentId, entry);
  }
  const alarms: PagingAlarm[] = [...perIncident].map(([incidentId, a]) => ({ incidentId, at: a.at, text: `paging failed: ${a.parts.join('; ')}` }));
  for (const i of waiting.values()) {
    if (i.clocks.response.state === 'overdue') alarms.push({ incidentId: i.id, at: i.clocks.response.dueAt, text: 'not acknowledged in time' });
  }
  for (const u of f.unreachableOnCall) {
    alarms.push({ incidentId: undefined, at: '', text: `${u.person} is on call for ${u.schedule} but has no working contact method: pages to them reach nobody.` });
  }
  return alarms;
}
