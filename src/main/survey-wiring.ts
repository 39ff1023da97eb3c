// The customer satisfaction survey: a signed link per incident and recipient in resolution messages
// to customers (`impact.survey: true`), a one-question page, and the answer recorded on the incident
// as `satisfaction-rated` (a respondent's last answer counts). The link names no person: the
// respondent is a keyed hash of the address it was sent to.
import type { FastifyInstance } from 'fastify';
import { isAppError } from '../domain/errors/index.js';
import { codecOf, surveyLinker } from './survey-links.js';
import type { App } from './create-app.js';

const SCORES = [1, 2, 3, 4, 5] as const;
const LABELS: Readonly<Record<number, string>> = { 1: 'Very dissatisfied', 2: 'Dissatisfied', 3: 'Neutral', 4: 'Satisfied', 5: 'Very satisfied' };

/** The survey link for a resolution message to `recipient`; undefined unless `impact.survey` and `status_page.url` are configured. */
export function surveyUrl(app: App, incidentId: string, recipient: string): string | undefined {
  return surveyLinker(() => app.config, app.env)(incidentId, recipient);
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escape(title)}</title><style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:2rem 1rem;color:#1a1a1a;background:#fff}main{max-width:32rem;margin:0 auto}
h1{font-size:1.4rem}fieldset{border:0;padding:0;margin:1rem 0}legend{font-weight:600;margin-bottom:.5rem}
.scores{display:flex;flex-wrap:wrap;gap:.5rem}button{font:inherit;padding:.6rem .9rem;border:2px solid #1f4e9c;border-radius:.4rem;background:#fff;color:#1f4e9c;cursor:pointer;min-width:3rem}
button:focus-visible{outline:3px solid #000;outline-offset:2px}button[aria-pressed=true]{background:#1f4e9c;color:#fff}p.note{color:#444}
@media (prefers-color-scheme:dark){body{background:#111;color:#eee}button{background:#111;color:#9cc0ff;border-color:#9cc0ff}button[aria-pressed=true]{background:#9cc0ff;color:#111}p.note{color:#bbb}}
</style></head><body><main>${body}</main></body></html>`;
}

/** GET shows the question (a link may preselect `?score=`); POST records the answer. A GET never records: mail scanners follow links. */
export function registerSurveyRoutes(server: FastifyInstance, app: App): void {
  if (app.config.impact?.survey !== true || app.config.statusPage === undefined) return;
  const codec = codecOf(app.env);
  const siteName = app.config.statusPage.name;
  const invalid = (reply: { code(n: number): unknown; type(t: string): unknown; send(b: string): unknown }) => {
    reply.code(404);
    reply.type('text/html; charset=utf-8');
    return reply.send(page('Survey link not valid', '<h1>This survey link is not valid</h1><p>It may have been copied incompletely. Thank you for wanting to tell us.</p>'));
  };

  void server.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    scope.get<{ Params: { token: string }; Querystring: { score?: string } }>('/survey/:token', async (request, reply) => {
      const claims = codec.open(request.params.token);
      if (claims === undefined) return invalid(reply);
      const chosen = Number(request.query.score);
      const buttons = SCORES.map((s) => `<button type="submit" name="score" value="${s}" aria-pressed="${s === chosen}" aria-label="${s} — ${LABELS[s]}">${s}</button>`).join('');
      void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      return page(`How did we do? — ${siteName}`, `<h1>How satisfied are you with how we handled this incident?</h1>
  <form method="post" action="/survey/${escape(request.params.token)}"><fieldset><legend>1 is very dissatisfied, 5 is very satisfied</legend><div class="scores">${buttons}</div></fieldset></form>
  <p class="note">One answer counts per person; answering again replaces it. ${escape(siteName)}</p>`);
    });

    scope.post<{ Params: { token: string }; Body: unknown }>('/survey/:token', async (request, reply) => {
      const claims = codec.open(request.params.token);
      if (claims === undefined) return invalid(reply);
      const body = request.body;
      const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['score'] : undefined;
      const score = typeof raw === 'string' && /^[1-5]$/.test(raw) ? Number(raw) : typeof raw === 'number' ? raw : NaN;
      void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      try {
        await app.incidents.rateSatisfaction(claims.incidentId, score, claims.respondent);
      } catch (e) {
        if (!isAppError(e)) throw e;
        const status = e.code === 'VALIDATION' ? 400 : e.code === 'NOT_FOUND' ? 404 : e.code === 'INVALID_TRANSITION' ? 409 : 500;
        reply.code(status);
        return page('Answer not recorded', `<h1>Your answer was not recorded</h1><p>${escape(e.code === 'VALIDATION' ? 'Choose a number from 1 to 5.' : e.message)}</p>`);
      }
      return page(`Thank you — ${siteName}`, `<h1>Thank you</h1><p>You answered ${score} — ${escape(LABELS[score] ?? '')}. Your answer helps us improve how we handle incidents.</p>`);
    });
  });
}
