import { z } from 'zod';
import type { RcaEdit } from '../../domain/rca/index.js';
import { parseCorrectiveAction } from '../../domain/rca/index.js';
import { AppError } from '../../domain/errors/index.js';
import { parseIncidentId } from '../../domain/incident/index.js';
import { defineRoute, HIJACKED, type ApiRoute } from './api-route.js';
import type { RenderedDocument, ServerDeps } from './server-deps.js';

const RCA_FORMATS = ['markdown', 'html', 'json', 'pdf'] as const;
const REPORT_FORMATS = ['json', 'markdown', 'html', 'csv', 'terminal'] as const;
const MEDIA: Record<string, string> = {
  'text/markdown': 'markdown', 'text/html': 'html', 'application/json': 'json', 'application/pdf': 'pdf', 'text/csv': 'csv', 'text/plain': 'terminal',
};

/** ?format wins; else the first Accept media type the route knows; else `fallback`. */
function negotiate<F extends string>(format: F | undefined, accept: string | undefined, known: readonly F[], fallback: F): F {
  if (format !== undefined) return format;
  for (const part of (accept ?? '').split(',')) {
    const type = part.split(';')[0]!.trim().toLowerCase();
    const f = MEDIA[type];
    if (f !== undefined && (known as readonly string[]).includes(f)) return f as F;
  }
  return fallback;
}

const rcaParams = z.strictObject({ id: z.string().max(100) });
const rcaQuery = z.strictObject({
  format: z.enum(RCA_FORMATS).optional().describe('markdown, html, json or pdf; otherwise chosen by the Accept header (default json)'),
  allEntries: z.enum(['true', 'false']).optional().describe('include timeline entries hidden by curation'),
});
const text = (max: number) => z.string().trim().min(1).max(max);
export const rcaEditBody = z.strictObject({
  impact: text(4000).optional(),
  rootCause: text(4000).optional(),
  rootCauseDetails: z.array(text(500)).max(50).optional().describe('replaces the list'),
  factors: z.array(text(500)).max(50).optional().describe('replaces the list'),
  addFactors: z.array(text(500)).max(50).optional(),
  actions: z.array(text(600)).max(50).optional().describe('replaces the list: "[Immediate] Add pool monitoring @alice due 2026-12-05"'),
  addActions: z.array(text(600)).max(50).optional(),
  hide: z.array(z.int().min(1)).max(200).optional().describe('timeline entries (event sequence numbers) to leave out'),
  unhide: z.array(z.int().min(1)).max(200).optional(),
  annotate: z.array(z.strictObject({ seq: z.int().min(1), text: z.string().max(500) })).max(200).optional().describe('an empty text removes the annotation'),
});
const reportQuery = z.strictObject({
  month: z.string().regex(/^\d{4}-\d{2}$/, 'a month such as 2026-11').optional().describe('YYYY-MM in the display time zone (default: this month)'),
  format: z.enum(REPORT_FORMATS).optional().describe('json (default), markdown, html, csv or terminal; otherwise chosen by the Accept header'),
});

function desk(deps: ServerDeps) {
  if (deps.reportsFor === undefined) throw new Error('report routes registered without reportsFor');
  return deps.reportsFor;
}

function send(ctx: { reply: import('fastify').FastifyReply }, doc: RenderedDocument): typeof HIJACKED {
  void ctx.reply.code(200).header('content-type', doc.contentType).send(typeof doc.body === 'string' ? doc.body : Buffer.from(doc.body));
  return HIJACKED;
}

/** RCAs and the monthly report over the API, rendered as the CLI renders them. */
export const REPORT_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'GET', path: '/incidents/{id}/rca', summary: 'The root-cause analysis of an incident (JSON, Markdown, HTML or PDF by ?format or Accept)', permission: 'incident:read',
    params: rcaParams, query: rcaQuery, status: 200, response: z.unknown(),
    handle: async (ctx) => {
      const format = negotiate(ctx.query.format, ctx.request.headers.accept, RCA_FORMATS, 'json');
      return send(ctx, await desk(ctx.deps)(ctx.principal).rca(parseIncidentId(ctx.params.id), format, { includeHidden: ctx.query.allEntries === 'true' }));
    },
  }),
  defineRoute({
    method: 'PATCH', path: '/incidents/{id}/rca', summary: 'Edit the RCA (fields replace; add… append; curation by entry number)', permission: 'incident:command',
    params: rcaParams, body: rcaEditBody, status: 200, response: z.object({ changed: z.boolean() }),
    handle: async ({ deps, principal, params, body }) => {
      const edit: RcaEdit = {
        ...(body.impact === undefined ? {} : { impact: body.impact }),
        ...(body.rootCause === undefined ? {} : { rootCause: body.rootCause }),
        ...(body.rootCauseDetails === undefined ? {} : { rootCauseDetails: body.rootCauseDetails }),
        ...(body.factors === undefined ? {} : { factors: body.factors }),
        ...(body.addFactors === undefined ? {} : { addFactors: body.addFactors }),
        ...(body.actions === undefined ? {} : { actions: body.actions.map(parseCorrectiveAction) }),
        ...(body.addActions === undefined ? {} : { addActions: body.addActions.map(parseCorrectiveAction) }),
        ...(body.hide === undefined ? {} : { hide: body.hide }),
        ...(body.unhide === undefined ? {} : { unhide: body.unhide }),
        ...(body.annotate === undefined ? {} : { annotate: body.annotate }),
      };
      return desk(deps)(principal).editRca(parseIncidentId(params.id), edit);
    },
  }),
  defineRoute({
    method: 'GET', path: '/incidents/{id}/rca/form', summary: 'The RCA as the Markdown form that `rca --edit` opens (impact, root cause, factors, actions), to edit and send back', permission: 'incident:command',
    params: rcaParams, status: 200, response: z.object({ text: z.string() }),
    handle: async ({ deps, principal, params }) => ({ text: await desk(deps)(principal).rcaForm(parseIncidentId(params.id)) }),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/rca/form', summary: 'Record the RCA from its edited Markdown form (errors name the form\'s line)', permission: 'incident:command',
    params: rcaParams, body: z.strictObject({ text: z.string().max(200_000) }), status: 200, response: z.object({ changed: z.boolean() }),
    handle: ({ deps, principal, params, body }) => desk(deps)(principal).applyRcaForm(parseIncidentId(params.id), body.text),
  }),
  defineRoute({
    method: 'GET', path: '/reports/monthly', summary: 'The monthly incident report (security incidents only for the security team and admins)', permission: 'incident:read',
    query: reportQuery, status: 200, response: z.unknown(),
    handle: async (ctx) => {
      const format = negotiate(ctx.query.format, ctx.request.headers.accept, REPORT_FORMATS, 'json');
      if (ctx.query.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(ctx.query.month)) {
        throw new AppError('VALIDATION', `month '${ctx.query.month}' must be YYYY-MM with a month from 01 to 12`, { issues: [{ path: 'query.month', message: 'not a month' }] });
      }
      return send(ctx, await desk(ctx.deps)(ctx.principal).monthly(ctx.query.month, format));
    },
  }),
];
