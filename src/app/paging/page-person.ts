import { requirePermission, type Principal } from '../../domain/access/index.js';
import { AppError } from '../../domain/errors/index.js';
import type { IncidentEventData, IncidentState } from '../../domain/incident/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import type { Clock, IncidentStore, StoreWriteTx } from '../ports/index.js';
import type { PagingService } from './paging-service.js';

export interface PagePersonDeps {
  readonly store: Pick<IncidentStore, 'write'>;
  readonly paging: Pick<PagingService, 'pagePersonIn'>;
  /** Records timeline events in the caller's write transaction (`IncidentService.recordIn`). */
  recordIn(tx: StoreWriteTx, id: string, actor: { readonly name: string }, now: EpochMs, decide: (state: IncidentState) => IncidentEventData[]): Promise<unknown>;
  /** Throws NOT_FOUND, worded as for an unknown id, when the principal may not see the incident. */
  assertVisible(principal: Principal, incidentId: string): Promise<void>;
  readonly clock: Clock;
  newId(): string;
}

/**
 * "Page this person" (the web app's incident room, `POST /incidents/{id}/pages`): a responder pages
 * someone from `people:` about an incident they may see; the pages and their timeline line are
 * written in one transaction.
 */
export async function pagePerson(deps: PagePersonDeps, principal: Principal, incidentId: string, personId: string): Promise<{ readonly detail: string }> {
  requirePermission(principal, 'incident:work');
  await deps.assertVisible(principal, incidentId);
  const now = deps.clock.now();
  const requestId = deps.newId();
  return deps.store.write(async (tx) => {
    const incident = await tx.findIncident(incidentId);
    // Seen a moment ago (the check above); missing now only if the database was restored meanwhile.
    if (incident === undefined) throw new AppError('NOT_FOUND', `No incident ${incidentId}. List incidents with "incident-response list".`);
    const events = await deps.paging.pagePersonIn(tx, incident, personId, principal.name, requestId, now);
    await deps.recordIn(tx, incidentId, principal, now, () => events);
    const first = events[0];
    return { detail: first?.kind === 'action-recorded' ? first.detail ?? '' : '' };
  });
}
