import { canSeeIncidentType, hiddenIncidentTypes, type Principal } from '../../domain/access/index.js';
import type { IncidentType } from '../../domain/classification/index.js';
import type { IncidentState } from '../../domain/incident/index.js';
import { notFound } from '../incidents/index.js';
import type { IncidentStore } from '../ports/index.js';

/**
 * The one visibility rule every reader applies: an incident of a restricted type (security) exists
 * only for its team and admins. For everyone else it — and everything that belongs to it (alerts,
 * silences that held them, messages, action items, activity) — behaves exactly like an incident
 * that does not exist: NOT_FOUND with the same message, absent from lists.
 */
export class IncidentVisibility {
  /** Incident id → whether the principal may see it, for one reader's lifetime (one request). */
  readonly #seen = new Map<string, boolean>();

  constructor(
    private readonly store: Pick<IncidentStore, 'findIncident'>,
    readonly principal: Principal,
  ) {}

  /** Types whose incidents (and what belongs to them) this principal never sees: for list filters in the store. */
  get hiddenTypes(): IncidentType[] {
    return hiddenIncidentTypes(this.principal);
  }

  canSeeType(type: IncidentType): boolean {
    return canSeeIncidentType(this.principal, type);
  }

  /** False for an unknown incident and for a hidden one alike. */
  async canSee(id: string): Promise<boolean> {
    const known = this.#seen.get(id);
    if (known !== undefined) return known;
    const incident = await this.store.findIncident(id);
    const visible = incident !== undefined && this.canSeeType(incident.incidentType);
    this.#seen.set(id, visible);
    return visible;
  }

  /** The incident, or NOT_FOUND worded exactly as for an id that does not exist. */
  async require(id: string): Promise<IncidentState> {
    const incident = await this.store.findIncident(id);
    if (incident === undefined || !this.canSeeType(incident.incidentType)) throw notFound(id);
    return incident;
  }

  /** The items that belong to no incident or to one the principal may see, in their order. */
  async keep<T>(items: readonly T[], incidentOf: (item: T) => string | undefined): Promise<T[]> {
    const kept: T[] = [];
    for (const item of items) {
      const id = incidentOf(item);
      if (id === undefined || (await this.canSee(id))) kept.push(item);
    }
    return kept;
  }
}
