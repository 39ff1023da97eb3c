import type { IncidentEvent, RcaCorrectiveAction } from '../incident/index.js';
import type { EpochMs } from '../time/index.js';

/** What people wrote into an RCA: the fold of its `rca-updated` events (last value per field wins). */
export interface RcaContent {
  readonly impact: string | undefined;
  readonly rootCause: string | undefined;
  readonly rootCauseDetails: readonly string[];
  readonly factors: readonly string[];
  readonly actions: readonly RcaCorrectiveAction[];
  /** Timeline entries (by event sequence number) left out of the document. */
  readonly hiddenSeqs: readonly number[];
  readonly annotations: readonly { readonly seq: number; readonly text: string }[];
  readonly edits: number;
  readonly lastEditedAt: EpochMs | undefined;
  readonly lastEditedBy: string | undefined;
}

export const EMPTY_RCA_CONTENT: RcaContent = {
  impact: undefined, rootCause: undefined, rootCauseDetails: [], factors: [], actions: [], hiddenSeqs: [], annotations: [],
  edits: 0, lastEditedAt: undefined, lastEditedBy: undefined,
};

export function foldRcaContent(events: readonly IncidentEvent[]): RcaContent {
  let c = EMPTY_RCA_CONTENT;
  for (const e of events) {
    const d = e.data;
    if (d.kind !== 'rca-updated') continue;
    c = {
      impact: d.impact ?? c.impact,
      rootCause: d.rootCause ?? c.rootCause,
      rootCauseDetails: d.rootCauseDetails ?? c.rootCauseDetails,
      factors: d.factors ?? c.factors,
      actions: d.actions ?? c.actions,
      hiddenSeqs: d.hiddenSeqs ?? c.hiddenSeqs,
      annotations: d.annotations ?? c.annotations,
      edits: c.edits + 1,
      lastEditedAt: e.at,
      lastEditedBy: e.actor,
    };
  }
  return c;
}
