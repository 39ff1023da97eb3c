import { z } from 'zod';
import type {
  GoEscalationChain, GoEscalationPolicy, GoIntegration, GoNotificationRule, GoSchedule, GoShift, GoTeam, GoUser, GrafanaOnCallSnapshot,
} from '../../../app/import/index.js';
import { readAllPages, type ImportProgress, type PageOf } from '../read-pages.js';
import { unexpectedShape, type VendorRequest, type VendorTransport } from '../vendor-transport.js';

// Grafana OnCall public API v1: <API URL>/api/v1/…, `Authorization: KEY`, answers
// `{ count, next, previous, results }` and pages by following `next`.

const VENDOR = 'Grafana OnCall';

export function grafanaOnCallHeaders(key: string): Record<string, string> {
  return { authorization: key };
}

const text = z.string();
const user = z.looseObject({
  id: text, email: text.optional(), username: text.optional(), timezone: text.nullish(), is_phone_number_verified: z.boolean().optional(),
  slack: z.union([z.array(z.looseObject({ user_id: text })), z.looseObject({ user_id: text })]).nullish(), teams: z.array(text).optional(),
});
const team = z.looseObject({ id: text, name: text });
const schedule = z.looseObject({ id: text, name: text, type: text, time_zone: text.nullish(), shifts: z.array(text).nullish() });
const shift = z.looseObject({
  id: text, name: text.optional(), type: text, time_zone: text.nullish(), level: z.number().nullish(), start: text, duration: z.number(),
  frequency: text.nullish(), interval: z.number().nullish(), by_day: z.array(text).nullish(), users: z.array(text).nullish(),
  rolling_users: z.array(z.array(text)).nullish(), start_rotation_from_user_index: z.number().nullish(), until: text.nullish(),
});
const chain = z.looseObject({ id: text, name: text });
const step = z.looseObject({
  id: text, escalation_chain_id: text, position: z.number(), type: text.nullable(), duration: z.number().nullish(), important: z.boolean().optional(),
  persons_to_notify: z.array(text).nullish(), persons_to_notify_next_each_time: z.array(text).nullish(),
  notify_on_call_from_schedule: text.nullish(), team_to_notify: text.nullish(),
});
const integration = z.looseObject({ id: text, name: text, type: text, team_id: text.nullish(), default_route: z.looseObject({ escalation_chain_id: text.nullish() }).nullish() });
const rule = z.looseObject({ id: text, user_id: text, position: z.number(), type: text, duration: z.number().nullish(), important: z.boolean().optional() });

function resultsPage(body: unknown, request: VendorRequest): PageOf {
  const b = body as Record<string, unknown> | null;
  if (b === null || typeof b !== 'object' || !Array.isArray(b['results'])) throw unexpectedShape(VENDOR, request, "no 'results' list");
  const next = typeof b['next'] === 'string' && b['next'] !== '' ? b['next'] : undefined;
  return {
    items: b['results'] as unknown[],
    ...(typeof b['count'] === 'number' ? { total: b['count'] } : {}),
    ...(next === undefined ? {} : { next: { path: request.path, page: request.page + 1, nextUrl: next } }),
  };
}

function list<T>(t: VendorTransport, resource: string, schema: z.ZodType<T>, section: string, progress: ImportProgress): Promise<T[]> {
  return readAllPages(t, VENDOR, { path: `/api/v1/${resource}/`, page: 1 }, resultsPage, schema, section, progress);
}

/** Reads everything the import maps from one Grafana OnCall instance. */
export async function readGrafanaOnCall(t: VendorTransport, progress: ImportProgress): Promise<GrafanaOnCallSnapshot> {
  return {
    users: (await list(t, 'users', user, 'users', progress)) as GoUser[],
    teams: (await list(t, 'teams', team, 'teams', progress)) as GoTeam[],
    notificationRules: (await list(t, 'personal_notification_rules', rule, 'notification rules', progress)) as GoNotificationRule[],
    schedules: (await list(t, 'schedules', schedule, 'schedules', progress)) as GoSchedule[],
    shifts: (await list(t, 'on_call_shifts', shift, 'shifts', progress)) as GoShift[],
    escalationChains: (await list(t, 'escalation_chains', chain, 'escalation chains', progress)) as GoEscalationChain[],
    escalationPolicies: (await list(t, 'escalation_policies', step, 'escalation steps', progress)) as GoEscalationPolicy[],
    integrations: (await list(t, 'integrations', integration, 'integrations', progress)) as GoIntegration[],
  };
}
