// The public status page's renderers: Statuspage-compatible JSON, the HTML page, RSS and Atom
// feeds, and the static export of all of them.
export { STATUS_PAGE_FILES, statusPageFiles } from './status-page-files.js';
export type { StatusPageFile } from './status-page-files.js';
export { exportStatusPage } from './export-status-page.js';
export { StatusPagePublisher, MAX_BUILD_AGE_MS, nextChangeAt } from './status-page-publisher.js';
export type { PublishedDocument } from './status-page-publisher.js';
