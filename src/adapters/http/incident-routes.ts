import { AppError } from '../../domain/errors/index.js';
import { parseIncidentId } from '../../domain/incident/index.js';
import { epochMs } from '../../domain/time/index.js';
import { defineRoute, type ApiRoute } from './api-route.js';
import {
  assignRoleBody, auditResult, commandOutcome, declarationReceipt, declaredOutcome, declareBody, emptyBody, incidentDto, incidentPage, incidentParams, listQuery, mitigateBody,
  noteBody, impactBody, reopenBody, resolveBody, severityBody, statusUpdateBody, stepBody, stepParams, timelinePage, typeBody,
} from './api-schemas.js';
import { encodeCursor, toIncidentFilter } from './list-query.js';

const id = (p: { id: string }) => parseIncidentId(p.id);

/** The incident routes of docs/api.md, each a thin call into IncidentApi as the caller. */
export const INCIDENT_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'POST', path: '/incidents', summary: 'Declare an incident', permission: 'incident:work',
    body: declareBody, status: 201, response: declaredOutcome,
    alternative: {
      status: 202, response: declarationReceipt, matches: (r) => typeof r === 'object' && r !== null && 'receipt' in r,
      description: 'Declared and handed to the team the caller is not in (a security incident declared outside the security team): a receipt only',
    },
    handle: ({ api, body }) => api.declare({
      severity: body.severity,
      incidentType: body.type,
      environment: body.environment,
      ...(body.title === undefined ? {} : { title: body.title }),
      ...(body.service === undefined ? {} : { service: body.service }),
      ...(body.summary === undefined ? {} : { summary: body.summary }),
      ...(body.impactStartedAt === undefined ? {} : { impactStartedAt: epochMs(Date.parse(body.impactStartedAt)) }),
    }),
  }),
  defineRoute({
    method: 'GET', path: '/incidents', summary: 'List incidents, newest first, one page at a time', permission: 'incident:read',
    query: listQuery, status: 200, response: incidentPage,
    async handle({ api, query }) {
      const { filter, limit } = toIncidentFilter(query);
      // One more than the page tells whether another page follows.
      const found = await api.list({ ...filter, limit: limit + 1 });
      const items = found.slice(0, limit);
      const last = items[items.length - 1];
      return { items, nextCursor: found.length > limit && last !== undefined ? encodeCursor(last) : null };
    },
  }),
  defineRoute({
    method: 'GET', path: '/incidents/{id}', summary: 'One incident: state, roles, clocks, checklist', permission: 'incident:read',
    params: incidentParams, status: 200, response: incidentDto,
    // The kept JSON where the API offers it (the same bytes as serialising `get`'s document).
    handle: async ({ api, params, reply }) => {
      if (api.getJson === undefined) return api.get(id(params));
      const json = await api.getJson(id(params));
      reply.type('application/json; charset=utf-8');
      return json;
    },
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/acknowledge', summary: 'Acknowledge (stops the response clock)', permission: 'incident:work',
    params: incidentParams, body: emptyBody, status: 200, response: commandOutcome,
    handle: ({ api, params }) => api.acknowledge(id(params)),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/mitigate', summary: 'Impact is stopped', permission: 'incident:work',
    params: incidentParams, body: mitigateBody, status: 200, response: commandOutcome,
    handle: ({ api, params, body }) => api.mitigate(id(params), body.note),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/status-updates', summary: 'Post a status update', permission: 'incident:work',
    params: incidentParams, body: statusUpdateBody, status: 200, response: commandOutcome,
    handle: ({ api, params, body }) => api.postStatusUpdate(id(params), body.status, body.message),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/roles', summary: 'Give someone an incident role', permission: 'incident:command',
    params: incidentParams, body: assignRoleBody, status: 200, response: commandOutcome,
    handle: ({ api, params, body }) => api.assignRole(id(params), body.role, body.person),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/steps/{step}', summary: 'Mark a workflow step done or not done', permission: 'incident:work',
    params: stepParams, body: stepBody, status: 200, response: commandOutcome,
    handle: ({ api, params, body }) => api.setStep(id(params), params.step, body.done),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/severity', summary: 'Re-classify the severity', permission: 'incident:command',
    params: incidentParams, body: severityBody, status: 200, response: commandOutcome,
    handle: ({ api, params, body }) => api.changeSeverity(id(params), body.severity, body.reason),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/type', summary: 'Re-classify the type', permission: 'incident:command',
    params: incidentParams, body: typeBody, status: 200, response: commandOutcome,
    handle: ({ api, params, body }) => api.changeType(id(params), body.type, body.reason),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/resolve', summary: 'Resolve', permission: 'incident:command',
    params: incidentParams, body: resolveBody, status: 200, response: commandOutcome,
    handle: ({ api, params, body }) => api.resolve(id(params), body.summary, body.reason),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/reopen', summary: 'Reopen a resolved incident', permission: 'incident:command',
    params: incidentParams, body: reopenBody, status: 200, response: commandOutcome,
    handle: ({ api, params, body }) => api.reopen(id(params), body.reason),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/close', summary: 'Close a resolved incident', permission: 'incident:command',
    params: incidentParams, body: emptyBody, status: 200, response: commandOutcome,
    handle: ({ api, params }) => api.close(id(params)),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/impact', summary: 'Assess the business impact: customers affected, revenue at risk per minute', permission: 'incident:work',
    params: incidentParams, body: impactBody, status: 200, response: commandOutcome,
    handle: ({ api, params, body, deps }) => {
      const { fromMetrics, ...figures } = body;
      if (fromMetrics !== true) return api.assessImpact(id(params), figures);
      const reading = deps.customersAffectedReading?.();
      if (reading === undefined) {
        throw new AppError('VALIDATION', 'fromMetrics needs impact.customers_affected_metric in the configuration and live detection on this server.', { issues: [{ path: 'fromMetrics', message: 'no metric configured' }] });
      }
      if (reading.value === undefined) {
        throw new AppError('CONFLICT', `The metric ${reading.metric} has no reading yet; try again after the next evaluation, or enter customersAffected.`);
      }
      return api.assessImpact(id(params), { ...figures, customersAffected: Math.round(reading.value), source: 'metric' });
    },
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/notes', summary: 'Add a note to the timeline', permission: 'incident:work',
    params: incidentParams, body: noteBody, status: 200, response: commandOutcome,
    handle: ({ api, params, body }) => api.addNote(id(params), body.text),
  }),
  defineRoute({
    method: 'GET', path: '/incidents/{id}/timeline', summary: 'Everything that happened to an incident, in order', permission: 'incident:read',
    params: incidentParams, status: 200, response: timelinePage,
    handle: async ({ api, params }) => ({ items: await api.timeline(id(params)) }),
  }),
  defineRoute({
    method: 'GET', path: '/audit/verify', summary: 'Walk the hash chain and check the signed checkpoints', permission: 'audit:read',
    status: 200, response: auditResult,
    handle: ({ api, deps }) => (deps.verifyAuditTrail !== undefined ? deps.verifyAuditTrail() : api.verifyAudit()),
  }),
];
