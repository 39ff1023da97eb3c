import type { MetricHints } from '../../domain/health/index.js';
import type { DurationMs } from '../../domain/time/index.js';

/** A metric read from Prometheus: the PromQL expression whose single value is the sample. */
export interface PrometheusMetricConfig {
  readonly metric: string;
  readonly query: string;
  /** How the health panel shows it; what is left out is inferred from the metric's name. */
  readonly hints?: MetricHints;
}

export interface PrometheusConfig {
  /** Base URL, without a trailing slash: http://127.0.0.1:9090 */
  readonly url: string;
  readonly timeoutMs: DurationMs;
  readonly metrics: readonly PrometheusMetricConfig[];
}

/** A built-in HTTP probe, published as two metrics: availability (%) and response time (ms). */
export interface HealthCheckConfig {
  readonly name: string;
  readonly url: string;
  readonly intervalMs: DurationMs;
  readonly timeoutMs: DurationMs;
  /** Availability is the share of successful probes within this window. */
  readonly windowMs: DurationMs;
  readonly availabilityMetric: string;
  readonly responseTimeMetric: string;
  /** Answers with a status in this range count as up. */
  readonly expectStatus: { readonly min: number; readonly max: number };
}

/** Outbound addresses (CIDR) a health check may reach although they are loopback or private. */
export type AddressAllowList = readonly string[];

/** An HTTP call or a command (run without a shell, argv[0] is the program). */
export type OutboundCall =
  | { readonly kind: 'http'; readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; readonly url: string; readonly headers: Readonly<Record<string, string>>; readonly body?: string }
  | { readonly kind: 'command'; readonly argv: readonly string[] };

export const REMEDIATION_ACTIONS = ['isolate_suspicious_sources', 'failover', 'reroute_traffic', 'scale'] as const;
export type RemediationAction = (typeof REMEDIATION_ACTIONS)[number];

export interface RemediationConfig {
  readonly call: OutboundCall;
  readonly timeoutMs: DurationMs;
  /** Record what would run, run nothing. */
  readonly isDryRun: boolean;
  /** Wait for a commander's approval before running. */
  readonly requiresApproval: boolean;
}

/** Where begin_log_collection() gathers evidence from. */
export type LogSourceConfig =
  | { readonly kind: 'file'; readonly name: string; readonly path: string; readonly maxBytes: number }
  | { readonly kind: 'command'; readonly name: string; readonly argv: readonly string[]; readonly timeoutMs: DurationMs; readonly maxBytes: number }
  | {
      readonly kind: 'loki';
      readonly name: string;
      /** Loki base URL; the source queries `/loki/api/v1/query_range`. */
      readonly url: string;
      readonly query: string;
      /** How far back from the firing to query. */
      readonly sinceMs: DurationMs;
      readonly limit: number;
      readonly timeoutMs: DurationMs;
      readonly maxBytes: number;
    }
  | {
      readonly kind: 'splunk';
      readonly name: string;
      /** The Splunk management port (https://splunk.example.com:8089); the source posts to /services/search/jobs/export. */
      readonly url: string;
      /** SPL; "search " is added when it starts with neither "search" nor "|". */
      readonly search: string;
      /** Environment variable holding a Splunk authentication token (sent as Bearer). */
      readonly tokenEnv: string;
      readonly sinceMs: DurationMs;
      readonly limit: number;
      readonly timeoutMs: DurationMs;
      readonly maxBytes: number;
    }
  | {
      readonly kind: 'elasticsearch';
      readonly name: string;
      /** Elasticsearch base URL; the source posts to /<index>/_search. */
      readonly url: string;
      /** Index, alias, data stream or pattern (logs-checkout-*). */
      readonly index: string;
      /** Lucene query string syntax (query_string), e.g. service.name:checkout AND log.level:error. */
      readonly query: string;
      readonly timestampField: string;
      /** Environment variable holding an API key (the encoded id:key, sent as "ApiKey <value>"); without it no credentials are sent. */
      readonly apiKeyEnv?: string;
      readonly sinceMs: DurationMs;
      readonly limit: number;
      readonly timeoutMs: DurationMs;
      readonly maxBytes: number;
    };

/** The `detection:` section: trigger rules run live by `serve`, their metric sources and actions. */
export interface DetectionConfig {
  /** As written in the config; resolved against the config file's directory. */
  readonly rulesFile: string;
  readonly intervalMs: DurationMs;
  readonly prometheus?: PrometheusConfig;
  /** A pushed sample older than this counts as missing data. */
  readonly pushMaxAgeMs: DurationMs;
  readonly healthChecks: readonly HealthCheckConfig[];
  readonly allowPrivateAddresses: AddressAllowList;
  /** Evidence bundles are written below this directory (resolved against the config file's directory). */
  readonly evidenceDir: string;
  readonly logSources: readonly LogSourceConfig[];
  readonly remediation: Readonly<Partial<Record<RemediationAction, RemediationConfig>>>;
}
