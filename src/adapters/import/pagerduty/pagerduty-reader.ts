import { z } from 'zod';
import type {
  PagerDutySnapshot, PdEscalationPolicy, PdOverride, PdSchedule, PdService, PdTeam, PdTeamMember, PdUser,
} from '../../../app/import/index.js';
import { parseItems, parseOne, readAllPages, type ImportProgress, type PageOf } from '../read-pages.js';
import { pathOf, unexpectedShape, type VendorRequest, type VendorTransport } from '../vendor-transport.js';

// PagerDuty REST API v2: https://api.pagerduty.com, `Authorization: Token token=KEY`,
// `Accept: application/vnd.pagerduty+json;version=2`, classic offset pagination (limit, offset, more).

export const PAGERDUTY_API_URL = 'https://api.pagerduty.com';
const VENDOR = 'PagerDuty';
const PAGE_SIZE = 100;
const YEAR_MS = 365 * 86_400_000;

export function pagerDutyHeaders(key: string): Record<string, string> {
  return { authorization: `Token token=${key}`, accept: 'application/vnd.pagerduty+json;version=2' };
}

const text = z.string();
const ref = z.looseObject({ id: text, type: text.optional(), summary: text.optional() });
const contactMethod = z.looseObject({ id: text, type: text, label: text.optional(), address: text.optional(), country_code: z.number().optional(), summary: text.optional() });
const user = z.looseObject({
  id: text, name: text.optional(), email: text.optional(), time_zone: text.optional(),
  contact_methods: z.array(contactMethod).optional(),
  notification_rules: z.array(z.looseObject({
    id: text, start_delay_in_minutes: z.number().optional(), urgency: text.optional(),
    contact_method: z.looseObject({ id: text, type: text.optional() }).optional(),
  })).optional(),
});
const team = z.looseObject({ id: text, name: text.optional(), description: text.nullish() });
const member = z.looseObject({ user: ref, role: text.optional() });
const restriction = z.looseObject({ type: text, start_time_of_day: text, duration_seconds: z.number(), start_day_of_week: z.number().nullish() });
const layer = z.looseObject({
  id: text.optional(), name: text.optional(), start: text, end: text.nullish(), rotation_virtual_start: text,
  rotation_turn_length_seconds: z.number().positive(), users: z.array(z.looseObject({ user: ref })), restrictions: z.array(restriction).optional(),
});
const schedule = z.looseObject({ id: text, name: text.optional(), time_zone: text.optional(), schedule_layers: z.array(layer).optional() });
const override = z.looseObject({ id: text.optional(), start: text, end: text, user: ref });
const policy = z.looseObject({
  id: text, name: text.optional(), num_loops: z.number().optional(),
  escalation_rules: z.array(z.looseObject({
    id: text.optional(), escalation_delay_in_minutes: z.number().optional(), targets: z.array(ref).optional(),
    escalation_rule_assignment_strategy: z.union([text, z.looseObject({ type: text.optional() })]).nullish(),
  })).optional(),
  teams: z.array(ref).optional(),
});
const service = z.looseObject({
  id: text, name: text.optional(), description: text.nullish(), status: text.optional(), escalation_policy: ref.optional(), teams: z.array(ref).optional(),
  integrations: z.array(z.looseObject({ id: text, type: text, name: text.optional(), summary: text.optional(), vendor: ref.nullish() })).optional(),
});

/** One page of a classic PagerDuty list: `{ <key>: [...], limit, offset, more, total }`. */
function offsetPage(key: string) {
  return (body: unknown, request: VendorRequest): PageOf => {
    const b = body as Record<string, unknown> | null;
    const items = b?.[key];
    if (b === null || typeof b !== 'object' || !Array.isArray(items)) throw unexpectedShape(VENDOR, request, `no '${key}' list`);
    const offset = Number(request.query?.['offset'] ?? 0);
    const next: VendorRequest = { path: request.path, query: { ...request.query, offset: offset + items.length }, page: request.page + 1 };
    return { items, ...(typeof b['total'] === 'number' ? { total: b['total'] } : {}), ...(b['more'] === true ? { next } : {}) };
  };
}

function list<T>(t: VendorTransport, path: string, key: string, schema: z.ZodType<T>, section: string, progress: ImportProgress, query: VendorRequest['query'] = {}): Promise<T[]> {
  return readAllPages(t, VENDOR, { path, query: { ...query, limit: PAGE_SIZE, offset: 0, total: 'true' }, page: 1 }, offsetPage(key), schema, section, progress);
}

/** Reads everything the import maps from one PagerDuty account. */
export async function readPagerDuty(t: VendorTransport, now: number, progress: ImportProgress): Promise<PagerDutySnapshot> {
  const users = (await list(t, '/users', 'users', user, 'users', progress, { 'include[]': ['contact_methods', 'notification_rules'] })) as PdUser[];
  const teamList = (await list(t, '/teams', 'teams', team, 'teams', progress)) as PdTeam[];
  const teams: { team: PdTeam; members: PdTeamMember[] }[] = [];
  for (const tm of teamList) {
    teams.push({ team: tm, members: (await list(t, `${pathOf('teams', tm.id)}/members`, 'members', member, 'team members', () => undefined)) as PdTeamMember[] });
    progress('team members', teams.length, teamList.length);
  }
  const scheduleList = (await list(t, '/schedules', 'schedules', schedule, 'schedules', progress)) as PdSchedule[];
  const schedules: PdSchedule[] = [];
  const overrides: Record<string, PdOverride[] | undefined> = {};
  const since = new Date(now).toISOString();
  const until = new Date(now + YEAR_MS).toISOString();
  for (const s of scheduleList) {
    // The list may leave the layers out; GET /schedules/{id} always has them.
    if (s.schedule_layers === undefined) {
      const request: VendorRequest = { path: pathOf('schedules', s.id), page: 1 };
      const body = parseOne(await t.get(request), z.looseObject({ schedule }), VENDOR, request);
      schedules.push(body.schedule as PdSchedule);
    } else schedules.push(s);
    const request: VendorRequest = { path: `${pathOf('schedules', s.id)}/overrides`, query: { since, until }, page: 1 };
    const body = await t.get(request, { optional: true });
    overrides[s.id] = body === undefined ? undefined : (parseItems(arrayAt(body, 'overrides', request), override, VENDOR, request) as PdOverride[]);
    progress('schedule details', schedules.length, scheduleList.length);
  }
  const escalationPolicies = (await list(t, '/escalation_policies', 'escalation_policies', policy, 'escalation policies', progress)) as PdEscalationPolicy[];
  const services = (await list(t, '/services', 'services', service, 'services', progress, { 'include[]': ['integrations'] })) as PdService[];
  return { users, teams, schedules, overrides, escalationPolicies, services };
}

function arrayAt(body: unknown, key: string, request: VendorRequest): unknown[] {
  const items = (body as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(items)) throw unexpectedShape(VENDOR, request, `no '${key}' list`);
  return items;
}
