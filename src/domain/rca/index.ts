// Root-cause analysis: the document reconstructed from an incident's events, the RCA content
// folded from `rca-updated` events, edits (flags or a Markdown form) and timeline curation.
export { buildRcaTimeline, RCA_MILESTONES } from './build-rca-timeline.js';
export type { RcaTimelineEntry, RcaMilestone, SequencedEvent } from './build-rca-timeline.js';
export { foldRcaContent, EMPTY_RCA_CONTENT } from './rca-content.js';
export type { RcaContent } from './rca-content.js';
export { computeRcaDocument } from './compute-rca-document.js';
export type { RcaDocument, RcaOptions, TelemetryLink } from './compute-rca-document.js';
export { decideRcaUpdate } from './decide-rca-update.js';
export type { RcaEdit } from './decide-rca-update.js';
export { parseCorrectiveAction, formatCorrectiveAction, RCA_ACTION_TAG } from './corrective-action-text.js';
export { formatRcaForm, parseRcaForm } from './rca-form.js';
