/** @jsxImportSource @kitajs/html */
// The monthly report (tables and inline SVG charts, rendered and escaped by the report renderer), framed in the app.
import type { FastifyInstance } from 'fastify';
import { html } from '../components.js';
import type { WebContext } from '../web-context.js';

/** The body of a self-contained HTML document our own renderers made (already escaped there). */
export function documentBody(document: string): string {
  return /<body[^>]*>([\s\S]*)<\/body>/i.exec(document)?.[1] ?? document;
}

export function registerReportsPage(scope: FastifyInstance, ctx: WebContext): void {
  scope.get<{ Querystring: { month?: string } }>('/app/reports', async (request, reply) => {
    const s = ctx.sessions.signedIn(request);
    const month = typeof request.query.month === 'string' && /^\d{4}-\d{2}$/.test(request.query.month) ? request.query.month : undefined;
    try {
      const safeReport = documentBody(await ctx.deps.monthlyReportHtml(s.principal, month));
      return await ctx.page(request, reply, { title: 'Reports', current: 'reports', body: html(<ReportsPage safeReport={safeReport} month={month} />) });
    } catch (error) {
      return ctx.errorPage(request, reply, error);
    }
  });
}

export function ReportsPage({ safeReport, month }: { safeReport: string; month: string | undefined }): JSX.Element {
  return (
    <>
      <h1>Reports</h1>
      <form class="panel" method="get" action="/app/reports">
        <div class="fields"><div><label for="month">Month</label><input id="month" name="month" type="month" value={month} /></div><div><button type="submit">Show</button></div></div>
      </form>
      <section class="panel report" aria-label="Monthly report" tabindex="0">{safeReport}</section>
    </>
  );
}
