import { readEventFeed, type FeedEvent } from '../incidents/index.js';
import type { IncidentStore } from '../ports/index.js';
import type { IncidentVisibility } from './incident-visibility.js';

/**
 * Events of these kinds among the latest `window` of the global log, oldest first, of incidents the
 * reader may see. Only the matching events' incidents are looked up, so a busy log costs one page.
 */
export async function readRecentActivity(
  store: Pick<IncidentStore, 'chainHead' | 'readChain' | 'findIncidentTypes'>, visibility: IncidentVisibility, kinds: ReadonlySet<string>, window: number,
): Promise<FeedEvent[]> {
  const head = (await store.chainHead()).seq;
  const feed = await readEventFeed({
    readChain: async (after, limit) => (await store.readChain(after, limit)).filter((r) => kinds.has(r.kind)),
    findIncidentTypes: (ids) => store.findIncidentTypes(ids),
  }, Math.max(0, head - window), window);
  return feed.filter((e) => visibility.canSeeType(e.incidentType));
}
