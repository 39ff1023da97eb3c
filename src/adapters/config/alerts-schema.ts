import { z } from 'zod';
import type { AlertPolicy, HeartbeatConfig } from '../../app/config/index.js';
import { parseLabelMatcher, type LabelMatcher, type RoutingRule } from '../../domain/alerts/index.js';
import { ENVIRONMENTS, INCIDENT_TYPES, SEVERITIES } from '../../domain/classification/index.js';
import { AppError } from '../../domain/errors/index.js';
import { formatDuration, parseDuration, type DurationMs } from '../../domain/time/index.js';
import { expectedError } from './config-error-map.js';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const SERVICE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
const HEARTBEAT_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function text() {
  return z.string({ error: expectedError('text') }).trim().min(1, 'must not be empty');
}

export function durationSchema(description: string) {
  return z
    .string({ error: expectedError('a duration such as "30s", "5m" or "1h"') })
    .transform((value, ctx): DurationMs => {
      const parsed = parseDuration(value);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed, input: value });
      else if (parsed <= 0) ctx.addIssue({ code: 'custom', message: 'must be longer than 0', input: value });
      else return parsed;
      return z.NEVER;
    })
    .meta({ description, examples: ['30s', '5m', '1h'] });
}

const serviceId = z.string({ error: expectedError('a service id such as checkout-api') })
  .regex(SERVICE_ID_PATTERN, `service ids are lowercase letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. checkout-api)`);

const matcherSchema = z
  .string({ error: expectedError('a label matcher such as severity="critical"') })
  .transform((value, ctx): LabelMatcher => {
    try {
      return parseLabelMatcher(value);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof AppError ? e.message : String(e), input: value });
      return z.NEVER;
    }
  });

const routingRuleSchema = z
  .strictObject({
    name: text().meta({ description: 'Shown on the timeline when the rule routes an alert.' }).optional(),
    match: z.array(matcherSchema, { error: expectedError('a list of label matchers such as [\'team="db"\']') })
      .min(1, 'a routing rule needs at least one matcher, e.g. severity="critical"')
      .meta({ description: 'Alertmanager-style matchers (=, !=, =~, !~); all must hold. The integration\'s service is matchable as the service label.' }),
    severity: z.enum(SEVERITIES).meta({ description: 'Severity of the incident the alert opens.' }).optional(),
    type: z.enum(INCIDENT_TYPES).meta({ description: 'Incident type.' }).optional(),
    environment: z.enum(ENVIRONMENTS).meta({ description: 'Environment.' }).optional(),
    service: serviceId.meta({ description: 'Service the incident is for.' }).optional(),
  })
  .meta({ id: 'AlertRoutingRule', description: 'When every matcher holds, these values apply (the first matching rule wins; an integration\'s own rules are tried first).' })
  .transform((r): RoutingRule => ({
    ...(r.name !== undefined ? { name: r.name } : {}),
    matchers: r.match,
    ...(r.severity !== undefined ? { severity: r.severity } : {}),
    ...(r.type !== undefined ? { incidentType: r.type } : {}),
    ...(r.environment !== undefined ? { environment: r.environment } : {}),
    ...(r.service !== undefined ? { service: r.service } : {}),
  }));

/** `alerts:` over the built-in policy; keys left out keep their defaults. */
export function alertsSchema(d: AlertPolicy) {
  return z
    .strictObject({
      grouping: z.strictObject({
        window: durationSchema(`Alerts of one group join the incident its first alert opened for this long. Default: ${formatDuration(d.grouping.windowMs)}.`).optional(),
        group_by: z.array(z.string().regex(LABEL_NAME, 'a label name: letters, digits and "_"'), { error: expectedError('a list of label names such as [alertname, cluster]') })
          .meta({ description: `Labels whose values (with the service) form a group. Default: [${d.grouping.groupBy.join(', ')}].` }).optional(),
      }).meta({ description: 'Grouping related alerts into one incident.' }).nullish(),
      flap: z.strictObject({
        threshold: z.int({ error: expectedError('a whole number such as 6') }).min(2, 'at least 2 state changes').meta({ description: `Firing/resolved changes within window that mark an alert as flapping. Default: ${d.flap.maxChanges}.` }).optional(),
        window: durationSchema(`Default: ${formatDuration(d.flap.windowMs)}.`).optional(),
      }).meta({ description: 'Flap suppression.' }).nullish(),
      auto_resolve: z.strictObject({
        default: z.boolean({ error: expectedError('true or false') }).meta({ description: `Resolve an incident when all its alerts resolved. Default: ${d.autoResolve.default}.` }).optional(),
        services: z.record(serviceId, z.boolean({ error: expectedError('true or false') })).meta({ description: 'Per-service override, e.g. {checkout: false}.' }).optional(),
      }).meta({ description: 'Auto-resolve of incidents opened by alerts.' }).nullish(),
      routing: z.array(routingRuleSchema, { error: expectedError('a list of routing rules') }).meta({ description: 'Label matchers → severity, type, environment, service.' }).nullish(),
      defaults: z.strictObject({
        severity: z.enum(SEVERITIES).meta({ description: `Default: ${d.defaults.severity}.` }).optional(),
        type: z.enum(INCIDENT_TYPES).meta({ description: `Default: ${d.defaults.incidentType}.` }).optional(),
        environment: z.enum(ENVIRONMENTS).meta({ description: `Default: ${d.defaults.environment}.` }).optional(),
      }).meta({ description: 'What an alert becomes when neither its source nor a routing rule says.' }).nullish(),
      silences: z.strictObject({
        max_duration: z.strictObject({
          responder: durationSchema(`Longest silence a responder may create. Default: ${formatDuration(d.silences.maxDurationMs.responder)}.`).optional(),
          commander: durationSchema(`Longest silence a commander may create. Default: ${formatDuration(d.silences.maxDurationMs.commander)}.`).optional(),
          admin: durationSchema(`Longest silence an admin may create. Default: ${formatDuration(d.silences.maxDurationMs.admin)}.`).optional(),
        }).meta({ description: 'The longest silence (start to end) each role may create; longer ones are refused.' }).nullish(),
      }).meta({ description: 'Limits on silences. Below admin a silence also needs a matcher that does not match the empty string.' }).nullish(),
    })
    .meta({ description: 'How ingested alerts become incidents: grouping, flapping, auto-resolve, routing and silence limits.' })
    .transform((a): AlertPolicy => ({
      grouping: { windowMs: a.grouping?.window ?? d.grouping.windowMs, groupBy: a.grouping?.group_by ?? d.grouping.groupBy },
      flap: { maxChanges: a.flap?.threshold ?? d.flap.maxChanges, windowMs: a.flap?.window ?? d.flap.windowMs },
      autoResolve: { default: a.auto_resolve?.default ?? d.autoResolve.default, services: { ...d.autoResolve.services, ...a.auto_resolve?.services } },
      dedupEventEveryMs: d.dedupEventEveryMs,
      defaults: {
        severity: a.defaults?.severity ?? d.defaults.severity,
        incidentType: a.defaults?.type ?? d.defaults.incidentType,
        environment: a.defaults?.environment ?? d.defaults.environment,
      },
      routing: a.routing ?? d.routing,
      silences: {
        maxDurationMs: {
          responder: a.silences?.max_duration?.responder ?? d.silences.maxDurationMs.responder,
          commander: a.silences?.max_duration?.commander ?? d.silences.maxDurationMs.commander,
          admin: a.silences?.max_duration?.admin ?? d.silences.maxDurationMs.admin,
        },
      },
    }));
}

const heartbeatSchema = z
  .strictObject({
    name: z.string({ error: expectedError('a name such as nightly-backup') })
      .regex(HEARTBEAT_NAME, 'heartbeat names are 1-64 lowercase letters, digits, \'.\', \'_\' or \'-\' (used in the ping URL)')
      .meta({ description: 'Used in the ping URL: POST /api/v1/heartbeats/{name}/ping.' }),
    interval: durationSchema('How often the job pings.'),
    grace: durationSchema('Extra time allowed after interval before the incident opens. Default: 0s.').optional(),
    service: serviceId.meta({ description: 'Service of the incident.' }).optional(),
    severity: z.enum(SEVERITIES).meta({ description: 'Severity of the incident. Default: high.' }).optional(),
    type: z.enum(INCIDENT_TYPES).meta({ description: 'Incident type. Default: outage.' }).optional(),
    environment: z.enum(ENVIRONMENTS).meta({ description: 'Environment. Default: production.' }).optional(),
  })
  .meta({ id: 'Heartbeat', description: 'A dead man\'s switch: one incident opens when no ping came for interval + grace; it resolves when pings resume.' })
  .transform((h): HeartbeatConfig => ({
    name: h.name,
    intervalMs: h.interval,
    graceMs: h.grace ?? (0 as DurationMs),
    ...(h.service !== undefined ? { service: h.service } : {}),
    severity: h.severity ?? 'high',
    incidentType: h.type ?? 'outage',
    environment: h.environment ?? 'production',
  }));

export function heartbeatsSchema() {
  return z
    .array(heartbeatSchema, { error: expectedError('a list of heartbeats') })
    .meta({ description: 'Heartbeat monitors (dead man\'s switches) checked by serve.' })
    .superRefine((list, ctx) => {
      const seen = new Map<string, number>();
      list.forEach((h, i) => {
        const first = seen.get(h.name);
        if (first === undefined) seen.set(h.name, i);
        else ctx.addIssue({ code: 'custom', message: `heartbeat '${h.name}' is also heartbeats[${first}]; names must be unique`, path: [i, 'name'], input: h.name });
      });
    });
}
