import { z } from 'zod';
import { defineRoute, type ApiRoute } from './api-route.js';
import type { ServerDeps } from './server-deps.js';

const when = z.string().trim().min(1).max(100)
  .describe('ISO-8601 with an offset (2026-11-28T22:00Z), or a local time (2026-11-28 22:00) read in `timeZone`');

export const createOverrideBody = z.strictObject({
  scheduleId: z.string().trim().min(1).max(200).describe('id of a configured schedule'),
  personId: z.string().trim().min(1).max(200).describe('who goes on call (people: id)'),
  from: when,
  to: when,
  replacesPersonId: z.string().trim().min(1).max(200).optional().describe('only where this person would have been on call'),
  note: z.string().trim().max(500).optional().describe('why ("cover Tuesday night")'),
  timeZone: z.string().trim().min(1).max(100).optional().describe('IANA zone local times are read in; default the display time zone'),
});
const overrideDto = z.object({
  id: z.string(), scheduleId: z.string(), personId: z.string(), personName: z.string(), replacesPersonId: z.string().nullable(),
  startAt: z.string(), endAt: z.string(), note: z.string(), createdBy: z.string(), createdAt: z.string(),
});
const listQuery = z.strictObject({ schedule: z.string().max(200).optional().describe('only this schedule') });
const idParams = z.strictObject({ id: z.string().max(200) });

function overrides(deps: ServerDeps) {
  if (deps.oncallChanges === undefined) throw new Error('on-call override routes registered without oncallChanges');
  return deps.oncallChanges.overrides;
}

/**
 * On-call overrides made at runtime (the CLI's `oncall override`). Responders may put themselves
 * on call or hand over their own shift; commanders and admins may override anyone.
 */
export const ONCALL_OVERRIDE_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'POST', path: '/oncall/overrides', summary: 'Put someone on call for a span ("take my shift"); stored overrides win over configured ones', permission: 'incident:work',
    body: createOverrideBody, status: 201, response: z.object({ override: overrideDto }),
    handle: async ({ deps, principal, body }) => ({
      override: await overrides(deps).create(principal, {
        scheduleId: body.scheduleId, personId: body.personId, from: body.from, to: body.to,
        ...(body.replacesPersonId !== undefined ? { replacesPersonId: body.replacesPersonId } : {}),
        ...(body.note !== undefined ? { note: body.note } : {}),
        ...(body.timeZone !== undefined ? { timeZone: body.timeZone } : {}),
      }),
    }),
  }),
  defineRoute({
    method: 'GET', path: '/oncall/overrides', summary: 'Overrides made at runtime that are running or to come', permission: 'incident:read',
    query: listQuery, status: 200, response: z.object({ items: z.array(overrideDto) }),
    handle: async ({ deps, principal, query }) => ({ items: await overrides(deps).list(principal, query.schedule !== undefined ? { scheduleId: query.schedule } : {}) }),
  }),
  defineRoute({
    method: 'DELETE', path: '/oncall/overrides/{id}', summary: 'Delete an override made at runtime', permission: 'incident:work',
    params: idParams, status: 200, response: z.object({ override: overrideDto }),
    handle: async ({ deps, principal, params }) => ({ override: await overrides(deps).delete(principal, params.id) }),
  }),
];

