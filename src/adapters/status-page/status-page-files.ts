import type { StatusPageSnapshot } from '../../app/status-page/index.js';
import type { PageComponent } from '../../domain/status-page/index.js';
import { feedPath, renderAtom, renderRss } from './render-feeds.js';
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

/**
 * The page's documents with an RSS and an Atom feed per component
 * (`/status/components/<id>/feed.rss`), for people who follow one part of the service.
 */
export function statusPageFiles(components: readonly PageComponent[]): StatusPageFile[] {
  const perComponent = components.flatMap((c): StatusPageFile[] => {
    const scope = { componentId: c.id, componentName: c.name };
    const rss = feedPath('rss', scope);
    const atom = feedPath('atom', scope);
    return [
      { urlPath: rss, filePath: rss.slice(1), contentType: 'application/rss+xml; charset=utf-8', render: (s) => renderRss(s, scope) },
      { urlPath: atom, filePath: atom.slice(1), contentType: 'application/atom+xml; charset=utf-8', render: (s) => renderAtom(s, scope) },
    ];
  });
  return [...STATUS_PAGE_FILES, ...perComponent];
}
