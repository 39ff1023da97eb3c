import { z } from 'zod';
import type {
  OgContact, OgEscalation, OgIntegration, OgNotificationRule, OgOverride, OgSchedule, OgService, OgTeam, OgUser, OpsgenieSnapshot,
} from '../../../app/import/index.js';
import { parseItems, parseOne, readAllPages, type ImportProgress, type PageOf } from '../read-pages.js';
import { pathOf, unexpectedShape, type VendorRequest, type VendorTransport } from '../vendor-transport.js';

// Opsgenie REST API: https://api.opsgenie.com (EU: https://api.eu.opsgenie.com), `Authorization:
// GenieKey KEY`, answers `{ data: …, paging: { next, … }, totalCount }`; lists page by limit/offset.

export const OPSGENIE_API_URL = 'https://api.opsgenie.com';
const VENDOR = 'Opsgenie';
const PAGE_SIZE = 100;

export function opsgenieHeaders(key: string): Record<string, string> {
  return { authorization: `GenieKey ${key}` };
}

const text = z.string();
const num = z.number();
const participant = z.looseObject({ type: text, id: text.optional(), username: text.optional(), name: text.optional() });
const user = z.looseObject({ id: text, username: text, fullName: text.optional(), timeZone: text.optional() });
const contact = z.looseObject({ id: text, method: text, to: text, status: z.looseObject({ enabled: z.boolean().optional() }).optional() });
const ruleSummary = z.looseObject({ id: text, name: text.optional(), actionType: text.optional(), enabled: z.boolean().optional() });
const rule = ruleSummary.extend({
  steps: z.array(z.looseObject({
    sendAfter: z.looseObject({ timeAmount: num.optional(), timeUnit: text.optional() }).optional(),
    contact: z.looseObject({ method: text.optional(), to: text.optional() }).optional(),
    enabled: z.boolean().optional(),
  })).optional(),
});
const team = z.looseObject({
  id: text, name: text, description: text.optional(),
  members: z.array(z.looseObject({ user: z.looseObject({ id: text, username: text.optional() }), role: text.optional() })).optional(),
});
const time = { startHour: num, startMin: num, endHour: num, endMin: num };
const rotation = z.looseObject({
  id: text.optional(), name: text.optional(), startDate: text, endDate: text.nullish(), type: text, length: num.optional(),
  participants: z.array(participant).optional(),
  timeRestriction: z.looseObject({
    type: text,
    restriction: z.looseObject(time).optional(),
    restrictions: z.array(z.looseObject({ ...time, startDay: text, endDay: text })).optional(),
  }).nullish(),
});
const schedule = z.looseObject({ id: text, name: text, timezone: text.optional(), enabled: z.boolean().optional(), rotations: z.array(rotation).optional() });
const override = z.looseObject({ alias: text.optional(), user: participant, startDate: text, endDate: text, rotations: z.array(z.looseObject({ id: text.optional(), name: text.optional() })).optional() });
const escalation = z.looseObject({
  id: text, name: text, ownerTeam: z.looseObject({ id: text.optional(), name: text.optional() }).optional(),
  rules: z.array(z.looseObject({
    condition: text.optional(), notifyType: text.optional(), delay: z.looseObject({ timeAmount: num.optional(), timeUnit: text.optional() }).optional(), recipient: participant,
  })).optional(),
  repeat: z.looseObject({ waitInterval: num.optional(), count: num.optional(), closeAlertAfterAll: z.boolean().optional() }).nullish(),
});
const service = z.looseObject({ id: text, name: text, description: text.optional(), teamId: text.optional() });
const integration = z.looseObject({ id: text, name: text, type: text, enabled: z.boolean().optional(), teamId: text.optional() });

function dataPage(body: unknown, request: VendorRequest): PageOf {
  const b = body as Record<string, unknown> | null;
  if (b === null || typeof b !== 'object' || !Array.isArray(b['data'])) throw unexpectedShape(VENDOR, request, "no 'data' list");
  const items = b['data'] as unknown[];
  const paging = b['paging'] as Record<string, unknown> | undefined;
  const offset = Number(request.query?.['offset'] ?? 0);
  const hasNext = typeof paging?.['next'] === 'string' && paging['next'] !== '';
  const next: VendorRequest = { path: request.path, query: { ...request.query, offset: offset + items.length }, page: request.page + 1 };
  return { items, ...(typeof b['totalCount'] === 'number' ? { total: b['totalCount'] } : {}), ...(hasNext ? { next } : {}) };
}

function list<T>(t: VendorTransport, path: string, schema: z.ZodType<T>, section: string, progress: ImportProgress, query: VendorRequest['query'] = {}): Promise<T[]> {
  return readAllPages(t, VENDOR, { path, query: { ...query, limit: PAGE_SIZE, offset: 0 }, page: 1 }, dataPage, schema, section, progress);
}

async function dataOf<T>(t: VendorTransport, request: VendorRequest, schema: z.ZodType<T>, optional = false): Promise<T | undefined> {
  const body = await t.get(request, { optional });
  if (body === undefined) return undefined;
  return parseOne(body, z.looseObject({ data: schema }), VENDOR, request).data;
}

/** Reads everything the import maps from one Opsgenie account. */
export async function readOpsgenie(t: VendorTransport, progress: ImportProgress): Promise<OpsgenieSnapshot> {
  const userList = (await list(t, '/v2/users', user, 'users', progress)) as OgUser[];
  const users: OpsgenieSnapshot['users'][number][] = [];
  for (const u of userList) {
    const base = pathOf('v2', 'users', u.id);
    const contacts = (await dataOf(t, { path: `${base}/contacts`, page: 1 }, z.array(contact), true)) as OgContact[] | undefined;
    const summaries = (await dataOf(t, { path: `${base}/notification-rules`, page: 1 }, z.array(ruleSummary), true)) ?? [];
    const rules: OgNotificationRule[] = [];
    for (const r of summaries.filter((x) => x.actionType === 'create-alert')) {
      const detail = (await dataOf(t, { path: `${base}/notification-rules/${encodeURIComponent(r.id)}`, page: 1 }, rule, true)) as OgNotificationRule | undefined;
      if (detail !== undefined) rules.push(detail);
    }
    users.push({ user: u, ...(contacts === undefined ? {} : { contacts }), rules });
    progress('user contacts and rules', users.length, userList.length);
  }
  const teamList = (await list(t, '/v2/teams', team, 'teams', progress)) as OgTeam[];
  const teams: OgTeam[] = [];
  for (const tm of teamList) {
    // The list leaves members out; GET /v2/teams/{id} has them.
    teams.push(((await dataOf(t, { path: pathOf('v2', 'teams', tm.id), page: 1 }, team, true)) as OgTeam | undefined) ?? tm);
    progress('team members', teams.length, teamList.length);
  }
  const schedules = (await list(t, '/v2/schedules', schedule, 'schedules', progress, { expand: 'rotation' })) as OgSchedule[];
  const overrides: Record<string, OgOverride[] | undefined> = {};
  let done = 0;
  for (const s of schedules) {
    const request: VendorRequest = { path: `${pathOf('v2', 'schedules', s.id)}/overrides`, page: 1 };
    const body = await t.get(request, { optional: true });
    overrides[s.id] = body === undefined ? undefined : (parseItems(dataArray(body, request), override, VENDOR, request) as OgOverride[]);
    progress('schedule overrides', ++done, schedules.length);
  }
  const escalations = (await list(t, '/v2/escalations', escalation, 'escalations', progress)) as OgEscalation[];
  const services = (await list(t, '/v1/services', service, 'services', progress)) as OgService[];
  const integrations = (await list(t, '/v2/integrations', integration, 'integrations', progress)) as OgIntegration[];
  return { users, teams, schedules, overrides, escalations, services, integrations };
}

function dataArray(body: unknown, request: VendorRequest): unknown[] {
  const items = (body as Record<string, unknown> | null)?.['data'];
  if (!Array.isArray(items)) throw unexpectedShape(VENDOR, request, "no 'data' list");
  return items;
}
