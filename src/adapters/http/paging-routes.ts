import { z } from 'zod';
import type { CalendarSubject } from '../../app/paging/index.js';
import { epochMs } from '../../domain/time/index.js';
import { defineRoute, type ApiRoute } from './api-route.js';
import type { ServerDeps } from './server-deps.js';

const iso = (ms: number) => new Date(ms).toISOString();

const onCallQuery = z.strictObject({
  at: z.iso.datetime({ offset: true }).optional().describe('ISO-8601 instant; default now'),
  schedule: z.string().max(200).optional().describe('only this schedule id'),
});
const personRef = z.object({ personId: z.string(), name: z.string(), layer: z.string() });
const onCallDto = z.object({
  at: z.string(),
  schedules: z.array(z.object({
    scheduleId: z.string(), scheduleName: z.string(), onCall: personRef.nullable(), until: z.string().nullable(),
    next: z.object({ personId: z.string().nullable(), name: z.string().nullable(), at: z.string() }).nullable(),
  })),
});
const calendarQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(366).optional().describe('how many days ahead; default 30') });
const idParams = z.strictObject({ id: z.string().max(200) });
const messageDto = z.object({
  id: z.string(), channel: z.string(), purpose: z.string(), recipient: z.string(), status: z.string(), attempts: z.number(),
  sendAt: z.string(), createdAt: z.string(), finishedAt: z.string().nullable(), lastError: z.string().nullable(),
});

function paging(deps: ServerDeps) {
  if (deps.paging === undefined) throw new Error('paging routes registered without paging');
  return deps.paging;
}

/** `GET /oncall/{schedules|people}/{id}/calendar.ics`: an RFC 5545 feed, `days` ahead of now. */
function calendarRoute(of: 'schedules' | 'people', summary: string, subject: (id: string) => CalendarSubject): ApiRoute {
  return defineRoute({
    method: 'GET', path: `/oncall/${of}/{id}/calendar.ics`, summary, permission: 'incident:read',
    params: idParams, query: calendarQuery, status: 200, response: z.string(), produces: 'text/calendar',
    handle: async ({ deps, params, query, reply }) => {
      void reply.type('text/calendar; charset=utf-8');
      return await paging(deps).calendar(subject(params.id), deps.clock.now(), query.days ?? 30);
    },
  });
}

/** On-call lookups, calendar feeds, and the delivery status of an incident's messages. */
export const PAGING_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'GET', path: '/oncall', summary: 'Who is on call now (or at `at`) and who is next, per schedule', permission: 'incident:read',
    query: onCallQuery, status: 200, response: onCallDto,
    handle: async ({ deps, query }) => {
      const at = query.at === undefined ? deps.clock.now() : epochMs(Date.parse(query.at));
      const rows = await paging(deps).onCallAt(at, query.schedule);
      return {
        at: iso(at),
        schedules: rows.map((r) => ({
          scheduleId: r.scheduleId, scheduleName: r.scheduleName, onCall: r.onCall ?? null, until: r.until === undefined ? null : iso(r.until),
          next: r.next === undefined ? null : { personId: r.next.personId ?? null, name: r.next.name ?? null, at: iso(r.next.at) },
        })),
      };
    },
  }),
  calendarRoute('schedules', 'iCalendar feed of a schedule\'s shifts', (id) => ({ schedule: id })),
  calendarRoute('people', 'iCalendar feed of one person\'s shifts across schedules', (id) => ({ person: id })),
  defineRoute({
    method: 'GET', path: '/incidents/{id}/messages', summary: 'Every page and notification of an incident with its delivery status', permission: 'incident:read',
    params: idParams, status: 200, response: z.object({ items: z.array(messageDto) }),
    handle: async ({ deps, api, params }) => {
      // Visibility first: an incident the caller may not see answers 404 here as everywhere.
      await api.get(params.id);
      const items = await paging(deps).messages(params.id);
      return {
        items: items.map((m) => ({
          id: m.id, channel: m.channel, purpose: m.purpose, recipient: m.recipientName, status: m.status, attempts: m.attempts,
          sendAt: iso(m.sendAt), createdAt: iso(m.createdAt), finishedAt: m.finishedAt === undefined ? null : iso(m.finishedAt), lastError: m.lastError ?? null,
        })),
      };
    },
  }),
];
