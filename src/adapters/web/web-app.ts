import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncidentApi, IncidentDto, TimelineEntryDto } from '../../app/incidents/index.js';
import { isDeclarationReceipt } from '../../app/incidents/index.js';
import type { IncidentFilter } from '../../app/ports/index.js';
import { requirePermission, type Principal } from '../../domain/access/index.js';
import { RCA_EDIT_PERMISSION, canEditRca } from '../../app/rca/index.js';
import { parseCorrectiveAction } from '../../domain/rca/index.js';
import {
  ENVIRONMENTS, INCIDENT_TYPES, SEVERITIES, parseEnvironment, parseIncidentRole, parseIncidentType, parsePublicStatus, parseSeverity,
  type Environment, type IncidentType, type Severity,
} from '../../domain/classification/index.js';
import { AppError, findNulCharacter, isAppError, nulCharacterError } from '../../domain/errors/index.js';
import { INCIDENT_STATUSES, isActiveStatus, type IncidentStatus } from '../../domain/incident/index.js';
import { ACTIVE_SHOWN, renderDashboard, renderDashboardLive, summariseActivity } from './dashboard-page.js';
import {
  parseTimelineFilter, renderChecklist, renderDeclarationReceipt, renderDeclareForm, renderRoom, renderRoomHeader, renderTimeline,
} from './incident-room-page.js';
import { renderIncidentList, renderOnCall, renderRcaPage, renderReports, renderSignIn, type ListQuery } from './other-pages.js';
import { WEB_CSS, WEB_JS } from './web-assets.js';
import type { WebDeps } from './web-deps.js';
import { h, renderPage, type NavKey } from './web-html.js';
import { SESSION_COOKIE, SESSION_TTL_MS, SessionKeeper, readCookie, type Session } from './web-session.js';

type Form = Record<string, string>;
interface Signed {
  readonly principal: Principal;
  readonly session: Session;
  readonly csrf: string;
}

const ACTIVE: IncidentStatus[] = INCIDENT_STATUSES.filter(isActiveStatus);
const FEED_WINDOW = 300;
const FAILED_SIGN_IN_MAX = 20;
/** The event kinds the dashboard's anomalies and remediation panels show. */
const ACTIVITY_KINDS: ReadonlySet<string> = new Set(['alert-linked', 'change-noted', 'action-recorded']);

/** The responder web app: server-rendered pages under /app, a session cookie, live regions fed by the event stream. */
export interface WebApp {
  register(app: FastifyInstance): void;
  /** The signed-in principal of a request's session cookie (for the event stream the pages open); undefined without one. */
  principalFromCookie(cookieHeader: string | undefined): Promise<{ principal: Principal; tokenHash: string } | undefined>;
}

export function createWebApp(deps: WebDeps): WebApp {
  const sessions = new SessionKeeper(deps.sessionSecret);
  const failures = new Map<string, { count: number; since: number }>();

  async function signedIn(request: FastifyRequest): Promise<Signed | undefined> {
    const session = sessions.open(readCookie(request.headers.cookie, SESSION_COOKIE), deps.clock.now());
    if (session === undefined) return undefined;
    const principal = await deps.principalForTokenHash(session.tokenHash);
    return principal === undefined ? undefined : { principal, session, csrf: sessions.csrfToken(session) };
  }

  function send(reply: FastifyReply, status: number, html: string): FastifyReply {
    return reply.code(status).header('cache-control', 'no-store').header('referrer-policy', 'same-origin').type('text/html; charset=utf-8').send(html);
  }

  function page(reply: FastifyReply, s: Signed | undefined, title: string, body: string, current?: NavKey, status = 200): FastifyReply {
    return send(reply, status, renderPage({ title, principal: s?.principal, csrf: s?.csrf, ...(current ? { current } : {}), body }));
  }

  function errorPage(reply: FastifyReply, s: Signed | undefined, error: unknown): FastifyReply {
    if (!isAppError(error)) throw error;
    const status = deps.httpStatus[error.code];
    const title = status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : 'Cannot do that';
    return page(reply, s, title, `<h1>${h(title)}</h1><div class="error" role="alert">${h(error.message)}</div><p><a href="/app">Back to the dashboard</a></p>`, undefined, status);
  }

  /** Pages need a session (else the sign-in page); form posts also need the session's CSRF token and a same-origin request. */
  async function requireSession(request: FastifyRequest, reply: FastifyReply, isPost: boolean): Promise<Signed | undefined> {
    const s = await signedIn(request);
    if (s === undefined) {
      if (request.url.startsWith('/app/fragments/')) {
        send(reply, 401, '<p class="error">Your session ended. <a href="/app/sign-in">Sign in again</a>.</p>');
      } else {
        reply.redirect('/app/sign-in', 303);
      }
      return undefined;
    }
    if (isPost) {
      const form = (request.body ?? {}) as Form;
      if (!isSameOrigin(request) || !sessions.isCsrfValid(s.session, form['_csrf'])) {
        page(reply, s, 'Form expired', '<h1>Form expired</h1><div class="error" role="alert">This form was not sent from this app or has expired (CSRF check). Go back, reload the page and try again.</div>', undefined, 403);
        return undefined;
      }
    }
    return s;
  }

  async function dashboardLive(s: Signed): Promise<string> {
    const api = deps.apiFor(s.principal);
    const incidents = await api.list({ statuses: ACTIVE, limit: ACTIVE_SHOWN });
    // The list carries no compliance obligations: the whole incident is read for the flagged ones only.
    const flagged = await Promise.all(incidents.filter((i) => i.complianceFlagCount > 0).map((i) => api.get(i.id)));
    const health = deps.health?.(s.principal);
    const activeIds = new Set(incidents.map((i) => i.id));
    const recent = await deps.recentActivity(s.principal, ACTIVITY_KINDS, FEED_WINDOW);
    const visible = recent.map((e) => ({ ...e.entry, incidentId: e.incidentId, isActive: activeIds.has(e.incidentId) }));
    return renderDashboardLive(incidents, flagged, health, deps.health !== undefined, summariseActivity(visible, health));
  }

  async function room(api: IncidentApi, id: string): Promise<{ incident: IncidentDto; timeline: TimelineEntryDto[] }> {
    const [incident, timeline] = await Promise.all([api.get(id), api.timeline(id)]);
    return { incident, timeline };
  }

  function register(app: FastifyInstance): void {
    app.register(async (scope) => {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
        const form: Form = {};
        for (const [k, v] of new URLSearchParams(String(body))) if (!(k in form) && k !== '__proto__') form[k] = v;
        // Every form enters here: text holding a NUL character is refused naming the field, as the API does.
        const nul = findNulCharacter(form);
        if (nul !== undefined) done(nulCharacterError(nul), undefined);
        else done(null, form);
      });

      scope.get('/', async (_request, reply) => reply.redirect('/app', 303));
      scope.get('/app/assets/app.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(WEB_CSS));
      scope.get('/app/assets/app.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(WEB_JS));

      scope.get('/app/sign-in', async (request, reply) => {
        const s = await signedIn(request);
        if (s !== undefined) return reply.redirect('/app', 303);
        return page(reply, undefined, 'Sign in', renderSignIn(undefined));
      });
      scope.post('/app/sign-in', async (request, reply) => {
        if (!isSameOrigin(request)) return page(reply, undefined, 'Sign in', renderSignIn('Sign in from this app’s own page.'), undefined, 403);
        const now = deps.clock.now();
        const f = failures.get(request.ip);
        if (f !== undefined && now - f.since < 60_000 && f.count >= FAILED_SIGN_IN_MAX) {
          return page(reply, undefined, 'Sign in', renderSignIn('Too many failed attempts from your address; wait a minute and try again.'), undefined, 429);
        }
        const token = ((request.body ?? {}) as Form)['token']?.trim() ?? '';
        const found = token === '' ? undefined : await deps.signIn(token);
        if (found === undefined) {
          if (failures.size > 10_000) for (const [ip, entry] of failures) if (now - entry.since >= 60_000) failures.delete(ip);
          failures.set(request.ip, f === undefined || now - f.since >= 60_000 ? { count: 1, since: now } : { count: f.count + 1, since: f.since });
          return page(reply, undefined, 'Sign in', renderSignIn('That token is not valid: it is malformed, unknown or revoked. Ask an admin for a new one.'), undefined, 401);
        }
        const { cookie } = sessions.create(found.tokenHash, now);
        reply.header('set-cookie', cookieHeader(cookie, request.protocol === 'https', SESSION_TTL_MS / 1000));
        return reply.redirect('/app', 303);
      });
      scope.post('/app/sign-out', async (request, reply) => {
        const s = await requireSession(request, reply, true);
        if (s === undefined) return reply;
        sessions.signOut(s.session, deps.clock.now());
        reply.header('set-cookie', cookieHeader('', request.protocol === 'https', 0));
        return reply.redirect('/app/sign-in', 303);
      });

      scope.get('/app', async (request, reply) => {
        const s = await requireSession(request, reply, false);
        if (s === undefined) return reply;
        return page(reply, s, 'Dashboard', renderDashboard(await dashboardLive(s)), 'dashboard');
      });
      scope.get('/app/fragments/dashboard', async (request, reply) => {
        const s = await requireSession(request, reply, false);
        if (s === undefined) return reply;
        return send(reply, 200, await dashboardLive(s));
      });

      scope.get('/app/incidents', async (request, reply) => {
        const s = await requireSession(request, reply, false);
        if (s === undefined) return reply;
        const query = request.query as Record<string, string | undefined>;
        const q: ListQuery = pick(query, ['q', 'status', 'severity', 'type', 'environment']);
        const filter: IncidentFilter = {
          limit: 500,
          ...(q.status === 'open' ? { statuses: ACTIVE } : oneOf(q.status, INCIDENT_STATUSES) ? { statuses: [q.status as IncidentStatus] } : {}),
          ...(oneOf(q.severity, SEVERITIES) ? { severities: [q.severity as Severity] } : {}),
          ...(oneOf(q.type, INCIDENT_TYPES) ? { types: [q.type as IncidentType] } : {}),
          ...(oneOf(q.environment, ENVIRONMENTS) ? { environments: [q.environment as Environment] } : {}),
        };
        const all = await deps.apiFor(s.principal).list(filter);
        const needle = q.q?.trim().toLowerCase() ?? '';
        const items = needle === '' ? all : all.filter((i) => `${i.id} ${i.title} ${i.service ?? ''}`.toLowerCase().includes(needle));
        return page(reply, s, 'Incidents', renderIncidentList(items, q, all.length >= 500), 'incidents');
      });
      scope.get('/app/incidents/new', async (request, reply) => {
        const s = await requireSession(request, reply, false);
        if (s === undefined) return reply;
        return page(reply, s, 'Declare', renderDeclareForm(s.csrf), 'declare');
      });
      scope.post('/app/incidents', async (request, reply) => {
        const s = await requireSession(request, reply, true);
        if (s === undefined) return reply;
        const form = (request.body ?? {}) as Form;
        try {
          const outcome = await deps.apiFor(s.principal).declare({
            severity: parseSeverity(field(form, 'severity', 20)),
            incidentType: parseIncidentType(field(form, 'type', 20)),
            environment: parseEnvironment(field(form, 'environment', 20)),
            ...optional(form, 'title', 2000), ...optional(form, 'service', 100), ...optional(form, 'summary', 4000),
          });
          // Declared for a team the declarer is not in: a receipt, not a redirect into a room that answers 404.
          if (isDeclarationReceipt(outcome)) return page(reply, s, outcome.receipt.id, renderDeclarationReceipt(outcome.receipt), 'declare');
          return reply.redirect(`/app/incidents/${encodeURIComponent(outcome.incident.id)}`, 303);
        } catch (error) {
          if (!isAppError(error)) throw error;
          return page(reply, s, 'Declare', renderDeclareForm(s.csrf, error.message, form), 'declare', deps.httpStatus[error.code]);
        }
      });

      scope.get<{ Params: { id: string }; Querystring: { show?: string } }>('/app/incidents/:id', async (request, reply) => {
        const s = await requireSession(request, reply, false);
        if (s === undefined) return reply;
        try {
          const r = await room(deps.apiFor(s.principal), request.params.id);
          return page(reply, s, r.incident.id, renderRoom({ ...r, show: parseTimelineFilter(request.query.show), csrf: s.csrf, matrix: deps.matrix }), 'incidents');
        } catch (error) {
          return errorPage(reply, s, error);
        }
      });
      scope.get<{ Params: { id: string; part: string }; Querystring: { show?: string } }>('/app/fragments/incidents/:id/:part', async (request, reply) => {
        const s = await requireSession(request, reply, false);
        if (s === undefined) return reply;
        const api = deps.apiFor(s.principal);
        try {
          switch (request.params.part) {
            case 'header': return send(reply, 200, renderRoomHeader(await api.get(request.params.id)));
            case 'checklist': return send(reply, 200, renderChecklist(await api.get(request.params.id), s.csrf));
            case 'timeline': return send(reply, 200, renderTimeline(await api.timeline(request.params.id), parseTimelineFilter(request.query.show)));
            default: throw new AppError('NOT_FOUND', `No part ${request.params.part}.`);
          }
        } catch (error) {
          if (!isAppError(error)) throw error;
          return send(reply, deps.httpStatus[error.code], `<p class="error">${h(error.message)}</p>`);
        }
      });
      scope.post<{ Params: { id: string; action: string } }>('/app/incidents/:id/do/:action', async (request, reply) => {
        const s = await requireSession(request, reply, true);
        if (s === undefined) return reply;
        const api = deps.apiFor(s.principal);
        const { id, action } = request.params;
        const form = (request.body ?? {}) as Form;
        try {
          await runAction(api, id, action, form);
          return reply.redirect(`/app/incidents/${encodeURIComponent(id)}`, 303);
        } catch (error) {
          if (!isAppError(error)) throw error;
          if (error.code === 'NOT_FOUND') return errorPage(reply, s, error);
          try {
            const r = await room(api, id);
            return page(reply, s, r.incident.id, renderRoom({ ...r, show: undefined, csrf: s.csrf, matrix: deps.matrix, error: error.message }), 'incidents', deps.httpStatus[error.code]);
          } catch (again) {
            return errorPage(reply, s, again);
          }
        }
      });

      scope.get<{ Params: { id: string } }>('/app/incidents/:id/rca', async (request, reply) => {
        const s = await requireSession(request, reply, false);
        if (s === undefined) return reply;
        try {
          const html = await deps.rcaHtml(s.principal, request.params.id);
          return page(reply, s, `RCA ${request.params.id}`, renderRcaPage(request.params.id, html, s.csrf, canEditRca(s.principal)), 'incidents');
        } catch (error) {
          return errorPage(reply, s, error);
        }
      });
      scope.post<{ Params: { id: string } }>('/app/incidents/:id/rca', async (request, reply) => {
        const s = await requireSession(request, reply, true);
        if (s === undefined) return reply;
        const { id } = request.params;
        const form = (request.body ?? {}) as Form;
        const text = (k: string) => (typeof form[k] === 'string' ? (form[k] as string).trim() : '');
        const lines = (k: string) => text(k).split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
        try {
          // The RCA rule of the use case (and of PATCH /incidents/{id}/rca), before reading the form.
          requirePermission(s.principal, RCA_EDIT_PERMISSION);
          const edit = {
            ...(text('rootCause') !== '' ? { rootCause: text('rootCause') } : {}),
            ...(text('impact') !== '' ? { impact: text('impact') } : {}),
            ...(lines('addFactors').length > 0 ? { addFactors: lines('addFactors') } : {}),
            ...(lines('addActions').length > 0 ? { addActions: lines('addActions').map(parseCorrectiveAction) } : {}),
          };
          await deps.editRca(s.principal, id, edit);
          return reply.redirect(`/app/incidents/${encodeURIComponent(id)}/rca`, 303);
        } catch (error) {
          if (!isAppError(error)) throw error;
          if (error.code === 'NOT_FOUND') return errorPage(reply, s, error);
          try {
            const html = await deps.rcaHtml(s.principal, id);
            return page(reply, s, `RCA ${id}`, renderRcaPage(id, html, s.csrf, canEditRca(s.principal), error.message), 'incidents', deps.httpStatus[error.code]);
          } catch (again) {
            return errorPage(reply, s, again);
          }
        }
      });
      scope.get('/app/oncall', async (request, reply) => {
        const s = await requireSession(request, reply, false);
        if (s === undefined) return reply;
        return page(reply, s, 'On call', renderOnCall(deps.schedules, deps.people, deps.clock.now(), deps.displayTimeZone), 'oncall');
      });
      scope.get<{ Querystring: { month?: string } }>('/app/reports', async (request, reply) => {
        const s = await requireSession(request, reply, false);
        if (s === undefined) return reply;
        const month = request.query.month !== undefined && /^\d{4}-\d{2}$/.test(request.query.month) ? request.query.month : undefined;
        try {
          return page(reply, s, 'Reports', renderReports(await deps.monthlyReportHtml(s.principal, month), month), 'reports');
        } catch (error) {
          return errorPage(reply, s, error);
        }
      });
    });
  }

  return {
    register,
    async principalFromCookie(header) {
      const session = sessions.open(readCookie(header, SESSION_COOKIE), deps.clock.now());
      const principal = session === undefined ? undefined : await deps.principalForTokenHash(session.tokenHash);
      return principal === undefined ? undefined : { principal, tokenHash: session!.tokenHash };
    },
  };
}

async function runAction(api: IncidentApi, id: string, action: string, form: Form): Promise<void> {
  switch (action) {
    case 'acknowledge': await api.acknowledge(id); return;
    case 'mitigate': await api.mitigate(id, optional(form, 'note', 4000).note); return;
    case 'step': await api.setStep(id, field(form, 'step', 100), form['done'] !== 'false'); return;
    case 'update': await api.postStatusUpdate(id, parsePublicStatus(field(form, 'status', 20)), field(form, 'message', 4000)); return;
    case 'role': await api.assignRole(id, parseIncidentRole(field(form, 'role', 40)), field(form, 'person', 200)); return;
    case 'severity': await api.changeSeverity(id, parseSeverity(field(form, 'severity', 20)), optional(form, 'reason', 2000).reason); return;
    case 'type': await api.changeType(id, parseIncidentType(field(form, 'type', 20)), optional(form, 'reason', 2000).reason); return;
    case 'resolve': await api.resolve(id, field(form, 'summary', 4000)); return;
    case 'reopen': await api.reopen(id, optional(form, 'reason', 2000).reason); return;
    case 'close': await api.close(id); return;
    case 'note': await api.addNote(id, field(form, 'text', 4000)); return;
    default: throw new AppError('NOT_FOUND', `No action '${action}'.`);
  }
}

/** A required form field, trimmed; VALIDATION naming it when missing, empty or too long. */
function field(form: Form, name: string, max: number): string {
  const value = form[name]?.trim() ?? '';
  if (value === '') throw new AppError('VALIDATION', `Fill in ${name}.`, { issues: [{ path: name, message: 'required' }] });
  if (value.length > max) throw new AppError('VALIDATION', `${name} is longer than ${max} characters.`, { issues: [{ path: name, message: 'too long' }] });
  return value;
}

function optional<K extends string>(form: Form, name: K, max: number): Partial<Record<K, string>> {
  const value = form[name]?.trim() ?? '';
  return value === '' ? {} : ({ [name]: field(form, name, max) } as Partial<Record<K, string>>);
}

function pick(query: Record<string, string | undefined>, keys: readonly (keyof ListQuery)[]): ListQuery {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = query[k];
    if (typeof v === 'string' && v.length <= 200) out[k] = v;
  }
  return out;
}

function oneOf(value: string | undefined, values: readonly string[]): boolean {
  return value !== undefined && values.includes(value);
}

/**
 * A form post from another site is refused: browsers send Sec-Fetch-Site, and Origin (pages are
 * served with Referrer-Policy same-origin, so it is not "null"). The session's CSRF token is
 * checked as well; this also covers the sign-in form, which has no session yet.
 */
function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

function cookieHeader(value: string, isSecure: boolean, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${isSecure ? '; Secure' : ''}`;
}
