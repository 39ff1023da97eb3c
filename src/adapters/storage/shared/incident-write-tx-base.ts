import type { Kysely } from 'kysely';
import type { PagingWriteTx, StoreWriteTx, StoredEvent } from '../../../app/ports/index.js';
import type { IncidentEvent, IncidentState } from '../../../domain/incident/index.js';
import type { KyselyWriteTx } from './kysely-incident-store.js';
import type { Database } from './schema.js';

/**
 * The incident operations of a write transaction, for the transactions that extend it with their
 * own tables (alerts, heartbeats) on the same connection.
 */
export abstract class IncidentWriteTxBase implements StoreWriteTx {
  constructor(
    protected readonly tx: KyselyWriteTx,
    protected readonly conn: Kysely<Database>,
  ) {}

  get paging(): PagingWriteTx {
    return this.tx.paging;
  }
  nextIncidentNumber(dayKey: string): Promise<number> {
    return this.tx.nextIncidentNumber(dayKey);
  }
  findIncident(id: string): Promise<IncidentState | undefined> {
    return this.tx.findIncident(id);
  }
  findIncidents(ids: readonly string[]): Promise<Map<string, IncidentState>> {
    return this.tx.findIncidents(ids);
  }
  append(events: readonly IncidentEvent[], state: IncidentState): Promise<StoredEvent[]> {
    return this.tx.append(events, state);
  }
}
