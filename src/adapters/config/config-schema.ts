import { z } from 'zod';
import { communicationSchema, pagingSchema, toPagingConfig } from './paging-schema.js';
import type { ResponseConfig, ServiceConfig } from '../../app/config/index.js';
import { checkBusinessCalendar, type BusinessCalendar } from '../../domain/calendar/index.js';
import { INCIDENT_TYPES, SEVERITIES, SEVERITY_LABEL, type IncidentType, type Severity } from '../../domain/classification/index.js';
import { unknownValueMessage } from '../../domain/errors/index.js';
import { ESCALATION_MODES, type SeverityPolicy, type SeverityRule } from '../../domain/policy/index.js';
import { describePolicyDuration, parsePolicyDuration, type PolicyDuration } from '../../domain/time/index.js';
import { checkStepAction, type WorkflowPhase, type WorkflowSet, type WorkflowStep, type WorkflowTemplate } from '../../domain/workflow/index.js';
import { checkTimeZone } from './check-time-zone.js';
import { describeValue, expectedError } from './config-error-map.js';
import { detectionSchema } from './detection-schema.js';
import { reviewsSchema, ticketsSchema } from './follow-up-schema.js';
import { impactSchema } from './impact-schema.js';
import { channelsSchema } from './channels-schema.js';
import { alertsSchema, heartbeatsSchema } from './alerts-schema.js';
import { integrationsSchema } from './integrations-schema.js';
import { applyIntegrationSwitches } from './integration-switches.js';
import { statusPageSchema } from './status-page-schema.js';
import { serverSchema } from './server-schema.js';
import { authSchema } from './auth-schema.js';
import { auditSchema, complianceSchema } from './compliance-schema.js';
import { checkOnCallReferences, escalationPoliciesSchema, peopleSchema, schedulesSchema, teamsSchema } from './oncall-schema.js';
import { parsePhaseOffset, parsePhaseWindow, type PhaseWindow } from './phase-window.js';

/** Step and phase keys: typed on the command line (`step INC-… stop-writes done`). */
const STEP_KEY_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const SERVICE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
const DEFAULT_PHASE_MARKER = 'SCAN';

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const FULL_DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const DURATION_EXAMPLE = 'a duration such as "15 minutes", "4 business hours" or "5 business days"';

/**
 * The schema of `incident-response.yaml` (snake_case keys, every section optional). Parsing checks
 * shape and meaning (durations, zones, calendar, workflow timing) and yields the full
 * `ResponseConfig`: whatever the file leaves out comes from `defaults`. Unknown keys are errors.
 */
export function buildConfigSchema(defaults: ResponseConfig) {
  return configFileSchema(defaults)
    .superRefine(checkOnCallReferences)
    .meta({
      title: 'incident-response configuration',
      description: 'incident-response.yaml: severity policy, business hours, workflows, services and integrations. Every section is optional; whatever is left out keeps its default.',
    })
    .transform((file, ctx): ResponseConfig => {
      const base = buildResponseConfig(file, defaults);
      if (!file.integrations) return base;
      const { config, problems } = applyIntegrationSwitches(base, file.integrations.switches);
      for (const p of problems) ctx.addIssue({ code: 'custom', path: p.path, message: p.message, input: file.integrations });
      return config;
    });
}

/** The file's sections, each checked and turned into its part of the configuration. */
function configFileSchema(defaults: ResponseConfig) {
  return z
    .strictObject({
      display_time_zone: timeZoneSchema('IANA time zone the CLI shows times in.').nullish().meta({ default: defaults.displayTimeZone }),
      severity_policy: severityPolicySchema(defaults.policy).nullish(),
      business_hours: businessHoursSchema(defaults.calendar).nullish(),
      workflows: workflowsSchema(defaults.workflows).nullish(),
      services: servicesSchema().nullish(),
      integrations: integrationsSchema().nullish(),
      status_page: statusPageSchema().nullish(),
      detection: detectionSchema().nullish(),
      channels: channelsSchema().nullish(),
      reviews: reviewsSchema().nullish(),
      tickets: ticketsSchema().nullish(),
      alerts: alertsSchema(defaults.alerts).nullish(),
      heartbeats: heartbeatsSchema().nullish(),
      people: peopleSchema().nullish(),
      teams: teamsSchema().nullish(),
      schedules: schedulesSchema().nullish(),
      escalation_policies: escalationPoliciesSchema().nullish(),
      paging: pagingSchema().nullish(),
      communication: communicationSchema().nullish(),
      compliance: complianceSchema().nullish(),
      audit: auditSchema().nullish(),
      server: serverSchema().nullish(),
      auth: authSchema().nullish(),
      impact: impactSchema().nullish(),
    });
}

type ConfigFile = z.output<ReturnType<typeof configFileSchema>>;

function buildResponseConfig(file: ConfigFile, defaults: ResponseConfig): ResponseConfig {
  return ({
      policy: file.severity_policy ? mergePolicy(defaults.policy, file.severity_policy) : defaults.policy,
      calendar: file.business_hours ?? defaults.calendar,
      workflows: file.workflows ? mergeWorkflows(defaults.workflows, file.workflows) : defaults.workflows,
      services: file.services ? mergeServices(defaults.services, file.services) : defaults.services,
      displayTimeZone: file.display_time_zone ?? defaults.displayTimeZone,
      ...(file.integrations && Object.keys(file.integrations.config).length > 0 ? { integrations: file.integrations.config } : defaults.integrations ? { integrations: defaults.integrations } : {}),
      ...(file.status_page ? { statusPage: file.status_page } : defaults.statusPage ? { statusPage: defaults.statusPage } : {}),
      ...(file.detection ? { detection: file.detection } : {}),
      ...(file.channels ? { channels: file.channels } : {}),
      ...(file.reviews ? { reviews: file.reviews } : defaults.reviews ? { reviews: defaults.reviews } : {}),
      ...(file.tickets ? { tickets: file.tickets } : defaults.tickets ? { tickets: defaults.tickets } : {}),
      alerts: file.alerts ?? defaults.alerts,
      heartbeats: file.heartbeats ?? defaults.heartbeats,
      people: file.people ?? defaults.people,
      teams: file.teams ?? defaults.teams,
      schedules: file.schedules ?? defaults.schedules,
      escalationPolicies: file.escalation_policies ?? defaults.escalationPolicies,
      paging: file.paging || file.communication ? toPagingConfig(file.paging, file.communication) : defaults.paging,
      ...(file.compliance ? { compliance: file.compliance } : defaults.compliance ? { compliance: defaults.compliance } : {}),
      ...(file.audit ? { audit: file.audit } : defaults.audit ? { audit: defaults.audit } : {}),
      ...(file.server ? { server: file.server } : defaults.server ? { server: defaults.server } : {}),
      ...(file.auth ? { auth: file.auth } : defaults.auth ? { auth: defaults.auth } : {}),
      ...(file.impact ? { impact: file.impact } : defaults.impact ? { impact: defaults.impact } : {}),
    });
}

// ---- leaves

function text() {
  return z.string({ error: expectedError('text') }).trim().min(1, 'must not be empty');
}

/** A time zone name; `checked: false` leaves the check to the enclosing section. */
function timeZoneSchema(description: string, checked = true) {
  const name = z.string({ error: expectedError('an IANA time zone such as Europe/Berlin') });
  const zone = checked
    ? name.superRefine((value, ctx) => {
        const problem = checkTimeZone(value);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: value });
      })
    : name;
  return zone.meta({ description, examples: ['Europe/Berlin', 'America/New_York', 'UTC'] });
}

function policyDurationSchema(description: string) {
  return z
    .string({ error: expectedError(DURATION_EXAMPLE) })
    .transform((value, ctx): PolicyDuration => {
      const parsed = parsePolicyDuration(value);
      if (typeof parsed !== 'string') return parsed;
      ctx.addIssue({ code: 'custom', message: parsed, input: value });
      return z.NEVER;
    })
    .meta({ description, examples: ['15 minutes', '2h', '4 business hours', '1 business day'] });
}

// ---- severity_policy

type RuleOverride = Partial<{ -readonly [K in keyof SeverityRule]: SeverityRule[K] }>;

function severityRuleSchema(severity: Severity, rule: SeverityRule) {
  const label = SEVERITY_LABEL[severity];
  return z
    .strictObject({
      respond_within: policyDurationSchema(`Time to first response; wall-clock or business time. Default: ${describePolicyDuration(rule.respondWithin)}.`).optional(),
      update_every: policyDurationSchema(`How often stakeholders get an update. Default: ${describePolicyDuration(rule.updateEvery)}.`).optional(),
      update_cadence_label: text().meta({ description: `How the update cadence reads to people. Default: '${rule.updateCadenceLabel}', or "every <update_every>" when only update_every is set.` }).optional(),
      escalation: z.enum(ESCALATION_MODES).meta({ description: `Who is drawn in automatically. Default: ${rule.escalation}.` }).optional(),
      impact: text().meta({ description: `What this severity means for the service. Default: '${rule.impact}'.` }).optional(),
      customer_impact: text().meta({ description: `Default: '${rule.customerImpact}'.` }).optional(),
      revenue_impact: text().meta({ description: `Default: '${rule.revenueImpact}'.` }).optional(),
    })
    .meta({ description: `${label.label} ${label.name}; any subset of the fields, the rest keep their defaults.` })
    .transform((r): RuleOverride => {
      const o: RuleOverride = {};
      if (r.respond_within) o.respondWithin = r.respond_within;
      if (r.update_every) {
        o.updateEvery = r.update_every;
        o.updateCadenceLabel = cadenceLabel(r.update_every);
      }
      if (r.update_cadence_label !== undefined) o.updateCadenceLabel = r.update_cadence_label;
      if (r.escalation !== undefined) o.escalation = r.escalation;
      if (r.impact !== undefined) o.impact = r.impact;
      if (r.customer_impact !== undefined) o.customerImpact = r.customer_impact;
      if (r.revenue_impact !== undefined) o.revenueImpact = r.revenue_impact;
      return o;
    });
}

/** "every 15 min", "every 2 hours", "every business day". */
function cadenceLabel(d: PolicyDuration): string {
  return `every ${describePolicyDuration(d).replace(/^1 (?!min\b|s\b)/, '')}`;
}

function severityPolicySchema(policy: SeverityPolicy) {
  const shape = bySeverity((s) => severityRuleSchema(s, policy[s]).nullish());
  return z.strictObject(shape).meta({ description: 'Response targets per severity (critical = SEV-1 … low = SEV-4).' });
}

function mergePolicy(policy: SeverityPolicy, overrides: Partial<Record<Severity, RuleOverride | null | undefined>>): SeverityPolicy {
  return bySeverity((s) => {
    const o = overrides[s];
    return o ? { ...policy[s], ...o } : policy[s];
  });
}

function bySeverity<T>(f: (s: Severity) => T): Record<Severity, T> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, f(s)])) as Record<Severity, T>;
}

// ---- business_hours

const workingDaySchema = z.union([z.enum([...DAY_NAMES, ...FULL_DAY_NAMES]), z.int().min(1, 'ISO weekday numbers run from 1 (Monday) to 7 (Sunday)').max(7, 'ISO weekday numbers run from 1 (Monday) to 7 (Sunday)')], {
  error: (iss) => {
    if (iss.code !== 'invalid_union') return undefined;
    if (typeof iss.input === 'string') return unknownValueMessage('working day', iss.input, DAY_NAMES, [...DAY_NAMES, ...FULL_DAY_NAMES]);
    return `expected a weekday (mon … sun) or an ISO weekday number 1 (Monday) … 7 (Sunday), got ${describeValue(iss.input)}`;
  },
});

function isoWeekday(day: string | number): number {
  if (typeof day === 'number') return day;
  const i = (DAY_NAMES as readonly string[]).indexOf(day);
  return (i >= 0 ? i : (FULL_DAY_NAMES as readonly string[]).indexOf(day)) + 1;
}

const wallTimeSchema = z
  .string({ error: expectedError('a time of day in quotes such as "09:00"') })
  // "9:00" means 09:00; the domain wants two-digit hours.
  .transform((t) => t.trim().replace(/^(\d):/, '0$1:'));

function businessHoursSchema(cal: BusinessCalendar) {
  return z
    .strictObject({
      // Checked with the rest of the calendar below, so one run reports zone, hours and holidays.
      time_zone: timeZoneSchema(`Zone the working hours are in. Default: ${cal.timeZone}.`, false).optional(),
      working_days: z
        .array(workingDaySchema, { error: expectedError('a list of weekdays such as [mon, tue, wed, thu, fri]') })
        .meta({ description: `Weekday names (mon … sun) or ISO numbers (1 = Monday … 7 = Sunday). Default: [${cal.workingDays.join(', ')}].` })
        .optional(),
      hours: z
        .strictObject({
          start: wallTimeSchema.meta({ description: `Opening time, "HH:MM". Default: "${cal.opensAt}".` }).optional(),
          end: wallTimeSchema.meta({ description: `Closing time, "HH:MM", after start. Default: "${cal.closesAt}".` }).optional(),
        })
        .meta({ description: 'Daily working hours in time_zone, the same every working day.' })
        .optional(),
      holidays: z
        .array(z.string({ error: expectedError('a date in quotes such as "2026-12-25"') }), { error: expectedError('a list of dates such as ["2026-12-25", "2027-01-01"]') })
        .meta({ description: 'Local dates (YYYY-MM-DD) on which business-time clocks do not run.' })
        .optional(),
    })
    .meta({ description: 'When SEV-3/SEV-4 business-time clocks run. Keys left out keep their defaults.' })
    .transform((b, ctx): BusinessCalendar => {
      const merged: BusinessCalendar = {
        timeZone: b.time_zone ?? cal.timeZone,
        workingDays: b.working_days ? [...new Set(b.working_days.map(isoWeekday))].sort((x, y) => x - y) : cal.workingDays,
        opensAt: b.hours?.start ?? cal.opensAt,
        closesAt: b.hours?.end ?? cal.closesAt,
        holidays: b.holidays ?? cal.holidays,
      };
      // checkTimeZone replaces the domain's zone check: it is stricter (IANA names only) and suggests a name.
      const zoneProblem = checkTimeZone(merged.timeZone);
      if (zoneProblem !== undefined) ctx.addIssue({ code: 'custom', message: zoneProblem, path: ['time_zone'], input: b });
      for (const problem of checkBusinessCalendar(merged)) {
        if (problem.path === 'time_zone') continue;
        ctx.addIssue({ code: 'custom', message: problem.message, path: splitDomainPath(problem.path), input: b });
      }
      return merged;
    });
}

/** "hours.end" → ['hours', 'end']; "holidays[2]" → ['holidays', 2]. */
function splitDomainPath(path: string): (string | number)[] {
  return path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

// ---- workflows

/** A parsed phase, remembering which key held its timing so ordering problems point there. */
interface PhaseDraft {
  readonly phase: WorkflowPhase;
  readonly timingKey: 'window' | 'start';
}

const keySchema = (what: string) =>
  z
    .string({ error: expectedError(`a ${what} key such as "stop-writes"`) })
    .regex(STEP_KEY_PATTERN, `${what} keys are lowercase letters, digits and '-', starting with a letter or digit (e.g. "stop-writes")`);

const offsetSchema = (description: string) =>
  z
    .union([z.string(), z.number()], { error: expectedError('a duration such as "30 minutes" (a bare number is minutes)') })
    .meta({ description });

const stepSchema = z
  .strictObject({
    key: keySchema('step').meta({ description: 'Stable id, unique within the workflow; used on the command line.' }),
    title: text().meta({ description: 'What to do, as shown in the checklist.' }),
    action: text().meta({ description: 'Automated action the step runs, in the trigger-rule action syntax, e.g. "start_war_room()"; with the same approval rules as trigger actions.' }).optional(),
    run_at: z.enum(['tick', 'phase_start'], { error: expectedError('tick or phase_start') })
      .meta({ description: 'When the action runs: when the step is ticked done (tick, the default) or when its phase starts (phase_start).' }).optional(),
  })
  .meta({ id: 'WorkflowStep', description: 'One checklist step.' })
  .superRefine((s, ctx) => {
    for (const message of checkStepAction(s.key, s.action)) ctx.addIssue({ code: 'custom', path: ['action'], message });
    if (s.run_at !== undefined && s.action === undefined) ctx.addIssue({ code: 'custom', path: ['run_at'], message: `step '${s.key}' has run_at but no action to run` });
  })
  .transform((s): WorkflowStep => ({
    key: s.key, title: s.title,
    ...(s.action !== undefined ? { action: s.action } : {}),
    ...(s.run_at === 'phase_start' ? { runAt: 'phase-start' as const } : {}),
  }));

const phaseSchema = z
  .strictObject({
    key: keySchema('phase').meta({ description: 'Stable id, unique within the workflow.' }),
    title: text(),
    marker: z
      .string({ error: expectedError('a short word such as SCAN') })
      .regex(/^[A-Za-z0-9_-]{1,16}$/, 'the marker is shown in brackets before each step ([SCAN]); use 1-16 letters, digits, "-" or "_"')
      .meta({ description: `Word shown in brackets before each step, e.g. OK, SCAN, TOOLS, ALERT, SECURITY. Default: ${DEFAULT_PHASE_MARKER}.` })
      .optional(),
    window: z
      .string({ error: expectedError('a window such as "0-30 minutes" or "from 240 minutes"') })
      .meta({ description: 'When the phase runs, from the start of the workflow: "0-30 minutes", "30 minutes - 2 hours", or "from 240 minutes" (no fixed end). Alternative to start/end.' })
      .optional(),
    start: offsetSchema('Alternative to window: when the phase starts, e.g. "30 minutes" (a bare number is minutes).').optional(),
    end: offsetSchema('With start: when the phase ends; leave out for a phase without a fixed end.').optional(),
    steps: z.array(stepSchema, { error: expectedError('a list of steps') }).min(1, 'a phase needs at least one step'),
  })
  .meta({ id: 'WorkflowPhase', description: 'A timed group of steps. Give its timing as window, or as start (and end).' })
  .transform((p, ctx): PhaseDraft => {
    const fail = (path: (string | number)[], message: string) => {
      ctx.addIssue({ code: 'custom', message, path, input: p });
      return z.NEVER;
    };
    let window: PhaseWindow;
    let timingKey: PhaseDraft['timingKey'];
    if (p.window !== undefined) {
      if (p.start !== undefined || p.end !== undefined) return fail([p.start !== undefined ? 'start' : 'end'], 'give either window or start/end, not both');
      const parsed = parsePhaseWindow(p.window);
      if (typeof parsed === 'string') return fail(['window'], parsed);
      window = parsed;
      timingKey = 'window';
    } else if (p.start !== undefined) {
      const startMin = parsePhaseOffset(p.start);
      if (typeof startMin === 'string') return fail(['start'], startMin);
      const endMin = p.end === undefined ? undefined : parsePhaseOffset(p.end);
      if (typeof endMin === 'string') return fail(['end'], endMin);
      window = endMin === undefined ? { startMin } : { startMin, endMin };
      timingKey = 'start';
    } else {
      return fail(p.end !== undefined ? ['end'] : [], 'a phase needs a window such as "0-30 minutes" or "from 240 minutes" (or start and end)');
    }
    if (window.endMin !== undefined && window.endMin <= window.startMin) {
      return fail([timingKey === 'window' ? 'window' : 'end'], `the phase ends at ${window.endMin} min, which is not after its start at ${window.startMin} min`);
    }
    const phase: WorkflowPhase = {
      key: p.key,
      title: p.title,
      marker: p.marker ?? DEFAULT_PHASE_MARKER,
      startMin: window.startMin,
      ...(window.endMin === undefined ? {} : { endMin: window.endMin }),
      steps: p.steps,
    };
    return { phase, timingKey };
  });

function workflowSchema(type: IncidentType, defaults: WorkflowTemplate) {
  return z
    .strictObject({
      title: text().meta({ description: `Default: '${defaults.title}'.` }).optional(),
      phases: z
        .array(phaseSchema, { error: expectedError('a list of phases') })
        .min(1, 'a workflow needs at least one phase')
        .meta({ description: 'In time order, not overlapping; only the last phase may be open-ended.' }),
    })
    .meta({ description: `Replaces the built-in ${type} workflow entirely.` })
    .transform((w, ctx): WorkflowTemplate => {
      checkPhaseOrder(w.phases, ctx);
      checkUniqueKeys(w.phases, ctx);
      return { type, title: w.title ?? defaults.title, phases: w.phases.map((d) => d.phase) };
    });
}

function checkPhaseOrder(drafts: readonly PhaseDraft[], ctx: z.RefinementCtx): void {
  drafts.forEach((draft, i) => {
    const prev = drafts[i - 1]?.phase;
    const { phase } = draft;
    if (prev === undefined) return;
    const at = ['phases', i, draft.timingKey];
    if (phase.startMin < prev.startMin) {
      ctx.addIssue({ code: 'custom', path: at, input: phase, message: `phase '${phase.key}' starts at ${phase.startMin} min, before the previous phase '${prev.key}' (${prev.startMin} min); list phases in time order` });
    } else if (prev.endMin === undefined) {
      ctx.addIssue({ code: 'custom', path: at, input: phase, message: `phase '${phase.key}' follows '${prev.key}', which has no end; only the last phase may be open-ended` });
    } else if (phase.startMin < prev.endMin) {
      ctx.addIssue({ code: 'custom', path: at, input: phase, message: `phase '${phase.key}' starts at ${phase.startMin} min, before the previous phase '${prev.key}' ends at ${prev.endMin} min; phases must not overlap` });
    }
  });
}

function checkUniqueKeys(drafts: readonly PhaseDraft[], ctx: z.RefinementCtx): void {
  const phaseAt = new Map<string, number>();
  const stepAt = new Map<string, string>();
  drafts.forEach(({ phase }, i) => {
    const first = phaseAt.get(phase.key);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['phases', i, 'key'], input: phase.key, message: `duplicate phase key '${phase.key}' (also phases[${first}])` });
    } else phaseAt.set(phase.key, i);
    phase.steps.forEach((step, j) => {
      const where = `phases[${i}].steps[${j}]`;
      const firstStep = stepAt.get(step.key);
      if (firstStep !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['phases', i, 'steps', j, 'key'], input: step.key, message: `duplicate step key '${step.key}' (also ${firstStep}); step keys must be unique within a workflow` });
      } else stepAt.set(step.key, where);
    });
  });
}

function workflowsSchema(workflows: WorkflowSet) {
  const shape = byIncidentType((t) => workflowSchema(t, workflows[t]).nullish());
  return z.strictObject(shape).meta({ description: 'Response workflow per incident type; a type given here replaces its built-in workflow entirely.' });
}

function mergeWorkflows(workflows: WorkflowSet, overrides: Partial<Record<IncidentType, WorkflowTemplate | null | undefined>>): WorkflowSet {
  return byIncidentType((t) => overrides[t] ?? workflows[t]);
}

function byIncidentType<T>(f: (t: IncidentType) => T): Record<IncidentType, T> {
  return Object.fromEntries(INCIDENT_TYPES.map((t) => [t, f(t)])) as Record<IncidentType, T>;
}

// ---- services

function servicesSchema() {
  const id = z.string().regex(SERVICE_ID_PATTERN, `service ids are lowercase letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. checkout-api)`);
  const service = z
    .strictObject({
      name: text().meta({ description: 'Display name. Default: the service id.' }).optional(),
      owner_team: text().meta({ description: 'Team that owns the service.' }).optional(),
      description: text().optional(),
      escalation_policy: z.string({ error: expectedError('an escalation policy id') }).meta({ description: 'Id of the escalation policy (escalation_policies) that pages for this service.' }).optional(),
    })
    .nullish();
  return z.record(id, service).meta({ description: 'Known services by id. When empty or left out, any service name is accepted.' });
}

type ServiceEntry = { name?: string | undefined; owner_team?: string | undefined; description?: string | undefined; escalation_policy?: string | undefined } | null | undefined;

function mergeServices(services: Readonly<Record<string, ServiceConfig>>, entries: Record<string, ServiceEntry>): Record<string, ServiceConfig> {
  const out: Record<string, ServiceConfig> = { ...services };
  for (const [id, s] of Object.entries(entries)) {
    out[id] = {
      name: s?.name ?? id,
      ...(s?.owner_team === undefined ? {} : { ownerTeam: s.owner_team }),
      ...(s?.description === undefined ? {} : { description: s.description }),
      ...(s?.escalation_policy === undefined ? {} : { escalationPolicy: s.escalation_policy }),
    };
  }
  return out;
}
