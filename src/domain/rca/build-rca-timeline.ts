import { INCIDENT_ROLE_TITLE, SEVERITY_LABEL } from '../classification/index.js';
import type { IncidentEvent } from '../incident/index.js';
import type { EpochMs } from '../time/index.js';

/** An event with its position in the audit chain, which names it in curation (`--hide-entry SEQ`). */
export type SequencedEvent = IncidentEvent & { readonly seq: number };

/** The RCA template's milestones. */
export const RCA_MILESTONES = ['signal', 'declared', 'response', 'war-room', 'finding', 'change', 'fix', 'restored', 'reopened', 'review'] as const;
export type RcaMilestone = (typeof RCA_MILESTONES)[number];

export interface RcaTimelineEntry {
  /** The event's sequence number; undefined for the impact start, which is a fact of the declaration, not an event. */
  readonly seq: number | undefined;
  readonly at: EpochMs;
  readonly milestone: RcaMilestone;
  readonly text: string;
  readonly annotation: string | undefined;
  readonly isHidden: boolean;
}

/**
 * The RCA timeline reconstructed from events: first signal (impact start, else the first alert),
 * declaration, first response, war room and roles, findings (status updates 'identified'),
 * changes, the fix (mitigated), restoration (resolved), reopenings and the review (closed). Other
 * events stay in the full timeline only. Curation (hidden entries, annotations) is applied here
 * as marks; the caller decides whether hidden entries are shown.
 */
export function buildRcaTimeline(
  events: readonly SequencedEvent[],
  curation: { readonly hiddenSeqs: readonly number[]; readonly annotations: readonly { readonly seq: number; readonly text: string }[] },
): RcaTimelineEntry[] {
  const hidden = new Set(curation.hiddenSeqs);
  const notes = new Map(curation.annotations.map((a) => [a.seq, a.text]));
  const entries: RcaTimelineEntry[] = [];
  const add = (e: SequencedEvent, milestone: RcaMilestone, text: string) =>
    entries.push({ seq: e.seq, at: e.at, milestone, text, annotation: notes.get(e.seq), isHidden: hidden.has(e.seq) });
  let hasSignal = false;
  let hasResponse = false;
  for (const e of events) {
    const d = e.data;
    switch (d.kind) {
      case 'declared':
        if (d.impactStartedAt !== undefined) {
          hasSignal = true;
          entries.push({ seq: undefined, at: d.impactStartedAt, milestone: 'signal', text: 'Impact began (first signal)', annotation: undefined, isHidden: false });
        }
        add(e, 'declared', `Incident declared (${SEVERITY_LABEL[d.severity].label} ${d.incidentType}, ${d.environment}) by ${e.actor}: ${d.title}`);
        break;
      case 'alert-linked':
        if (!hasSignal) {
          hasSignal = true;
          add(e, 'signal', `First alert from ${d.source}: ${d.summary}${d.link ? ` (${d.link})` : ''}`);
        }
        break;
      case 'acknowledged':
        if (!hasResponse) {
          hasResponse = true;
          add(e, 'response', `Acknowledged by ${e.actor}`);
        }
        break;
      case 'role-assigned':
        add(e, 'war-room', d.role === 'commander' ? `War room activated, incident commander: ${d.person}` : `${INCIDENT_ROLE_TITLE[d.role]}: ${d.person}`);
        break;
      case 'severity-changed':
        add(e, 'finding', `Severity ${SEVERITY_LABEL[d.from].label} → ${SEVERITY_LABEL[d.to].label}${d.reason ? `: ${d.reason}` : ''}`);
        break;
      case 'status-updated':
        if (d.publicStatus === 'identified') add(e, 'finding', `Identified: ${d.message}`);
        break;
      case 'change-noted':
        add(e, 'change', `Change (${d.source}): ${d.summary}`);
        break;
      case 'mitigated':
        add(e, 'fix', `Fix implemented${d.note ? `: ${d.note}` : ''}`);
        break;
      case 'resolved':
        add(e, 'restored', `Service restored: ${d.summary}`);
        break;
      case 'reopened':
        add(e, 'reopened', `Reopened${d.reason ? `: ${d.reason}` : ''}`);
        break;
      case 'closed':
        add(e, 'review', 'Post-incident review completed (incident closed)');
        break;
      default:
        break;
    }
  }
  return entries.sort((a, b) => a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0));
}
