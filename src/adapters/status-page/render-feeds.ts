import type { StatusPageSnapshot } from '../../app/status-page/index.js';
import type { PublicIncident } from '../../domain/status-page/index.js';

// RSS 2.0 and Atom 1.0 feeds of published incidents: one entry per incident, its public updates
// as the content (newest first), updated whenever an update is posted. Readers take an RSS
// description as HTML whatever it holds, so the content is HTML in both feeds (Atom says so with
// type="html"): each update a paragraph whose text is HTML-escaped, then the whole XML-escaped, so
// "errors on <endpoint>" reaches the reader as written.

const xml = (text: string): string =>
  // Characters XML 1.0 forbids are dropped; the rest escaped.
  text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

const html = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The updates as HTML (to be XML-escaped once more where it is written). */
function content(i: PublicIncident): string {
  return i.updates.map((u) => `<p>${html(`${new Date(u.at).toISOString()} — ${u.status}: ${u.body}`).replace(/\r?\n/g, '<br>')}</p>`).join('\n');
}

const link = (s: StatusPageSnapshot, i: PublicIncident) => `${s.page.url}/status#${encodeURIComponent(i.id)}`;

/** One component's feed: only the incidents that affect it, under the page's name and the component's. */
export interface FeedScope {
  readonly componentId: string;
  readonly componentName: string;
}

/** Where a feed is served: the whole page's, or one component's. */
export function feedPath(kind: 'rss' | 'atom', scope?: FeedScope): string {
  return scope === undefined ? `/status/feed.${kind}` : `/status/components/${encodeURIComponent(scope.componentId)}/feed.${kind}`;
}

function scoped(s: StatusPageSnapshot, scope: FeedScope | undefined): { title: string; incidents: readonly PublicIncident[] } {
  if (scope === undefined) return { title: s.page.name, incidents: s.incidents };
  return { title: `${s.page.name}: ${scope.componentName}`, incidents: s.incidents.filter((i) => i.componentIds.includes(scope.componentId)) };
}

export function renderRss(s: StatusPageSnapshot, scope?: FeedScope): string {
  const { title, incidents } = scoped(s, scope);
  const items = incidents.map((i) => `    <item>
      <title>${xml(i.title)}</title>
      <link>${xml(link(s, i))}</link>
      <guid isPermaLink="false">${xml(`${i.id}@${i.updatedAt}`)}</guid>
      <pubDate>${new Date(i.updatedAt).toUTCString()}</pubDate>
      <description>${xml(content(i))}</description>
    </item>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${xml(title)}</title>
    <link>${xml(`${s.page.url}/status`)}</link>
    <atom:link href="${xml(`${s.page.url}${feedPath('rss', scope)}`)}" rel="self" type="application/rss+xml"/>
    <description>${xml(`Incidents of ${title}`)}</description>
    <lastBuildDate>${new Date(s.updatedAt).toUTCString()}</lastBuildDate>
${items.join('\n')}
  </channel>
</rss>
`;
}

export function renderAtom(s: StatusPageSnapshot, scope?: FeedScope): string {
  const { title, incidents } = scoped(s, scope);
  const entries = incidents.map((i) => `  <entry>
    <id>${xml(`${s.page.url}/status#${i.id}`)}</id>
    <title>${xml(i.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(link(s, i))}"/>
    <published>${new Date(i.createdAt).toISOString()}</published>
    <updated>${new Date(i.updatedAt).toISOString()}</updated>
    <content type="html">${xml(content(i))}</content>
  </entry>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(`${s.page.url}${scope === undefined ? '/status' : feedPath('atom', scope)}`)}</id>
  <title>${xml(title)}</title>
  <updated>${new Date(s.updatedAt).toISOString()}</updated>
  <author><name>${xml(s.page.name)}</name></author>
  <link rel="alternate" type="text/html" href="${xml(`${s.page.url}/status`)}"/>
  <link rel="self" type="application/atom+xml" href="${xml(`${s.page.url}${feedPath('atom', scope)}`)}"/>
${entries.join('\n')}
</feed>
`;
}
