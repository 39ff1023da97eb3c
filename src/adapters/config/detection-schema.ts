import { z } from 'zod';
import {
  REMEDIATION_ACTIONS, type DetectionConfig, type HealthCheckConfig, type LogSourceConfig, type OutboundCall, type RemediationAction, type RemediationConfig,
} from '../../app/config/index.js';
import { durationMs, parseDuration, type DurationMs } from '../../domain/time/index.js';
import { HEALTH_GROUPS, METRIC_UNITS } from '../../domain/health/index.js';
import { expectedError } from './config-error-map.js';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const CHECK_NAME = /^[a-z0-9][a-z0-9._-]*$/;
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const MB = 1024 * 1024;

export const DETECTION_DEFAULTS = {
  interval: '15s',
  prometheusTimeout: '5s',
  pushMaxAge: '2m',
  checkInterval: '30s',
  checkTimeout: '5s',
  checkWindow: '5m',
  evidenceDir: 'evidence',
  sourceTimeout: '10s',
  maxBytes: MB,
  lokiSince: '15m',
  lokiLimit: 1000,
  remediationTimeout: '30s',
} as const;

function text() {
  return z.string({ error: expectedError('text') }).trim().min(1, 'must not be empty');
}

function durationSchema(description: string, max?: DurationMs) {
  return z
    .string({ error: expectedError('a duration such as "15s", "5 minutes" or "1h"') })
    .transform((value, ctx): DurationMs => {
      const parsed = parseDuration(value);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed, input: value });
      else if (parsed <= 0) ctx.addIssue({ code: 'custom', message: 'must be longer than 0', input: value });
      else if (max !== undefined && parsed > max) ctx.addIssue({ code: 'custom', message: `must be at most ${max / 1000} s`, input: value });
      else return parsed;
      return z.NEVER;
    })
    .meta({ description, examples: ['15s', '5 minutes', '1h'] });
}

/** The name of an environment variable holding a secret, never the secret. */
function envVarName(example: string, description: string) {
  return z
    .string({ error: expectedError(`the name of an environment variable such as ${example}`) })
    .regex(/^[A-Z_][A-Z0-9_]*$/, `give the name of an environment variable (capital letters, digits and "_", e.g. ${example}), not the secret itself`)
    .meta({ description, examples: [example] });
}

const metricName = z.string({ error: expectedError('a metric name such as error_rate') }).regex(METRIC_NAME, 'a metric name: letters, digits, "_" and ":", not starting with a digit (e.g. error_rate)');

function httpUrl(example: string) {
  return z
    .string({ error: expectedError(`a URL such as ${example}`) })
    .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), `expected an http(s) URL such as ${example}`)
    .transform((u) => u.replace(/\/+$/, ''));
}

const argvSchema = z
  .array(z.string({ error: expectedError('a word of the command') }), { error: expectedError('the command as a list of words such as [/usr/local/bin/failover, --region, eu-west-1]') })
  .min(1, 'give at least the program')
  .meta({ description: 'Program and arguments, run without a shell (no globbing, pipes or variables).' });

const byteSize = z.int({ error: expectedError('a number of bytes such as 1048576') }).min(1).max(100 * MB);

export const cidrSchema = z
  .string({ error: expectedError('an address or CIDR range such as 127.0.0.1/32 or 10.0.0.0/8') })
  .refine((c) => /^[0-9.]+(\/\d{1,2})?$/.test(c) || /^[0-9a-f:]+(\/\d{1,3})?$/i.test(c), 'expected an IPv4 or IPv6 address or CIDR range such as 127.0.0.1/32, 10.0.0.0/8 or ::1/128');

const prometheusSchema = z
  .strictObject({
    url: httpUrl('http://127.0.0.1:9090').meta({ description: 'Prometheus base URL; queries go to <url>/api/v1/query.' }),
    timeout: durationSchema(`Per query. Default: ${DETECTION_DEFAULTS.prometheusTimeout}.`).optional(),
  })
  .meta({ description: 'The Prometheus server the metrics under detection.metrics are queried from.' });

const metricSchema = z
  .strictObject({
    prometheus: text().meta({ description: 'PromQL whose result is one number in the metric\'s base unit (percent, milliseconds, per second), e.g. 100 * sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])).' }),
    label: text().optional().meta({ description: 'How the health panel names it, e.g. "Checkout error rate". Default: from the metric name.' }),
    unit: z.enum(METRIC_UNITS).optional().meta({ description: 'The unit of the query\'s result: percent (0–100), ms, per_second or number. Default: from the metric name (error_rate → percent, response_time → ms, throughput → per_second).' }),
    group: z.enum(HEALTH_GROUPS).optional().meta({ description: 'Where the health panel shows it: application, database, network or external (dependencies). Default: from the metric name (db_… → database, dns_… → network).' }),
  })
  .meta({ description: 'Where a metric the rules read comes from, and how the health panel shows it.' });

const healthCheckSchema = z
  .strictObject({
    name: z.string({ error: expectedError('a name such as checkout') }).regex(CHECK_NAME, 'lower-case letters, digits, ".", "_" or "-"'),
    url: httpUrl('https://checkout.example.com/healthz'),
    interval: durationSchema(`How often to probe. Default: ${DETECTION_DEFAULTS.checkInterval}.`).optional(),
    timeout: durationSchema(`A probe slower than this is down. Default: ${DETECTION_DEFAULTS.checkTimeout}.`).optional(),
    window: durationSchema(`Availability is the share of good probes in this window. Default: ${DETECTION_DEFAULTS.checkWindow}.`).optional(),
    expect_status: z.string({ error: expectedError('a status range such as "200-399"') }).regex(/^\d{3}(-\d{3})?$/, 'a status or range such as 200 or "200-399"').optional().meta({ description: 'Statuses that count as up. Default: 200-399.' }),
    availability_metric: metricName.optional().meta({ description: 'Metric name for the availability in percent. Default: availability.' }),
    response_time_metric: metricName.optional().meta({ description: 'Metric name for the last probe\'s time in ms. Default: response_time.' }),
  })
  .meta({ id: 'HealthCheck', description: 'A built-in HTTP probe, published as an availability (%) and a response time (ms) metric.' })
  .transform((c): HealthCheckConfig => {
    const [min, max] = (c.expect_status ?? '200-399').split('-').map(Number);
    return {
      name: c.name,
      url: c.url,
      intervalMs: c.interval ?? duration(DETECTION_DEFAULTS.checkInterval),
      timeoutMs: c.timeout ?? duration(DETECTION_DEFAULTS.checkTimeout),
      windowMs: c.window ?? duration(DETECTION_DEFAULTS.checkWindow),
      availabilityMetric: c.availability_metric ?? 'availability',
      responseTimeMetric: c.response_time_metric ?? 'response_time',
      expectStatus: { min: min!, max: max ?? min! },
    };
  });

const logSourceSchema = z
  .strictObject({
    name: z.string({ error: expectedError('a name such as app-log') }).regex(CHECK_NAME, 'lower-case letters, digits, ".", "_" or "-"'),
    file: text().meta({ description: 'A file to copy (its last max_bytes).' }).optional(),
    command: argvSchema.optional(),
    loki: z.strictObject({
      url: httpUrl('http://loki:3100').meta({ description: 'Loki base URL; queried at /loki/api/v1/query_range.' }),
      query: text().meta({ description: 'LogQL, e.g. {app="checkout"}' }),
      since: durationSchema(`How far back from the firing. Default: ${DETECTION_DEFAULTS.lokiSince}.`).optional(),
      limit: z.int().min(1).max(100_000).optional().meta({ description: `Most lines. Default: ${DETECTION_DEFAULTS.lokiLimit}.` }),
    }).optional(),
    splunk: z.strictObject({
      url: httpUrl('https://splunk.example.com:8089').meta({ description: 'The Splunk management port; searched at /services/search/jobs/export.' }),
      search: text().meta({ description: 'SPL, e.g. index=web sourcetype=access_combined status>=500' }),
      token_env: envVarName('SPLUNK_TOKEN', 'Environment variable holding a Splunk authentication token (Settings → Tokens), sent as Bearer.'),
      since: durationSchema(`How far back from the firing (earliest_time). Default: ${DETECTION_DEFAULTS.lokiSince}.`).optional(),
      limit: z.int().min(1).max(100_000).optional().meta({ description: `Most events (| head). Default: ${DETECTION_DEFAULTS.lokiLimit}.` }),
    }).optional(),
    elasticsearch: z.strictObject({
      url: httpUrl('https://elastic.example.com:9200').meta({ description: 'Elasticsearch base URL; searched at /<index>/_search.' }),
      index: text().meta({ description: 'Index, alias, data stream or pattern, e.g. logs-checkout-*' }),
      query: text().meta({ description: 'Lucene query string, e.g. service.name:checkout AND log.level:error' }),
      timestamp_field: text().meta({ description: 'The time field the window applies to. Default: @timestamp.' }).optional(),
      api_key_env: envVarName('ELASTIC_API_KEY', 'Environment variable holding an API key (the encoded value), sent as "ApiKey <value>".').optional(),
      since: durationSchema(`How far back from the firing. Default: ${DETECTION_DEFAULTS.lokiSince}.`).optional(),
      limit: z.int().min(1).max(10_000).optional().meta({ description: `Most documents (size). Default: ${DETECTION_DEFAULTS.lokiLimit}.` }),
    }).optional(),
    timeout: durationSchema(`For command, loki, splunk and elasticsearch sources. Default: ${DETECTION_DEFAULTS.sourceTimeout}.`).optional(),
    max_bytes: byteSize.optional().meta({ description: `Most bytes kept from this source. Default: ${DETECTION_DEFAULTS.maxBytes}.` }),
  })
  .meta({ id: 'LogSource', description: 'One evidence source: exactly one of file, command, loki, splunk or elasticsearch.' })
  .transform((s, ctx): LogSourceConfig => {
    const kinds = (['file', 'command', 'loki', 'splunk', 'elasticsearch'] as const).filter((k) => s[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({ code: 'custom', message: kinds.length === 0 ? 'give one of file, command, loki, splunk or elasticsearch' : `give only one of ${kinds.join(', ')}`, input: s });
      return z.NEVER;
    }
    const maxBytes = s.max_bytes ?? DETECTION_DEFAULTS.maxBytes;
    const timeoutMs = s.timeout ?? duration(DETECTION_DEFAULTS.sourceTimeout);
    if (s.file !== undefined) return { kind: 'file', name: s.name, path: s.file, maxBytes };
    if (s.command !== undefined) return { kind: 'command', name: s.name, argv: s.command, timeoutMs, maxBytes };
    const since = (given: DurationMs | undefined) => given ?? duration(DETECTION_DEFAULTS.lokiSince);
    if (s.splunk !== undefined) {
      const q = s.splunk;
      return { kind: 'splunk', name: s.name, url: q.url, search: q.search, tokenEnv: q.token_env, sinceMs: since(q.since), limit: q.limit ?? DETECTION_DEFAULTS.lokiLimit, timeoutMs, maxBytes };
    }
    if (s.elasticsearch !== undefined) {
      const q = s.elasticsearch;
      return {
        kind: 'elasticsearch', name: s.name, url: q.url, index: q.index, query: q.query, timestampField: q.timestamp_field ?? '@timestamp',
        ...(q.api_key_env === undefined ? {} : { apiKeyEnv: q.api_key_env }), sinceMs: since(q.since), limit: q.limit ?? DETECTION_DEFAULTS.lokiLimit, timeoutMs, maxBytes,
      };
    }
    const loki = s.loki!;
    return { kind: 'loki', name: s.name, url: loki.url, query: loki.query, sinceMs: loki.since ?? duration(DETECTION_DEFAULTS.lokiSince), limit: loki.limit ?? DETECTION_DEFAULTS.lokiLimit, timeoutMs, maxBytes };
  });

const remediationSchema = z
  .strictObject({
    http: z.strictObject({
      method: z.enum(HTTP_METHODS).optional().meta({ description: 'Default: POST.' }),
      url: httpUrl('https://lb.internal/api/isolate'),
      headers: z.record(z.string(), z.string()).optional().meta({ description: 'Header values; ${ENV_NAME} is replaced from the environment when the call runs, so secrets stay out of the file.' }),
      body: z.string().optional(),
    }).optional(),
    command: argvSchema.optional(),
    timeout: durationSchema(`Default: ${DETECTION_DEFAULTS.remediationTimeout}.`).optional(),
    dry_run: z.boolean().optional().meta({ description: 'Record what would run, run nothing. Default: false.' }),
    requires_approval: z.boolean().optional().meta({ description: 'Wait for a commander to approve each run. Default: false.' }),
  })
  .meta({ id: 'Remediation', description: 'What a remediation action runs: exactly one of http or command.' })
  .transform((r, ctx): RemediationConfig => {
    if ((r.http === undefined) === (r.command === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of http or command', input: r });
      return z.NEVER;
    }
    const call: OutboundCall = r.http !== undefined
      ? { kind: 'http', method: r.http.method ?? 'POST', url: r.http.url, headers: r.http.headers ?? {}, ...(r.http.body === undefined ? {} : { body: r.http.body }) }
      : { kind: 'command', argv: r.command! };
    return { call, timeoutMs: r.timeout ?? duration(DETECTION_DEFAULTS.remediationTimeout), isDryRun: r.dry_run ?? false, requiresApproval: r.requires_approval ?? false };
  });

function duration(text: string): DurationMs {
  const d = parseDuration(text);
  return typeof d === 'string' ? durationMs(0) : d;
}

export function detectionSchema() {
  return z
    .strictObject({
      rules_file: text().meta({ description: 'The trigger rules (docs/triggers.md), relative to this file.' }),
      interval: durationSchema(`How often the rules are evaluated. Default: ${DETECTION_DEFAULTS.interval}.`).optional(),
      prometheus: prometheusSchema.optional(),
      metrics: z.record(metricName, metricSchema).optional().meta({ description: 'Metric name → its PromQL expression.' }),
      push: z.strictObject({ max_age: durationSchema(`A pushed sample older than this is missing data. Default: ${DETECTION_DEFAULTS.pushMaxAge}.`).optional() }).optional()
        .meta({ description: 'Samples pushed to POST /api/v1/metrics (the newest per metric is kept in the database, for whichever instance evaluates the rules).' }),
      health_checks: z.array(healthCheckSchema, { error: expectedError('a list of health checks') }).optional(),
      allow_private_addresses: z.array(cidrSchema).optional()
        .meta({ description: 'Loopback, private and link-local addresses health checks may reach, and Prometheus, Loki and remediation calls may be redirected to (refused otherwise), e.g. [127.0.0.1/32, 10.0.0.0/8]. The origins of prometheus.url, loki.url and remediation http.url themselves need no entry.' }),
      log_collection: z.strictObject({
        evidence_dir: text().meta({ description: `Where evidence bundles are written, relative to this file. Default: ${DETECTION_DEFAULTS.evidenceDir}.` }).optional(),
        sources: z.array(logSourceSchema, { error: expectedError('a list of log sources') }).optional(),
      }).optional().meta({ description: 'What begin_log_collection() gathers.' }),
      remediation: z.strictObject(Object.fromEntries(REMEDIATION_ACTIONS.map((a) => [a, remediationSchema.optional()])) as Record<RemediationAction, z.ZodOptional<typeof remediationSchema>>)
        .optional().meta({ description: 'What each remediation action runs.' }),
    })
    .meta({ description: 'Trigger rules run live by "serve": where their metrics come from and what their actions do.' })
    .transform((d, ctx): DetectionConfig => {
      const metrics = Object.entries(d.metrics ?? {}).map(([metric, m]) => {
        const hints = { ...(m.label === undefined ? {} : { label: m.label }), ...(m.unit === undefined ? {} : { unit: m.unit }), ...(m.group === undefined ? {} : { group: m.group }) };
        return { metric, query: m.prometheus, ...(Object.keys(hints).length === 0 ? {} : { hints }) };
      });
      if (metrics.length > 0 && d.prometheus === undefined) {
        ctx.addIssue({ code: 'custom', message: 'metrics are queried from Prometheus: add prometheus.url', path: ['metrics'], input: d.metrics });
      }
      const owners = new Map<string, string>(metrics.map((m) => [m.metric, 'metrics']));
      (d.health_checks ?? []).forEach((c, i) => {
        for (const [key, name] of [['availability_metric', c.availabilityMetric], ['response_time_metric', c.responseTimeMetric]] as const) {
          const owner = owners.get(name);
          if (owner !== undefined) ctx.addIssue({ code: 'custom', message: `'${name}' is already provided by ${owner}; give this check its own ${key}`, path: ['health_checks', i, key], input: name });
          owners.set(name, `health_checks[${i}]`);
        }
      });
      const remediation: Partial<Record<RemediationAction, RemediationConfig>> = {};
      for (const a of REMEDIATION_ACTIONS) {
        const r = d.remediation?.[a];
        if (r !== undefined) remediation[a] = r;
      }
      return {
        rulesFile: d.rules_file,
        intervalMs: d.interval ?? duration(DETECTION_DEFAULTS.interval),
        ...(d.prometheus === undefined ? {} : { prometheus: { url: d.prometheus.url, timeoutMs: d.prometheus.timeout ?? duration(DETECTION_DEFAULTS.prometheusTimeout), metrics } }),
        pushMaxAgeMs: d.push?.max_age ?? duration(DETECTION_DEFAULTS.pushMaxAge),
        healthChecks: d.health_checks ?? [],
        allowPrivateAddresses: d.allow_private_addresses ?? [],
        evidenceDir: d.log_collection?.evidence_dir ?? DETECTION_DEFAULTS.evidenceDir,
        logSources: d.log_collection?.sources ?? [],
        remediation,
      };
    });
}
