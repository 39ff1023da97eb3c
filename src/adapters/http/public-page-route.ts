import type { FastifyInstance } from 'fastify';

/** How long browsers and proxies may reuse a public page without asking again (docs/status-page.md). */
export const PUBLIC_PAGE_MAX_AGE_SECONDS = 10;

/** A public document as served: its bytes and a strong ETag. */
export interface PublicDocument {
  readonly body: Buffer;
  readonly etag: string;
}

/** A public, unauthenticated GET document (the status page, its JSON and feeds), given by src/main. */
export interface PublicPage {
  readonly path: string;
  readonly contentType: string;
  /** Also read by browsers and widgets on other sites (Statuspage JSON): allow any origin. */
  readonly isCrossOrigin: boolean;
  read(): Promise<PublicDocument>;
}

/** The public pages, and how they learn that incident events were written. */
export interface PublicPages {
  readonly pages: readonly PublicPage[];
  /** Every batch of events the server's poller reads, by its last sequence number. */
  eventsSeen(lastSeq: number): void;
}

/**
 * Serves public pages without authentication, with a strong ETag (304 to a matching
 * If-None-Match) and a short public cache lifetime.
 */
export function registerPublicPages(app: FastifyInstance, pages: readonly PublicPage[]): void {
  const cacheControl = `public, max-age=${PUBLIC_PAGE_MAX_AGE_SECONDS}`;
  for (const page of pages) {
    app.get(page.path, async (request, reply) => {
      const document = await page.read();
      reply.header('cache-control', cacheControl).header('etag', document.etag);
      if (page.isCrossOrigin) reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
      if (isNotModified(request.headers['if-none-match'], document.etag)) return reply.code(304).send();
      return reply.code(200).type(page.contentType).send(document.body);
    });
  }
}

/** If-None-Match compares weakly (RFC 9110 §13.1.2): W/"x" matches "x"; * matches anything. */
function isNotModified(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || (t.startsWith('W/') ? t.slice(2) : t) === etag;
  });
}
