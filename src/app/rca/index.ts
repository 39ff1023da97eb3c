// Root-cause analyses: read the document, edit it with flags or a Markdown form, curate its timeline.
export { RCA_EDIT_PERMISSION, RcaService, canEditRca } from './rca-service.js';
export type { RcaEditOutcome } from './rca-service.js';
