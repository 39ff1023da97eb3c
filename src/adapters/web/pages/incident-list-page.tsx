/** @jsxImportSource @kitajs/html */
// The incident list: search and filters over every incident the principal may see (newest 500).
import type { FastifyInstance } from 'fastify';
import type { IncidentSummaryDto } from '../../../app/incidents/index.js';
import type { IncidentFilter } from '../../../app/ports/index.js';
import { ENVIRONMENTS, INCIDENT_TYPES, SEVERITIES, type Environment, type IncidentType, type Severity } from '../../../domain/classification/index.js';
import { INCIDENT_STATUSES, isActiveStatus, type IncidentStatus } from '../../../domain/incident/index.js';
import { Select, Sev, Since, When, html } from '../components.js';
import type { WebContext } from '../web-context.js';
import type { WebTime } from '../web-time.js';

const LIMIT = 500;
const ACTIVE: IncidentStatus[] = INCIDENT_STATUSES.filter(isActiveStatus);

export interface ListQuery {
  readonly q?: string;
  readonly status?: string;
  readonly severity?: string;
  readonly type?: string;
  readonly environment?: string;
}

function readQuery(query: Record<string, unknown>): ListQuery {
  const out: Record<string, string> = {};
  for (const k of ['q', 'status', 'severity', 'type', 'environment'] as const) {
    const v = query[k];
    if (typeof v === 'string' && v.length <= 200) out[k] = v;
  }
  return out;
}

const oneOf = <T extends string>(value: string | undefined, values: readonly T[]): value is T => value !== undefined && (values as readonly string[]).includes(value);

export function registerIncidentListPage(scope: FastifyInstance, ctx: WebContext): void {
  scope.get('/app/incidents', async (request, reply) => {
    const s = ctx.sessions.signedIn(request);
    const q = readQuery(request.query as Record<string, unknown>);
    const filter: IncidentFilter = {
      limit: LIMIT,
      ...(q.status === 'open' ? { statuses: ACTIVE } : oneOf(q.status, INCIDENT_STATUSES) ? { statuses: [q.status as IncidentStatus] } : {}),
      ...(oneOf(q.severity, SEVERITIES) ? { severities: [q.severity as Severity] } : {}),
      ...(oneOf(q.type, INCIDENT_TYPES) ? { types: [q.type as IncidentType] } : {}),
      ...(oneOf(q.environment, ENVIRONMENTS) ? { environments: [q.environment as Environment] } : {}),
    };
    const all = await ctx.deps.apiFor(s.principal).list(filter);
    const needle = q.q?.trim().toLowerCase() ?? '';
    const items = needle === '' ? all : all.filter((i) => `${i.id} ${i.title} ${i.service ?? ''}`.toLowerCase().includes(needle));
    return ctx.page(request, reply, { title: 'Incidents', current: 'incidents', body: html(<IncidentListPage items={items} query={q} isTruncated={all.length >= LIMIT} time={ctx.timeFor(s.principal)} />) });
  });
}

export function IncidentListPage(p: { items: readonly IncidentSummaryDto[]; query: ListQuery; isTruncated: boolean; time: WebTime }): JSX.Element {
  const { items, query } = p;
  return (
    <>
      <h1>Incidents</h1>
      <form class="panel" method="get" action="/app/incidents" role="search">
        <div class="fields">
          <div><label for="search">Search</label><input id="search" name="q" type="search" maxlength="200" value={query.q} placeholder="id, title or service" /></div>
          <div><label for="status">Status</label><Select name="status" values={['open', ...INCIDENT_STATUSES]} selected={query.status} empty="any" /></div>
          <div><label for="severity">Severity</label><Select name="severity" values={SEVERITIES} selected={query.severity} empty="any" /></div>
          <div><label for="type">Type</label><Select name="type" values={INCIDENT_TYPES} selected={query.type} empty="any" /></div>
          <div><label for="environment">Environment</label><Select name="environment" values={ENVIRONMENTS} selected={query.environment} empty="any" /></div>
          <div><button type="submit">Filter</button></div>
        </div>
      </form>
      <section class="panel" aria-label="Matching incidents">
        <p class="muted" safe>{`${items.length} incident${items.length === 1 ? '' : 's'}${p.isTruncated ? ` (the newest ${LIMIT}; narrow the filters to see older ones)` : ''}`}</p>
        {items.length === 0 ? <p>No incidents match.</p> : (
          <div class="table-wrap">
            <table id="incident-list" class="cards">
              <thead><tr><th scope="col">ID</th><th scope="col">Severity</th><th scope="col">Title</th><th scope="col">Type</th><th scope="col" class="hide-narrow">Env</th><th scope="col">Status</th><th scope="col" class="hide-narrow">Declared</th><th scope="col" class="hide-narrow">Open for</th></tr></thead>
              <tbody>
                {items.map((i) => (
                  <tr>
                    <td data-label="ID" class="id"><a href={`/app/incidents/${i.id}`} safe>{i.id}</a></td>
                    <td data-label="Severity"><Sev severity={i.severity} label={i.severityLabel} /></td>
                    <td data-label="Title" class="title"><a class="clip" href={`/app/incidents/${i.id}`} title={i.title} safe>{i.title}</a></td>
                    <td data-label="Type" safe>{i.type}</td>
                    <td data-label="Env" class="hide-narrow" safe>{i.environment}</td>
                    <td data-label="Status" safe>{i.status}</td>
                    <td data-label="Declared" class="hide-narrow nowrap"><When at={i.declaredAt} time={p.time} /></td>
                    <td data-label="Open for" class="hide-narrow">{i.resolvedAt === null ? <Since at={i.declaredAt} time={p.time} /> : <span class="muted">resolved</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
