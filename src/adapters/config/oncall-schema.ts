import { z } from 'zod';
import { unknownValueMessage } from '../../domain/errors/index.js';
import type { EscalationPolicy, EscalationStep, EscalationTarget } from '../../domain/escalation/index.js';
import {
  checkSchedule, CONTACT_METHOD_KINDS, TEAM_ROLES,
  type IsoWeekday, type Override, type Person, type Restriction, type RotationLength, type Schedule, type ScheduleLayer, type Team,
} from '../../domain/oncall/index.js';
import { epochMs } from '../../domain/time/index.js';
import { checkTimeZone } from './check-time-zone.js';
import { describeValue, expectedError } from './config-error-map.js';

// `people`, `teams`, `schedules` and `escalation_policies`: the on-call directory in snake_case
// YAML, mapped onto the domain types of src/domain/oncall and src/domain/escalation. References
// between them (and `services.<id>.escalation_policy`) are checked by checkOnCallReferences.

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
const ID_RULE = `ids are lowercase letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. payments-primary)`;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const TURN_EXAMPLE = 'a turn length such as daily, weekly, "12 hours" or "2 weeks"';

function text() {
  return z.string({ error: expectedError('text') }).trim().min(1, 'must not be empty');
}

const idSchema = z.string({ error: expectedError('an id such as alice') }).regex(ID_PATTERN, ID_RULE);
const idList = (what: string) => z.array(idSchema, { error: expectedError(`a list of ${what} ids`) });

const handOffTimeSchema = z
  .string({ error: expectedError('a time of day in quotes such as "09:00"') })
  .regex(HH_MM, 'expected a time of day HH:MM from "00:00" to "23:59", e.g. "09:00"')
  .meta({ examples: ['09:00', '20:30'] });

const timeZoneSchema = z
  .string({ error: expectedError('an IANA time zone such as America/New_York') })
  .superRefine((value, ctx) => {
    const problem = checkTimeZone(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: value });
  })
  .meta({ description: 'IANA time zone of the hand-off time, start date and restrictions.', examples: ['America/New_York', 'Europe/Berlin'] });

const instantSchema = z
  .string({ error: expectedError('a time with an offset such as "2026-11-02T09:00:00-05:00"') })
  .transform((value, ctx) => {
    const ms = /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? Date.parse(value) : Number.NaN;
    if (!Number.isNaN(ms)) return epochMs(ms);
    ctx.addIssue({ code: 'custom', message: `'${value}' is not an ISO-8601 time with an offset, e.g. "2026-11-02T09:00:00-05:00" or "2026-11-02T14:00:00Z"`, input: value });
    return z.NEVER;
  });

/** "weekly", "daily", "12 hours", "2 weeks", "1 day". */
const turnSchema = z
  .string({ error: expectedError(TURN_EXAMPLE) })
  .transform((value, ctx): RotationLength => {
    const v = value.trim().toLowerCase();
    if (v === 'daily') return { unit: 'days', count: 1 };
    if (v === 'weekly') return { unit: 'weeks', count: 1 };
    const m = /^(\d{1,3})\s*(hour|day|week)s?$/.exec(v);
    if (m && Number(m[1]) >= 1) return { unit: `${m[2]}s` as RotationLength['unit'], count: Number(m[1]) };
    ctx.addIssue({ code: 'custom', message: `expected ${TURN_EXAMPLE}, got ${describeValue(value)}`, input: value });
    return z.NEVER;
  })
  .meta({ examples: ['weekly', 'daily', '12 hours', '2 weeks'] });

const weekdaySchema = z.enum(DAY_NAMES, {
  error: (iss) => (iss.code === 'invalid_value' ? unknownValueMessage('weekday', String(iss.input), DAY_NAMES) : undefined),
});

// ---- people

const contactMethodSchema = z.strictObject({
  kind: z.enum(CONTACT_METHOD_KINDS).meta({ description: 'email, sms and voice go to an address or number; slack/teams to a user id; webhook to a URL.' }),
  address: text().meta({ description: 'Where the message goes: an email address, an E.164 number, a chat user id, a URL, an ntfy topic, a Pushover user key or a Telegram chat id. Not given for push (the browsers the person subscribed in the web app).' }).optional(),
  verified: z.boolean({ error: expectedError('true or false') }).meta({ description: 'Unverified methods are never used (lint reports them). Default: true.' }).optional(),
});

const notificationRuleSchema = z.strictObject({
  after_minutes: z.int({ error: expectedError('a whole number of minutes such as 5') }).min(0, 'must be 0 or more').meta({ description: 'Minutes after the escalation step reaches the person.' }),
  method: z.enum(CONTACT_METHOD_KINDS).meta({ description: 'Which contact method to use then.' }),
});

const personSchema = z.strictObject({
  name: text().meta({ description: 'Display name. Default: the id.' }).optional(),
  contact_methods: z.array(contactMethodSchema, { error: expectedError('a list of contact methods') }).meta({ description: 'How to reach the person, in order of preference.' }).optional(),
  notification_rules: z.array(notificationRuleSchema, { error: expectedError('a list of rules such as {after_minutes: 0, method: sms}') })
    .meta({ description: 'Personal rules, e.g. SMS at once and voice after 5 minutes. Default: the first verified method at once.' }).optional(),
  time_zone: timeZoneSchema.meta({ description: 'IANA time zone the person reads times in: their messages, the web app and the CLI (--tz overrides). Default: display_time_zone.', examples: ['Europe/Berlin', 'America/New_York'] }).optional(),
}).nullish();

export function peopleSchema() {
  return z.record(idSchema, personSchema)
    .meta({ description: 'People who can be paged, by id.' })
    .transform((entries, ctx): Person[] => Object.entries(entries).map(([id, p]) => ({
      id,
      name: p?.name ?? id,
      contactMethods: (p?.contact_methods ?? []).map((m, i) => {
        // A push method reaches the browsers the person subscribed; its address is the person.
        if (m.address === undefined && m.kind !== 'push') ctx.addIssue({ code: 'custom', message: `a ${m.kind} contact method needs an address`, path: [id, 'contact_methods', i, 'address'], input: m });
        return { id: `${id}-${m.kind}-${i + 1}`, kind: m.kind, address: m.kind === 'push' ? id : m.address ?? '', isVerified: m.verified ?? true };
      }),
      notificationRules: (p?.notification_rules ?? []).map((r) => ({ afterMinutes: r.after_minutes, method: r.method })),
      ...(p?.time_zone === undefined ? {} : { timeZone: p.time_zone }),
    })));
}

// ---- teams

const teamSchema = z.strictObject({
  name: text().meta({ description: 'Display name. Default: the id.' }).optional(),
  members: idList('person').meta({ description: 'Person ids.' }).optional(),
  leads: idList('person').meta({ description: 'Person ids; drawn in at T+0 for SEV-2.' }).optional(),
  executives: idList('person').meta({ description: 'Person ids; drawn in at T+0 for SEV-1.' }).optional(),
}).nullish();

export function teamsSchema() {
  return z.record(idSchema, teamSchema)
    .meta({ description: 'Teams by id (matching services.<id>.owner_team) with members, leads and executives.' })
    .transform((entries): Team[] => Object.entries(entries).map(([id, t]) => ({
      id, name: t?.name ?? id, memberIds: t?.members ?? [], leadIds: t?.leads ?? [], executiveIds: t?.executives ?? [],
    })));
}

// ---- schedules

const restrictionSchema = z.strictObject({
  days: z.array(weekdaySchema, { error: expectedError('a list of weekdays such as [mon, tue, wed, thu, fri]') }).min(1, 'a restriction needs at least one weekday')
    .meta({ description: 'Weekdays the window starts on.' }),
  start: handOffTimeSchema.meta({ description: 'Start of the window, HH:MM.' }),
  end: handOffTimeSchema.meta({ description: 'End of the window, HH:MM; at or before start means it crosses midnight.' }),
}).transform((r): Restriction => ({ days: r.days.map((d) => (DAY_NAMES.indexOf(d) + 1) as IsoWeekday), startTime: r.start, endTime: r.end }));

const layerSchema = z.strictObject({
  id: idSchema.meta({ description: 'Default: layer-1, layer-2, … in list order.' }).optional(),
  name: text().optional(),
  time_zone: timeZoneSchema,
  start_date: z.string({ error: expectedError('a date such as "2026-10-25"') }).regex(DATE, 'expected a date YYYY-MM-DD').meta({ description: 'Local date of the first hand-off.' }),
  hand_off_time: handOffTimeSchema.meta({ description: 'Local wall time of every hand-off, HH:MM.' }),
  turn: turnSchema.meta({ description: 'How long each participant is on call.' }),
  participants: idList('person').min(1, 'a rotation needs at least one participant').meta({ description: 'Person ids, in rotation order.' }),
  restrictions: z.array(restrictionSchema, { error: expectedError('a list of restrictions') }).meta({ description: 'Only cover these windows; the layer has nobody outside them.' }).optional(),
});

const overrideSchema = z.strictObject({
  person: idSchema.meta({ description: 'Who is on call instead.' }),
  start: instantSchema.meta({ description: 'ISO-8601 with an offset.' }),
  end: instantSchema.meta({ description: 'ISO-8601 with an offset.' }),
  replaces: idSchema.meta({ description: 'Only where this person would have been on call (two such overrides make a swap).' }).optional(),
});

const scheduleSchema = z.strictObject({
  name: text().meta({ description: 'Display name. Default: the id.' }).optional(),
  layers: z.array(layerSchema, { error: expectedError('a list of layers') }).min(1, 'a schedule needs at least one layer').meta({ description: 'Lowest first; a higher layer wins where it has someone.' }),
  overrides: z.array(overrideSchema, { error: expectedError('a list of overrides') }).meta({ description: '"Take my shift": later entries win.' }).optional(),
});

export function schedulesSchema() {
  return z.record(idSchema, scheduleSchema)
    .meta({ description: 'On-call schedules by id: layered rotations with hand-offs at a wall time in an IANA zone, restrictions and overrides.' })
    .transform((entries, ctx): Schedule[] => Object.entries(entries).map(([id, s]) => {
      const layers: ScheduleLayer[] = s.layers.map((l, i) => ({
        id: l.id ?? `layer-${i + 1}`,
        name: l.name ?? l.id ?? `Layer ${i + 1}`,
        rotation: { timeZone: l.time_zone, startDate: l.start_date, handOffTime: l.hand_off_time, length: l.turn, participantIds: l.participants },
        restrictions: l.restrictions ?? [],
      }));
      const overrides: Override[] = (s.overrides ?? []).map((o, i) => ({
        id: `${id}-override-${i + 1}`, personId: o.person, startAt: o.start, endAt: o.end, ...(o.replaces === undefined ? {} : { replacesPersonId: o.replaces }),
      }));
      const schedule: Schedule = { id, name: s.name ?? id, layers, overrides };
      for (const issue of checkSchedule(schedule)) {
        // checkSchedule paths read "schedules.<id>.layers[0].start_date"; turn them back into a key path.
        const rest = issue.path.slice(`schedules.${id}.`.length).split(/[.[\]]+/).filter((p) => p !== '').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        ctx.addIssue({ code: 'custom', path: [id, ...rest], message: issue.message, input: s });
      }
      return schedule;
    }));
}

// ---- escalation_policies

const targetSchema = z.strictObject({
  person: idSchema.optional(),
  schedule: idSchema.optional(),
  team: idSchema.optional(),
  who: z.enum(TEAM_ROLES).meta({ description: 'With team: lead, members or executives. Default: members.' }).optional(),
}).meta({ description: 'Exactly one of person, schedule (whoever is on call) or team (with who).' })
  .transform((t, ctx): EscalationTarget => {
    const given = [t.person, t.schedule, t.team].filter((v) => v !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({ code: 'custom', message: 'a target names exactly one of person, schedule or team, e.g. {schedule: payments-primary}', input: t });
      return z.NEVER;
    }
    if (t.who !== undefined && t.team === undefined) {
      ctx.addIssue({ code: 'custom', path: ['who'], message: 'who applies only to a team target', input: t.who });
      return z.NEVER;
    }
    if (t.person !== undefined) return { kind: 'person', personId: t.person };
    if (t.schedule !== undefined) return { kind: 'schedule', scheduleId: t.schedule };
    return { kind: 'team', teamId: t.team ?? '', who: t.who ?? 'members' };
  });

const stepSchema = z.strictObject({
  delay_minutes: z.int({ error: expectedError('a whole number of minutes such as 30') }).min(0, 'must be 0 or more')
    .meta({ description: 'Minutes after the previous step (after the start, for the first). Default: 0.' }).optional(),
  targets: z.array(targetSchema, { error: expectedError('a list of targets such as [{schedule: payments-primary}]') }).min(1, 'a step needs at least one target')
    .meta({ description: 'Who the step reaches.' }),
}).transform((s): EscalationStep => ({ delayMinutes: s.delay_minutes ?? 0, targets: s.targets }));

const policySchema = z.strictObject({
  name: text().meta({ description: 'Display name. Default: the id.' }).optional(),
  steps: z.array(stepSchema, { error: expectedError('a list of steps') }).meta({ description: 'In order; an empty list is allowed but reported by `escalation lint`.' }),
  repeat: z.int({ error: expectedError('a whole number such as 2') }).min(0, 'must be 0 or more').meta({ description: 'Extra passes after the last step (2 = three passes). Default: 0.' }).optional(),
  repeat_after_minutes: z.int({ error: expectedError('a whole number of minutes such as 30') }).min(0, 'must be 0 or more').meta({ description: 'Minutes from the last step to the next pass. Default: 30.' }).optional(),
});

export function escalationPoliciesSchema() {
  return z.record(idSchema, policySchema)
    .meta({ description: 'Escalation policies by id, referenced by services.<id>.escalation_policy.' })
    .transform((entries): EscalationPolicy[] => Object.entries(entries).map(([id, p]) => ({
      id, name: p.name ?? id, steps: p.steps, repeat: p.repeat ?? 0, repeatAfterMinutes: p.repeat_after_minutes ?? 30,
    })));
}

// ---- references between the sections

export interface OnCallSections {
  readonly people?: readonly Person[] | null | undefined;
  readonly teams?: readonly Team[] | null | undefined;
  readonly schedules?: readonly Schedule[] | null | undefined;
  readonly escalation_policies?: readonly EscalationPolicy[] | null | undefined;
  readonly services?: Readonly<Record<string, { readonly escalation_policy?: string | undefined } | null | undefined>> | null | undefined;
  readonly paging?: { readonly default_escalation_policy?: string | undefined } | null | undefined;
}

/** Every id that names a person, team, schedule or policy must exist; the message suggests the closest one. */
export function checkOnCallReferences(file: OnCallSections, ctx: z.RefinementCtx): void {
  // With a section that failed its own checks the values are still raw YAML: its issues are reported already.
  const sections = [file.people, file.teams, file.schedules, file.escalation_policies];
  if (sections.some((s) => s !== null && s !== undefined && !Array.isArray(s))) return;
  const ids = (items: readonly { id: string }[] | null | undefined) => (items ?? []).map((i) => i.id);
  const known = { person: ids(file.people), team: ids(file.teams), schedule: ids(file.schedules), 'escalation policy': ids(file.escalation_policies) };
  const check = (what: keyof typeof known, id: string, path: (string | number)[]) => {
    if (known[what].includes(id)) return;
    const list = known[what].length === 0 ? [`none defined`] : known[what];
    ctx.addIssue({ code: 'custom', path, input: id, message: unknownValueMessage(what, id, list, known[what]) });
  };
  for (const team of file.teams ?? []) {
    team.memberIds.forEach((id, i) => check('person', id, ['teams', team.id, 'members', i]));
    team.leadIds.forEach((id, i) => check('person', id, ['teams', team.id, 'leads', i]));
    team.executiveIds.forEach((id, i) => check('person', id, ['teams', team.id, 'executives', i]));
  }
  for (const s of file.schedules ?? []) {
    s.layers.forEach((l, i) => l.rotation.participantIds.forEach((id, j) => check('person', id, ['schedules', s.id, 'layers', i, 'participants', j])));
    s.overrides.forEach((o, i) => {
      check('person', o.personId, ['schedules', s.id, 'overrides', i, 'person']);
      if (o.replacesPersonId !== undefined) check('person', o.replacesPersonId, ['schedules', s.id, 'overrides', i, 'replaces']);
    });
  }
  for (const p of file.escalation_policies ?? []) {
    p.steps.forEach((step, i) => step.targets.forEach((t, j) => {
      const at = ['escalation_policies', p.id, 'steps', i, 'targets', j];
      if (t.kind === 'person') check('person', t.personId, [...at, 'person']);
      else if (t.kind === 'schedule') check('schedule', t.scheduleId, [...at, 'schedule']);
      else check('team', t.teamId, [...at, 'team']);
    }));
  }
  for (const [id, service] of Object.entries(file.services ?? {})) {
    if (service?.escalation_policy !== undefined) check('escalation policy', service.escalation_policy, ['services', id, 'escalation_policy']);
  }
  const fallback = file.paging?.default_escalation_policy;
  if (fallback !== undefined) check('escalation policy', fallback, ['paging', 'default_escalation_policy']);
}
