import { z } from 'zod';
import type { ActionItemView } from '../../app/follow-up/index.js';
import { formatReviewAgenda, type ReviewAgenda } from '../../domain/review/index.js';
import { parseIncidentId } from '../../domain/incident/index.js';
import { defineRoute, HIJACKED, type ApiRoute } from './api-route.js';
import type { ServerDeps } from './server-deps.js';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

const actionItemDto = z.object({
  ref: z.string(), incidentId: z.string(), title: z.string(), category: z.string(), priority: z.string(), status: z.string(),
  owner: z.string().nullable(), dueOn: z.string().nullable(), isOverdue: z.boolean(), source: z.string(),
  createdAt: z.string(), closedAt: z.string().nullable(),
  tickets: z.array(z.object({ system: z.string(), key: z.string(), url: z.string().nullable(), status: z.string(), isDone: z.boolean() })),
});

function toActionItemDto(i: ActionItemView): z.infer<typeof actionItemDto> {
  return {
    ref: i.ref, incidentId: i.incidentId, title: i.title, category: i.category, priority: i.priority, status: i.status,
    owner: i.owner ?? null, dueOn: i.dueOn ?? null, isOverdue: i.isOverdue, source: i.source, createdAt: iso(i.createdAt)!, closedAt: iso(i.closedAt),
    tickets: i.tickets.map((t) => ({ system: t.system, key: t.key, url: t.url ?? null, status: t.status, isDone: t.isDone })),
  };
}

function toAgendaDto(a: ReviewAgenda, zone: string) {
  const s = a.review.scheduled;
  return {
    incidentId: a.incidentId, title: a.title, severity: a.severity, isRequired: a.isRequired, dueAt: iso(a.dueAt),
    startsAt: iso(a.startsAt), durationMinutes: a.durationMinutes,
    attendees: (s?.attendees ?? []).map((x) => ({ name: x.name, email: x.email ?? null })),
    sections: a.sections.map((x) => ({ title: x.title, minutes: x.minutes, startsAt: iso(x.startsAt), points: [...x.points], facts: [...x.facts] })),
    notes: a.review.notes.map((n) => ({ at: iso(n.at)!, by: n.by, text: n.text })),
    decisions: a.review.decisions.map((n) => ({ at: iso(n.at)!, by: n.by, text: n.text })),
    doneAt: iso(a.review.doneAt), doneBy: a.review.doneBy ?? null, summary: a.review.summary ?? null,
    text: formatReviewAgenda(a, zone),
  };
}

const agendaDto = z.object({
  incidentId: z.string(), title: z.string(), severity: z.string(), isRequired: z.boolean(), dueAt: z.string().nullable(),
  startsAt: z.string().nullable(), durationMinutes: z.number(),
  attendees: z.array(z.object({ name: z.string(), email: z.string().nullable() })),
  sections: z.array(z.object({ title: z.string(), minutes: z.number(), startsAt: z.string().nullable(), points: z.array(z.string()), facts: z.array(z.string()) })),
  notes: z.array(z.object({ at: z.string(), by: z.string(), text: z.string() })),
  decisions: z.array(z.object({ at: z.string(), by: z.string(), text: z.string() })),
  doneAt: z.string().nullable(), doneBy: z.string().nullable(), summary: z.string().nullable(),
  text: z.string().describe('the agenda as plain text'),
});

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
      items: (await desk(deps)(principal).listActionItems({
        ...(query.overdue === 'true' ? { isOverdue: true } : {}), ...(query.owner ? { owner: query.owner } : {}),
        ...(query.incident ? { incidentId: parseIncidentId(query.incident) } : {}), ...(query.all === 'true' ? { includeClosed: true } : {}),
      })).map(toActionItemDto),
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
      return toAgendaDto(await d.agenda(id), d.displayTimeZone);
    },
  }),
];
