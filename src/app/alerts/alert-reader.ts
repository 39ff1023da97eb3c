import { hiddenIncidentTypes, requirePermission, type Principal } from '../../domain/access/index.js';
import type { AlertFilter, AlertStore, StoredAlert } from '../ports/index.js';

/**
 * Alerts as one principal may see them: an alert of an incident the principal may not see is left
 * out, so `?incident=<hidden id>` answers exactly like an id that does not exist (no alerts).
 */
export class AlertReader {
  constructor(private readonly store: Pick<AlertStore, 'listAlerts'>) {}

  async list(filter: Omit<AlertFilter, 'hiddenTypes'>, actor: Principal): Promise<StoredAlert[]> {
    requirePermission(actor, 'incident:read');
    return this.store.listAlerts({ ...filter, hiddenTypes: hiddenIncidentTypes(actor) });
  }
}
