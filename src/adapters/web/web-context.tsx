/** @jsxImportSource @kitajs/html */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../domain/errors/index.js';
import type { Principal } from '../../domain/access/index.js';
import { ErrorBox, Shell, html, type NavKey } from './components.js';
import type { WebAssets } from './web-assets.js';
import type { WebDeps } from './web-deps.js';
import type { WebSessions } from './session-plugin.js';
import { WebTime } from './web-time.js';

/** The confirmations shown after an action's redirect (`?done=KEY`): a fixed table, so the address cannot inject text. */
export const DONE_MESSAGES = {
  declared: 'Incident declared. Paging started for its severity.',
  acknowledge: 'Acknowledged. Paging for this incident stopped.',
  mitigate: 'Marked mitigated.',
  step: 'Checklist updated.',
  update: 'Status update posted to its stakeholders.',
  role: 'Role assigned.',
  severity: 'Severity changed.',
  type: 'Type changed.',
  resolve: 'Resolved.',
  mistake: 'Resolved as declared by mistake: kept on record, left out of MTTR. Close it when you are ready.',
  reopen: 'Reopened.',
  close: 'Closed.',
  note: 'Note added.',
  rca: 'Analysis saved.',
  'take-shift': 'You are on call for that shift now; paging uses it from its next decision.',
} as const;
export type DoneKey = keyof typeof DONE_MESSAGES;

/** What every page's routes share: the app, the sessions, the display time zone, the assets and the shell. */
export interface WebContext {
  readonly deps: WebDeps;
  readonly sessions: WebSessions;
  /** Times in the configured display time zone (pages nobody is signed in to). */
  readonly time: WebTime;
  /** Times as this principal reads them: their own time_zone in people:, else the display time zone. */
  timeFor(principal: Principal): WebTime;
  readonly assets: WebAssets;
  /** A full page in the shell, for the request's signed-in principal (none on the sign-in page). */
  page(request: FastifyRequest, reply: FastifyReply, p: { title: string; body: string; current?: NavKey; status?: number; isAnonymous?: boolean }): Promise<FastifyReply>;
  /** A live region's HTML (no shell). */
  fragment(reply: FastifyReply, status: number, body: string): FastifyReply;
  /** An AppError as a page with its status (404 for what the principal may not see); anything else is rethrown. */
  errorPage(request: FastifyRequest, reply: FastifyReply, error: unknown): Promise<FastifyReply>;
}

export function createWebContext(deps: WebDeps, sessions: WebSessions, time: WebTime, assets: WebAssets): WebContext {
  function send(reply: FastifyReply, status: number, body: string): FastifyReply {
    return reply.code(status).header('cache-control', 'no-store').header('referrer-policy', 'same-origin').type('text/html; charset=utf-8').send(body);
  }
  const zones = new Map<string, WebTime>([[time.zone, time]]);
  const context: WebContext = {
    deps, sessions, time, assets,
    timeFor(principal) {
      const zone = deps.people.find((p) => p.id === principal.name)?.timeZone ?? time.zone;
      let zoned = zones.get(zone);
      if (zoned === undefined) zones.set(zone, (zoned = new WebTime(zone)));
      return zoned;
    },
    async page(request, reply, p) {
      const signed = p.isAnonymous ? undefined : await sessions.findSignedIn(request);
      const done = (request.query as Record<string, unknown> | undefined)?.['done'];
      const flash = typeof done === 'string' && Object.hasOwn(DONE_MESSAGES, done) ? DONE_MESSAGES[done as DoneKey] : undefined;
      return send(reply, p.status ?? 200, html(Shell({
        title: p.title, principal: signed?.principal, csrf: signed?.csrf, current: p.current, assets: assets.urls, flash, safeBody: p.body,
      })));
    },
    fragment: send,
    async errorPage(request, reply, error) {
      if (!isAppError(error)) throw error;
      const status = deps.httpStatus[error.code];
      const title = status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : 'Cannot do that';
      const body = html(<><h1>{title}</h1><ErrorBox message={error.message} /><p><a href="/app">Back to the dashboard</a></p></>);
      return context.page(request, reply, { title, body, status });
    },
  };
  return context;
}
