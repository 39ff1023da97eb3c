/** @jsxImportSource @kitajs/html */
// The root-cause analysis document with its edit form (root cause, impact, contributing factors, corrective actions).
import type { FastifyInstance } from 'fastify';
import { RCA_EDIT_PERMISSION, canEditRca } from '../../../app/rca/index.js';
import { requirePermission } from '../../../domain/access/index.js';
import { isAppError } from '../../../domain/errors/index.js';
import { parseCorrectiveAction } from '../../../domain/rca/index.js';
import { CsrfField, ErrorBox, html } from '../components.js';
import type { WebContext } from '../web-context.js';
import { FORMS, parseForm } from '../web-forms.js';
import { documentBody } from './reports-page.js';

export function registerRcaPage(scope: FastifyInstance, ctx: WebContext): void {
  scope.get<{ Params: { id: string } }>('/app/incidents/:id/rca', async (request, reply) => {
    const s = ctx.sessions.signedIn(request);
    try {
      const safeDocument = documentBody(await ctx.deps.rcaHtml(s.principal, request.params.id));
      return await ctx.page(request, reply, { title: `RCA ${request.params.id}`, current: 'incidents', body: html(<RcaPage id={request.params.id} safeDocument={safeDocument} csrf={s.csrf} canEdit={canEditRca(s.principal)} />) });
    } catch (error) {
      return ctx.errorPage(request, reply, error);
    }
  });
  scope.post<{ Params: { id: string } }>('/app/incidents/:id/rca', async (request, reply) => {
    const s = ctx.sessions.signedIn(request);
    const { id } = request.params;
    try {
      // The RCA rule of the use case (and of PATCH /incidents/{id}/rca), before reading the form.
      requirePermission(s.principal, RCA_EDIT_PERMISSION);
      const f = parseForm(FORMS.rca, request.body);
      await ctx.deps.editRca(s.principal, id, {
        ...(f.rootCause !== undefined ? { rootCause: f.rootCause } : {}),
        ...(f.impact !== undefined ? { impact: f.impact } : {}),
        ...(f.addFactors.length > 0 ? { addFactors: f.addFactors } : {}),
        ...(f.addActions.length > 0 ? { addActions: f.addActions.map(parseCorrectiveAction) } : {}),
      });
      return reply.redirect(`/app/incidents/${encodeURIComponent(id)}/rca?done=rca`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'NOT_FOUND') return ctx.errorPage(request, reply, error);
      try {
        const safeDocument = documentBody(await ctx.deps.rcaHtml(s.principal, id));
        const body = html(<RcaPage id={id} safeDocument={safeDocument} csrf={s.csrf} canEdit={canEditRca(s.principal)} error={error.message} />);
        return await ctx.page(request, reply, { title: `RCA ${id}`, current: 'incidents', body, status: ctx.deps.httpStatus[error.code] });
      } catch (again) {
        return ctx.errorPage(request, reply, again);
      }
    }
  });
}

export function RcaPage(p: { id: string; safeDocument: string; csrf: string; canEdit: boolean; error?: string }): JSX.Element {
  const { safeDocument } = p;
  return (
    <>
      <p><a href={`/app/incidents/${p.id}`} safe>{`← ${p.id}`}</a> · <a href={`/api/v1/incidents/${p.id}/rca?format=pdf`}>PDF</a> · <a href={`/api/v1/incidents/${p.id}/rca?format=markdown`}>Markdown</a></p>
      <ErrorBox message={p.error} />
      <section class="panel report" aria-label="Root-cause analysis" tabindex="0">{safeDocument}</section>
      {p.canEdit ? (
        <form class="panel" method="post" action={`/app/incidents/${p.id}/rca`}>
          <CsrfField csrf={p.csrf} />
          <h2>Edit the analysis</h2>
          <label for="rca-root">Root cause</label><textarea id="rca-root" name="rootCause" maxlength="4000"></textarea>
          <label for="rca-impact">Impact</label><textarea id="rca-impact" name="impact" maxlength="4000"></textarea>
          <label for="rca-factors">Add contributing factors (one per line)</label><textarea id="rca-factors" name="addFactors" maxlength="8000"></textarea>
          <label for="rca-actions">Add corrective actions (one per line: <code>[Immediate] Add pool monitoring @alice due 2026-12-05</code>; tags Immediate, Short-term, Long-term, Process)</label><textarea id="rca-actions" name="addActions" maxlength="8000"></textarea>
          <p class="muted">Fields left empty keep their value. Every edit is recorded on the incident's timeline; corrective actions become action items.</p>
          <p><button class="primary" type="submit">Save</button></p>
        </form>
      ) : ''}
    </>
  );
}
