import type { StatusPageSnapshot } from '../../app/status-page/index.js';
import { renderAtom, renderRss } from './render-feeds.js';
import { renderStatusHtml } from './render-status-html.js';
import { STATUSPAGE_DOCUMENTS } from './statuspage-json.js';

/** One public document: where it is served, where `export` writes it, and how it is made. */
export interface StatusPageFile {
  /** URL path, e.g. /api/v2/summary.json. */
  readonly urlPath: string;
  /** Path relative to the export directory, e.g. api/v2/summary.json. */
  readonly filePath: string;
  readonly contentType: string;
  render(snapshot: StatusPageSnapshot): string;
}

/** Every document of the public page: the HTML, the Statuspage JSON and the feeds. */
export const STATUS_PAGE_FILES: readonly StatusPageFile[] = [
  { urlPath: '/status', filePath: 'index.html', contentType: 'text/html; charset=utf-8', render: renderStatusHtml },
  { urlPath: '/status/feed.rss', filePath: 'status/feed.rss', contentType: 'application/rss+xml; charset=utf-8', render: renderRss },
  { urlPath: '/status/feed.atom', filePath: 'status/feed.atom', contentType: 'application/atom+xml; charset=utf-8', render: renderAtom },
  ...Object.entries(STATUSPAGE_DOCUMENTS).map(([path, build]): StatusPageFile => ({
    urlPath: `/api/v2/${path}`,
    filePath: `api/v2/${path}`,
    contentType: 'application/json; charset=utf-8',
    render: (s) => JSON.stringify(build(s)),
  })),
];
