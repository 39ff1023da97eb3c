import type { FastifyInstance } from 'fastify';

/** A public, unauthenticated GET document (the status page, its JSON and feeds), given by src/main. */
export interface PublicPage {
  readonly path: string;
  readonly contentType: string;
  /** Also read by browsers and widgets on other sites (Statuspage JSON): allow any origin. */
  readonly isCrossOrigin: boolean;
  render(): Promise<string>;
}

/** Serves public pages without authentication; answers may be cached for 30 s by browsers and proxies. */
export function registerPublicPages(app: FastifyInstance, pages: readonly PublicPage[]): void {
  for (const page of pages) {
    app.get(page.path, async (_request, reply) => {
      const body = await page.render();
      reply.header('cache-control', 'public, max-age=30');
      if (page.isCrossOrigin) reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
      return reply.code(200).type(page.contentType).send(body);
    });
  }
}
