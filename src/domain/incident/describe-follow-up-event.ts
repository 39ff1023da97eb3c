import { isoUtc } from '../time/index.js';
import type { FollowUpEventData } from './follow-up-events.js';

/** One timeline line for a review, action-item, ticket or "seen before" event. */
export function describeFollowUpEvent(d: FollowUpEventData, actor: string): string {
  switch (d.kind) {
    case 'review-scheduled': {
      const who = d.attendees.map((a) => a.name).join(', ');
      return `post-incident review ${d.sequence > 0 ? 're' : ''}scheduled by ${actor} for ${isoUtc(d.startsAt)} (${d.durationMinutes} min)${who ? ` with ${who}` : ''}`;
    }
    case 'review-noted': return `review note (${actor}): ${d.text}`;
    case 'review-decided': return `review decision (${actor}): ${d.text}`;
    case 'review-done': return `post-incident review done (${actor})${d.summary ? `: ${d.summary}` : ''}`;
    case 'action-item-added':
      return `action item ${d.itemId} added by ${actor}: ${d.title} [${d.category}, ${d.priority}]${d.owner ? ` @${d.owner}` : ''}${d.dueOn ? ` due ${d.dueOn}` : ''}${d.source === 'rca' ? ' (from the RCA)' : ''}`;
    case 'action-item-updated': {
      const parts = [
        d.status && `status ${d.status}`, d.owner && `owner ${d.owner}`, d.dueOn && `due ${d.dueOn}`, d.priority && `priority ${d.priority}`,
        d.category && `category ${d.category}`, d.title && `title "${d.title}"`,
      ].filter((p): p is string => typeof p === 'string' && p !== '');
      return `action item ${d.itemId} updated by ${actor}: ${parts.join(', ') || 'no change'}${d.note ? ` — ${d.note}` : ''}`;
    }
    case 'ticket-linked': return `ticket ${d.key} created in ${d.system}${d.itemId ? ` for action item ${d.itemId}` : ''} (${d.status})${d.url ? ` ${d.url}` : ''}`;
    case 'ticket-synced': return `ticket ${d.key} in ${d.system} is ${d.status}${d.isDone ? ' (done)' : ''}`;
    case 'seen-before': return `seen before: ${d.pastIncidentId} (${d.service}, same alert)${d.rootCause ? ` — root cause then: ${d.rootCause}` : ''}`;
  }
}
