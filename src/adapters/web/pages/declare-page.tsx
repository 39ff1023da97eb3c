/** @jsxImportSource @kitajs/html */
// Declaring an incident: severity, type, environment, a required title and the service from the
// configured services; a declarer who may not see what they declared gets a receipt instead.
import type { FastifyInstance } from 'fastify';
import { isDeclarationReceipt, type DeclarationReceipt } from '../../../app/incidents/index.js';
import { ENVIRONMENTS, INCIDENT_TYPES, SEVERITIES } from '../../../domain/classification/index.js';
import { isAppError } from '../../../domain/errors/index.js';
import { CsrfField, ErrorBox, Select, When, html } from '../components.js';
import type { WebContext } from '../web-context.js';
import { FORMS, parseForm } from '../web-forms.js';
import type { WebTime } from '../web-time.js';

const SEVERITY_LABELS: Record<string, string> = { critical: 'SEV-1 critical', high: 'SEV-2 high', medium: 'SEV-3 medium', low: 'SEV-4 low' };

export function DeclarePage(p: { csrf: string; services: readonly { id: string; name: string }[]; error?: string; values?: Record<string, unknown> }): JSX.Element {
  const value = (k: string) => (typeof p.values?.[k] === 'string' ? (p.values[k] as string) : undefined);
  return (
    <>
      <h1>Declare an incident</h1>
      <ErrorBox message={p.error} />
      <form class="panel" method="post" action="/app/incidents">
        <CsrfField csrf={p.csrf} />
        <div class="fields">
          <div><label for="severity">Severity</label><Select name="severity" values={SEVERITIES} labels={SEVERITY_LABELS} selected={value('severity') ?? 'high'} /></div>
          <div><label for="type">Type</label><Select name="type" values={INCIDENT_TYPES} selected={value('type') ?? 'outage'} /></div>
          <div><label for="environment">Environment</label><Select name="environment" values={ENVIRONMENTS} selected={value('environment') ?? 'production'} /></div>
        </div>
        <label for="title">Title (required)</label>
        <input id="title" class="wide" name="title" required maxlength="2000" value={value('title')} placeholder="what is wrong, in a few words" />
        <label for="service">Service</label>
        {p.services.length > 0
          ? <Select name="service" values={p.services.map((s) => s.id)} labels={Object.fromEntries(p.services.map((s) => [s.id, s.name === s.id ? s.id : `${s.name} (${s.id})`]))} selected={value('service')} empty="not service-specific" />
          : <input id="service" class="wide" name="service" maxlength="100" value={value('service')} />}
        <label for="summary">Summary</label>
        <textarea id="summary" name="summary" maxlength="4000" safe>{value('summary') ?? ''}</textarea>
        <p><button class="primary" type="submit">Declare</button></p>
      </form>
    </>
  );
}

/** After declaring an incident the declarer may not see (security, outside the security team): the receipt instead of a room that would answer 404. */
export function DeclarationReceiptPage({ r, time }: { r: DeclarationReceipt; time: WebTime }): JSX.Element {
  return (
    <>
      <h1 safe>{`${r.id} handed to the ${r.handedTo} team`}</h1>
      <div class="panel" role="status">
        <p><b safe>{`${r.severityLabel} ${r.type}`}</b> · <span safe>{r.title}</span></p>
        <p>Declared <When at={r.declaredAt} time={time} />.</p>
        <p safe>{r.message}</p>
      </div>
      <p><a href="/app/incidents/new">Declare another incident</a></p>
    </>
  );
}

export function registerDeclarePage(scope: FastifyInstance, ctx: WebContext): void {
  scope.get('/app/incidents/new', async (request, reply) => {
    const s = ctx.sessions.signedIn(request);
    return ctx.page(request, reply, { title: 'Declare', current: 'declare', body: html(<DeclarePage csrf={s.csrf} services={ctx.deps.services} />) });
  });
  scope.post('/app/incidents', async (request, reply) => {
    const s = ctx.sessions.signedIn(request);
    try {
      const f = parseForm(FORMS.declare, request.body);
      const outcome = await ctx.deps.apiFor(s.principal).declare({
        severity: f.severity, incidentType: f.type, environment: f.environment, title: f.title,
        ...(f.service === undefined ? {} : { service: f.service }), ...(f.summary === undefined ? {} : { summary: f.summary }),
      });
      if (isDeclarationReceipt(outcome)) return await ctx.page(request, reply, { title: outcome.receipt.id, current: 'declare', body: html(<DeclarationReceiptPage r={outcome.receipt} time={ctx.timeFor(s.principal)} />) });
      return reply.redirect(`/app/incidents/${encodeURIComponent(outcome.incident.id)}?done=declared`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const body = html(<DeclarePage csrf={s.csrf} services={ctx.deps.services} error={error.message} values={request.body as Record<string, unknown>} />);
      return ctx.page(request, reply, { title: 'Declare', current: 'declare', body, status: ctx.deps.httpStatus[error.code] });
    }
  });
}
