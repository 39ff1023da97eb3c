import type { AddressAllowList } from './detection-config.js';

/** A statuspage.io page our public incidents are mirrored to (`integrations.statuspage` with page_id). */
export interface StatuspageIntegrationConfig {
  /** https://api.statuspage.io unless a proxy is configured; no trailing slash. */
  readonly apiUrl: string;
  readonly pageId: string;
  /** Environment variable holding the API key (sent as "Authorization: OAuth <key>"). */
  readonly apiKeyEnv: string;
  /** Our status_page component id → the statuspage.io component id. */
  readonly components: Readonly<Record<string, string>>;
  readonly allowPrivateAddresses?: AddressAllowList;
}

/** Where one service's telemetry is: its dashboard (and panel) and its name in the tracing backend. */
export interface ServiceTelemetryConfig {
  readonly dashboardUid?: string;
  readonly panelId?: number;
  /** The service's name in Jaeger / Tempo (service.name); default: the service id. */
  readonly traceService?: string;
}

/** Grafana (`integrations.grafana`): annotations through its HTTP API, and dashboard and trace links. */
export interface GrafanaIntegrationConfig {
  /** https://grafana.example.com, no trailing slash. */
  readonly url: string;
  /** Environment variable holding a service account token; without it no annotations are written (links still are). */
  readonly tokenEnv?: string;
  readonly annotations: boolean;
  /** Where annotations of incidents whose service names no dashboard go; without it they are organisation-wide. */
  readonly dashboardUid?: string;
  readonly panelId?: number;
  readonly services: Readonly<Record<string, ServiceTelemetryConfig>>;
  /** The Jaeger UI, for per-service trace search links. */
  readonly jaegerUrl?: string;
  /** The uid of a Tempo data source in this Grafana, for trace search links through Explore. */
  readonly tempoDatasourceUid?: string;
  readonly allowPrivateAddresses?: AddressAllowList;
}
