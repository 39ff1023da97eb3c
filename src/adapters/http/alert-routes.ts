import type { StoredAlert } from '../../app/ports/index.js';
import { AppError } from '../../domain/errors/index.js';
import { epochMs } from '../../domain/time/index.js';
import { defineRoute, type ApiRoute } from './api-route.js';
import {
  alertList, alertQuery, createIntegrationBody, createSilenceBody, createdIntegration, idOrNameParams, integrationList, integrationRecord,
  silenceDto, silenceList, silenceParams,
} from './alert-schemas.js';
import type { ServerDeps } from './server-deps.js';

function alertsOf(deps: ServerDeps): NonNullable<ServerDeps['alerts']> {
  if (deps.alerts === undefined) throw new AppError('INTERNAL', 'alert routes registered without alert services');
  return deps.alerts;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function toAlertDto(a: StoredAlert) {
  return {
    id: a.id, source: a.source, integration: a.integrationKey, dedupKey: a.dedupKey, status: a.status,
    ...(a.incidentId !== undefined ? { incidentId: a.incidentId } : {}), summary: a.summary, severity: a.severity,
    ...(a.service !== undefined ? { service: a.service } : {}), labels: a.labels, occurrences: a.occurrences,
    openedAt: iso(a.openedAt), lastSeenAt: iso(a.lastSeenAt), ...(a.resolvedAt !== undefined ? { resolvedAt: iso(a.resolvedAt) } : {}),
    ...(a.silencedBy !== undefined ? { silencedBy: a.silencedBy } : {}),
  };
}

/** Integration keys (admins), silences (responders) and the alerts behind incidents; the CLI's `integration` and `silence` verbs. */
export const ALERT_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'POST', path: '/integrations', summary: 'Create an integration key (shown once)', permission: 'config:manage',
    body: createIntegrationBody, status: 201, response: createdIntegration,
    handle: ({ deps, principal, body }) => alertsOf(deps).integrations.create(body, principal),
  }),
  defineRoute({
    method: 'GET', path: '/integrations', summary: 'List integration keys, revoked included', permission: 'config:manage',
    status: 200, response: integrationList,
    handle: async ({ deps, principal }) => ({ items: await alertsOf(deps).integrations.list(principal) }),
  }),
  defineRoute({
    method: 'DELETE', path: '/integrations/{idOrName}', summary: 'Revoke an integration key', permission: 'config:manage',
    params: idOrNameParams, status: 200, response: integrationRecord,
    handle: async ({ deps, principal, params }) => ({ record: await alertsOf(deps).integrations.revoke(params.idOrName, principal) }),
  }),
  defineRoute({
    method: 'POST', path: '/silences', summary: 'Silence alerts matching labels for a while (audited)', permission: 'incident:work',
    body: createSilenceBody, status: 201, response: silenceDto,
    handle: ({ deps, principal, body }) => alertsOf(deps).silences.create({
      matchers: body.matchers, reason: body.reason,
      ...(body.duration !== undefined ? { duration: body.duration } : {}),
      ...(body.startsAt !== undefined ? { startsAt: epochMs(Date.parse(body.startsAt)) } : {}),
      ...(body.endsAt !== undefined ? { endsAt: epochMs(Date.parse(body.endsAt)) } : {}),
    }, principal),
  }),
  defineRoute({
    method: 'GET', path: '/silences', summary: 'List silences, expired included', permission: 'incident:read',
    status: 200, response: silenceList,
    handle: async ({ deps, principal }) => ({ items: await alertsOf(deps).silences.list(principal) }),
  }),
  defineRoute({
    method: 'DELETE', path: '/silences/{id}', summary: 'Expire a silence now', permission: 'incident:work',
    params: silenceParams, status: 200, response: silenceDto,
    handle: ({ deps, principal, params }) => alertsOf(deps).silences.expire(params.id, principal),
  }),
  defineRoute({
    method: 'GET', path: '/alerts', summary: 'Alerts the caller may see, newest first (by incident or status)', permission: 'incident:read',
    query: alertQuery, status: 200, response: alertList,
    handle: async ({ deps, principal, query }) => {
      const alerts = await alertsOf(deps).listAlerts({
        ...(query.incident !== undefined ? { incidentId: query.incident } : {}),
        ...(query.status !== undefined ? { statuses: [query.status] } : {}),
        ...(query.limit !== undefined ? { limit: query.limit } : {}),
      }, principal);
      return { items: alerts.map(toAlertDto) };
    },
  }),
];
