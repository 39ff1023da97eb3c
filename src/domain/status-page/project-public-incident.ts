import type { PublicStatus } from '../classification/index.js';
import type { IncidentEvent, IncidentState } from '../incident/index.js';
import type { EpochMs } from '../time/index.js';
import type { PublicIncident, PublicUpdate } from './status-page-model.js';

/** Fixed public texts for lifecycle changes: the internal resolution summary and reopen reason stay internal. */
export const RESOLVED_BODY = 'This incident has been resolved.';
export const REOPENED_BODY = 'The issue has returned; we are investigating.';

/**
 * What the public may see of an incident, or undefined when it must not appear: not a production
 * incident, or not published now. Reads only the publication, the status updates and the
 * lifecycle instants; everything else in the history (notes, roles, actors, alerts) is ignored.
 */
export function projectPublicIncident(state: IncidentState, events: readonly IncidentEvent[]): PublicIncident | undefined {
  const publication = state.publication;
  if (publication === undefined || state.environment !== 'production') return undefined;
  const updates: PublicUpdate[] = [];
  let monitoringAt: EpochMs | undefined;
  let resolvedAt: EpochMs | undefined;
  let updatedAt: EpochMs = publication.publishedAt;
  const push = (at: EpochMs, status: PublicStatus, body: string) => {
    updates.push({ at, status, body });
    if (at > updatedAt) updatedAt = at;
  };
  for (const e of events) {
    const d = e.data;
    switch (d.kind) {
      case 'status-updated':
        push(e.at, d.publicStatus, d.message);
        if (d.publicStatus === 'monitoring') monitoringAt ??= e.at;
        break;
      case 'resolved':
        push(e.at, 'resolved', RESOLVED_BODY);
        resolvedAt = e.at;
        break;
      case 'reopened':
        push(e.at, 'investigating', REOPENED_BODY);
        resolvedAt = undefined;
        monitoringAt = undefined;
        break;
      case 'published':
        if (e.at > updatedAt) updatedAt = e.at;
        break;
      default:
        break;
    }
  }
  return {
    id: state.id,
    title: publication.title,
    status: resolvedAt === undefined ? state.publicStatus : 'resolved',
    impact: publication.impact,
    componentIds: publication.componentIds,
    startedAt: state.impactStartedAt ?? state.declaredAt,
    createdAt: publication.publishedAt,
    updatedAt,
    monitoringAt,
    resolvedAt,
    nextUpdateAt: resolvedAt === undefined ? state.nextUpdateDueAt : undefined,
    updates: updates.reverse(),
  };
}
