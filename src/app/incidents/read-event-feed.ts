import type { IncidentType } from '../../domain/classification/index.js';
import type { IncidentEventData } from '../../domain/incident/index.js';
import { epochMs } from '../../domain/time/index.js';
import type { IncidentStore } from '../ports/index.js';
import { toTimelineEntryDto, type TimelineEntryDto } from './incident-dto.js';

/** One event of the global log, with what a reader needs to decide who may see it. */
export interface FeedEvent {
  readonly seq: number;
  readonly incidentId: string;
  /** The incident's type now: visibility follows the incident, as it does for its timeline. */
  readonly incidentType: IncidentType;
  readonly entry: TimelineEntryDto;
}

/**
 * Events with `seq > afterSeq` across all incidents, in order, at most `limit`. Writers are
 * serialised on the chain head, so sequence numbers become visible in order: a reader that keeps
 * the last seq it saw never skips one.
 */
export async function readEventFeed(store: Pick<IncidentStore, 'readChain' | 'findIncidentTypes'>, afterSeq: number, limit: number): Promise<FeedEvent[]> {
  const records = await store.readChain(afterSeq, limit);
  // One read for every incident of the page: a storm that opens 500 incidents per batch would
  // otherwise read and parse 500 incident documents on every poll.
  const types = records.length === 0 ? new Map<string, IncidentType>() : await store.findIncidentTypes(records.map((r) => r.incidentId));
  const feed: FeedEvent[] = [];
  for (const r of records) {
    const incidentType = types.get(r.incidentId);
    if (incidentType === undefined) continue;
    const entry = toTimelineEntryDto({
      seq: r.seq,
      incidentId: r.incidentId,
      version: r.version,
      at: epochMs(r.at),
      actor: r.actor,
      data: JSON.parse(r.dataJson) as IncidentEventData,
      prevHash: r.prevHash,
      hash: r.hash,
    });
    feed.push({ seq: r.seq, incidentId: r.incidentId, incidentType, entry });
  }
  return feed;
}
