import { z } from 'zod';
import { ACTION_ITEM_PRIORITIES, ACTION_ITEM_STATUSES, RCA_ACTION_CATEGORIES, TICKET_SYSTEMS, parseIncidentId } from '../../domain/incident/index.js';
import { epochMs } from '../../domain/time/index.js';
import { defineRoute, HIJACKED, type ApiRoute } from './api-route.js';
import type { ServerDeps } from './server-deps.js';

const ticketDto = z.object({
  incidentId: z.string(), itemId: z.string().nullable().describe('the action item it tracks; null for a ticket of the incident'), system: z.enum(TICKET_SYSTEMS),
  key: z.string(), url: z.string().nullable(), status: z.string(), isDone: z.boolean(), linkedAt: z.string(), syncedAt: z.string().nullable(),
});

const actionItemDto = z.object({
  ref: z.string(), incidentId: z.string(), title: z.string(), category: z.string(), priority: z.string(), status: z.string(),
  owner: z.string().nullable(), dueOn: z.string().nullable(), isOverdue: z.boolean(), source: z.string(),
  createdAt: z.string(), closedAt: z.string().nullable(), tickets: z.array(ticketDto),
});

const agendaDto = z.object({
  incidentId: z.string(), title: z.string(), severity: z.string(), isRequired: z.boolean(), dueAt: z.string().nullable(),
  startsAt: z.string().nullable(), durationMinutes: z.number(),
  attendees: z.array(z.object({ name: z.string(), email: z.string().nullable() })),
  sections: z.array(z.object({ title: z.string(), minutes: z.number(), startsAt: z.string().nullable(), points: z.array(z.string()), facts: z.array(z.string()) })),
  notes: z.array(z.object({ at: z.string(), by: z.string(), text: z.string() })),
  decisions: z.array(z.object({ at: z.string(), by: z.string(), text: z.string() })),
  doneAt: z.string().nullable(), doneBy: z.string().nullable(), summary: z.string().nullable(),
  text: z.string().describe('the agenda as plain text, times in the display time zone'),
});
const reviewAnswer = z.object({ changed: z.boolean(), agenda: agendaDto });
const ticketSyncDto = z.object({
  ticket: ticketDto, status: z.string(), isDone: z.boolean(), changed: z.boolean(),
  closedItem: z.string().nullable().describe('the action item marked done because its ticket is done'), error: z.string().nullable(),
});

const idParams = z.strictObject({ id: z.string().max(100) });
const refParams = z.strictObject({ ref: z.string().max(120).describe('INC-2026-1128-001-A1') });
const instant = z.iso.datetime({ offset: true }).describe('ISO-8601 instant, e.g. 2026-12-01T15:00:00Z');
const line = (max: number) => z.string().trim().min(1).max(max);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day such as 2026-12-05');
const scheduleBody = z.strictObject({
  startsAt: instant,
  durationMinutes: z.int().min(1).max(600).optional().describe('default 60'),
  attendees: z.array(z.strictObject({ name: line(200), email: z.email().max(200).optional() })).max(100).default([]),
});
const textBody = z.strictObject({ text: line(4000) });
const doneBody = z.strictObject({ summary: line(2000).optional() });
const addItemBody = z.strictObject({
  title: line(500),
  category: z.enum(RCA_ACTION_CATEGORIES).default('short-term'),
  priority: z.enum(ACTION_ITEM_PRIORITIES).optional().describe('default medium'),
  owner: line(100).optional(),
  dueOn: day.optional(),
});
const patchItemBody = z.strictObject({
  title: line(500).optional(),
  category: z.enum(RCA_ACTION_CATEGORIES).optional(),
  priority: z.enum(ACTION_ITEM_PRIORITIES).optional(),
  owner: line(100).optional(),
  dueOn: day.optional(),
  status: z.enum(ACTION_ITEM_STATUSES).optional(),
  note: line(2000).optional().describe('why, shown on the timeline'),
});
const ticketBody = z.strictObject({
  system: z.enum(TICKET_SYSTEMS),
  action: z.string().max(120).optional().describe('the action item the ticket tracks, e.g. INC-2026-1128-001-A1'),
});

/** Drops absent members, so the use case sees exactly what the client sent. */
function present<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

function desk(deps: ServerDeps) {
  if (deps.followUpFor === undefined) throw new Error('follow-up routes registered without followUpFor');
  return deps.followUpFor;
}

/** Post-incident reviews and action items for API clients and the web app (docs/reviews.md). */
export const FOLLOW_UP_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'GET', path: '/action-items', summary: 'Action items across the incidents the caller may see, soonest due first', permission: 'incident:read',
    query: z.strictObject({
      overdue: z.enum(['true', 'false']).optional().describe('only items past their due day'),
      owner: z.string().max(100).optional(),
      incident: z.string().max(100).optional().describe('only this incident\'s items'),
      all: z.enum(['true', 'false']).optional().describe('done and cancelled items too'),
    }),
    status: 200, response: z.object({ items: z.array(actionItemDto) }),
    handle: async ({ deps, principal, query }) => ({
      items: await desk(deps)(principal).listActionItems({
        ...(query.overdue === 'true' ? { isOverdue: true } : {}), ...(query.owner ? { owner: query.owner } : {}),
        ...(query.incident ? { incidentId: parseIncidentId(query.incident) } : {}), ...(query.all === 'true' ? { includeClosed: true } : {}),
      }),
    }),
  }),
  defineRoute({
    method: 'GET', path: '/incidents/{id}/review', summary: 'The post-incident review: agenda with the incident facts, notes, decisions (JSON, or the .ics invite with ?format=ics)', permission: 'incident:read',
    params: z.strictObject({ id: z.string().max(100) }), query: z.strictObject({ format: z.enum(['json', 'ics']).optional() }),
    status: 200, response: agendaDto,
    handle: async (ctx) => {
      const d = desk(ctx.deps)(ctx.principal);
      const id = parseIncidentId(ctx.params.id);
      if (ctx.query.format === 'ics') {
        void ctx.reply.code(200).header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${id}-review.ics"`).send(await d.invite(id));
        return HIJACKED;
      }
      return d.agenda(id);
    },
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/review', summary: 'Schedule (or move) the post-incident review; answers its agenda', permission: 'incident:work',
    params: idParams, body: scheduleBody, status: 200, response: reviewAnswer,
    handle: ({ deps, principal, params, body }) => desk(deps)(principal).scheduleReview(parseIncidentId(params.id), {
      startsAt: epochMs(Date.parse(body.startsAt)),
      attendees: body.attendees.map((a) => present({ name: a.name, email: a.email })),
      ...(body.durationMinutes === undefined ? {} : { durationMinutes: body.durationMinutes }),
    }),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/review/notes', summary: 'Record a note of the review (lessons, gaps, what went well)', permission: 'incident:work',
    params: idParams, body: textBody, status: 200, response: reviewAnswer,
    handle: ({ deps, principal, params, body }) => desk(deps)(principal).noteReview(parseIncidentId(params.id), body.text),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/review/decisions', summary: 'Record a decision of the review', permission: 'incident:work',
    params: idParams, body: textBody, status: 200, response: reviewAnswer,
    handle: ({ deps, principal, params, body }) => desk(deps)(principal).decideReview(parseIncidentId(params.id), body.text),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/review/done', summary: 'Record that the review took place (a SEV-1/2 incident may then close)', permission: 'incident:command',
    params: idParams, body: doneBody, status: 200, response: reviewAnswer,
    handle: ({ deps, principal, params, body }) => desk(deps)(principal).finishReview(parseIncidentId(params.id), body.summary),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/action-items', summary: 'Add an action item to an incident', permission: 'incident:work',
    params: idParams, body: addItemBody, status: 201, response: actionItemDto,
    handle: ({ deps, principal, params, body }) => desk(deps)(principal).addActionItem(parseIncidentId(params.id), present(body)),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/action-items/from-rca', summary: 'Turn the RCA\'s corrective actions into action items (those not yet items)', permission: 'incident:work',
    params: idParams, status: 200, response: z.object({ items: z.array(actionItemDto) }),
    handle: async ({ deps, principal, params }) => ({ items: await desk(deps)(principal).importRcaActions(parseIncidentId(params.id)) }),
  }),
  defineRoute({
    method: 'PATCH', path: '/action-items/{ref}', summary: 'Change an action item (status, owner, due day, priority, category, title)', permission: 'incident:work',
    params: refParams, body: patchItemBody, status: 200, response: z.object({ changed: z.boolean(), item: actionItemDto }),
    handle: ({ deps, principal, params, body }) => desk(deps)(principal).updateActionItem(params.ref, present(body)),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/tickets', summary: 'Create a ticket in Jira, ServiceNow or the ITSM webhook for the incident (or one action item) and link it', permission: 'incident:work',
    params: idParams, body: ticketBody, status: 201, response: ticketDto,
    handle: ({ deps, principal, params, body }) => desk(deps)(principal).createTicket(parseIncidentId(params.id), body.system, body.action),
  }),
  defineRoute({
    method: 'POST', path: '/tickets/sync', summary: 'Read the status of open tickets; an action item whose ticket is done becomes done', permission: 'incident:work',
    status: 200, response: z.object({ items: z.array(ticketSyncDto) }),
    handle: async ({ deps, principal }) => ({ items: await desk(deps)(principal).syncTickets() }),
  }),
];
