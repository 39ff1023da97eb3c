import { z } from 'zod';
import type { MaintenanceWindow } from '../../domain/status-page/index.js';
import { epochMs } from '../../domain/time/index.js';
import { PUBLIC_IMPACTS, parseIncidentId } from '../../domain/incident/index.js';
import { commandOutcome } from './api-schemas.js';
import { defineRoute, type ApiRoute } from './api-route.js';
import type { ServerDeps } from './server-deps.js';

const instant = z.iso.datetime({ offset: true }).describe('ISO-8601 instant, e.g. 2026-11-29T02:00:00Z');

export const scheduleMaintenanceBody = z.strictObject({
  title: z.string().trim().min(1).max(2000),
  componentIds: z.array(z.string().max(100)).min(1).max(100).describe('ids of status_page.components'),
  startsAt: instant,
  endsAt: instant,
  message: z.string().trim().max(5000).optional().describe('details for customers'),
});
const publishBody = z.strictObject({
  componentIds: z.array(z.string().max(100)).max(100).default([]).describe('ids of status_page.components'),
  impact: z.enum(PUBLIC_IMPACTS).describe('impact customers see'),
  title: z.string().trim().min(1).max(500).optional().describe('public title (default: the incident title; required for security incidents)'),
});
const maintenanceParams = z.strictObject({ id: z.string().max(100) });
const maintenanceDto = z.object({
  id: z.string(), title: z.string(), componentIds: z.array(z.string()), startsAt: z.string(), endsAt: z.string(), createdAt: z.string(), message: z.string().nullable(),
});

function toDto(w: MaintenanceWindow): z.infer<typeof maintenanceDto> {
  const iso = (ms: number) => new Date(ms).toISOString();
  return { id: w.id, title: w.title, componentIds: [...w.componentIds], startsAt: iso(w.startsAt), endsAt: iso(w.endsAt), createdAt: iso(w.createdAt), message: w.message ?? null };
}

function desk(deps: ServerDeps) {
  if (deps.maintenanceFor === undefined) throw new Error('maintenance routes registered without maintenanceFor');
  return deps.maintenanceFor;
}

/** The status page over the API: scheduled maintenance and publishing incidents (the CLI's `maintenance`, `publish` and `unpublish`). */
export const MAINTENANCE_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'POST', path: '/maintenances', summary: 'Schedule a maintenance window on the status page', permission: 'incident:work',
    body: scheduleMaintenanceBody, status: 201, response: z.object({ window: maintenanceDto }),
    handle: async ({ deps, principal, body }) => ({
      window: toDto(await desk(deps)(principal).scheduleMaintenance({
        title: body.title, componentIds: body.componentIds, startsAt: epochMs(Date.parse(body.startsAt)), endsAt: epochMs(Date.parse(body.endsAt)),
        ...(body.message === undefined ? {} : { message: body.message }),
      })),
    }),
  }),
  defineRoute({
    method: 'GET', path: '/maintenances', summary: 'Maintenance windows in progress or scheduled, earliest first', permission: 'incident:read',
    status: 200, response: z.object({ items: z.array(maintenanceDto) }),
    handle: async ({ deps, principal }) => ({ items: (await desk(deps)(principal).listMaintenances()).map(toDto) }),
  }),
  defineRoute({
    method: 'DELETE', path: '/maintenances/{id}', summary: 'Cancel a maintenance window that is not over', permission: 'incident:work',
    params: maintenanceParams, status: 200, response: z.object({ window: maintenanceDto, changed: z.boolean() }),
    handle: async ({ deps, principal, params }) => {
      const { record, changed } = await desk(deps)(principal).cancelMaintenance(params.id);
      return { window: toDto(record.window), changed };
    },
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/publication', summary: 'Put a production incident on the public status page (again, to change its title, components or impact)', permission: 'incident:work',
    params: maintenanceParams, body: publishBody, status: 200, response: commandOutcome,
    handle: ({ deps, principal, params, body }) => desk(deps)(principal).publish(parseIncidentId(params.id), {
      componentIds: body.componentIds, impact: body.impact, ...(body.title === undefined ? {} : { title: body.title }),
    }),
  }),
  defineRoute({
    method: 'DELETE', path: '/incidents/{id}/publication', summary: 'Take an incident off the public status page', permission: 'incident:work',
    params: maintenanceParams, status: 200, response: commandOutcome,
    handle: ({ deps, principal, params }) => desk(deps)(principal).unpublish(parseIncidentId(params.id)),
  }),
];
