import type { IncidentEventData } from '../incident/index.js';
import type { EpochMs } from '../time/index.js';

/** A past incident whose alerts had the same service and fingerprint. */
export interface SeenBeforeCandidate {
  readonly incidentId: string;
  readonly declaredAt: EpochMs;
  /** The RCA's root cause; candidates without one are not linked. */
  readonly rootCause: string | undefined;
}

/**
 * The `seen-before` event for a new incident: the most recent other incident with an RCA root
 * cause among the candidates, unless the incident already names it.
 */
export function decideSeenBefore(
  incidentId: string,
  match: { readonly service: string; readonly fingerprint: string },
  candidates: readonly SeenBeforeCandidate[],
  alreadyLinked: readonly string[],
): IncidentEventData[] {
  const best = candidates
    .filter((c) => c.incidentId !== incidentId && c.rootCause !== undefined)
    .sort((a, b) => b.declaredAt - a.declaredAt || b.incidentId.localeCompare(a.incidentId))[0];
  if (best === undefined || alreadyLinked.includes(best.incidentId)) return [];
  return [{ kind: 'seen-before', pastIncidentId: best.incidentId, service: match.service, fingerprint: match.fingerprint, ...(best.rootCause ? { rootCause: best.rootCause } : {}) }];
}
