import type { ImpactConfig } from './impact-config.js';
import type { AuthConfig } from './auth-config.js';
import type { AccessRole } from '../../domain/access/index.js';
import { DEFAULT_BUSINESS_CALENDAR, type BusinessCalendar } from '../../domain/calendar/index.js';
import { DEFAULT_SEVERITY_POLICY, type SeverityPolicy } from '../../domain/policy/index.js';
import { DEFAULT_WORKFLOWS, type WorkflowSet } from '../../domain/workflow/index.js';
import type { PageComponent } from '../../domain/status-page/index.js';
import type { AddressAllowList, DetectionConfig } from './detection-config.js';
import type { AuditConfig, ComplianceConfig } from './compliance-config.js';
import type { TicketsConfig } from './follow-up-config.js';
import type { ReviewPolicy } from '../../domain/review/index.js';
import type { ChannelsConfig } from './channels-config.js';
import { DEFAULT_ALERT_POLICY, type AlertPolicy } from './alert-policy.js';
import type { AlertAction } from '../../domain/alerts/index.js';
import type { Environment, IncidentType, Severity } from '../../domain/classification/index.js';
import type { DurationMs } from '../../domain/time/index.js';
import type { Person, Schedule, Team } from '../../domain/oncall/index.js';
import type { EscalationPolicy } from '../../domain/escalation/index.js';
import { DEFAULT_PAGING_CONFIG, type PagingConfig } from './paging-config.js';
import type { ServerConfig } from './server-config.js';
import type { IntegrationSwitchNote } from './integration-switches.js';
import type { GrafanaIntegrationConfig, StatuspageIntegrationConfig } from './outbound-integrations-config.js';

export interface ServiceConfig {
  readonly name: string;
  readonly description?: string;
  readonly ownerTeam?: string;
  /** Id of the escalation policy that pages for this service. */
  readonly escalationPolicy?: string;
}

/** A product user the Slack command may act as, found by Slack user id or by email (at least one is set). */
export interface SlackUserMapping {
  readonly slackUserId?: string;
  /** Lower-cased; matched against the Slack profile email from users.info. */
  readonly email?: string;
  readonly name: string;
  readonly role: AccessRole;
  readonly teams: readonly string[];
}

/** The `/incident-response` slash command. Secrets are named by environment variable, never held here. */
export interface SlackIntegrationConfig {
  readonly signingSecretEnv: string;
  /** Lets the server look up a user's email with users.info; without it only slack_user_id matches. */
  readonly botTokenEnv?: string;
  /** Slack Web API base URL, without a trailing slash. */
  readonly apiUrl: string;
  readonly users: readonly SlackUserMapping[];
  /** Private addresses users.info may be redirected to (the api_url origin itself needs none). */
  readonly allowPrivateAddresses?: AddressAllowList;
}

/** How a generic JSON webhook's body maps to an alert: dotted paths (`alert.title`, `items.0.id`). */
export interface WebhookMappingConfig {
  readonly summary: string;
  readonly dedupKey: string;
  /** When set, each element of the array at this path is one alert; other paths are relative to it. */
  readonly itemsPath?: string;
  readonly action?: { readonly path: string; readonly values: Readonly<Record<string, AlertAction>> };
  readonly severity?: { readonly path: string; readonly map: Readonly<Record<string, Severity>> };
  readonly service?: string;
  readonly environment?: string;
  readonly description?: string;
  readonly startsAt?: string;
  readonly link?: string;
  /** label name → path */
  readonly labels: Readonly<Record<string, string>>;
}

/** `integrations.webhooks[]`: linked by `name` to an integration key of source generic-webhook with that name. */
export interface WebhookIntegrationConfig {
  readonly name: string;
  readonly mapping: WebhookMappingConfig;
  /** Environment variable holding the Standard Webhooks secret (whsec_…); when set, signatures are required. */
  readonly signingSecretEnv?: string;
  readonly toleranceSeconds: number;
}

export interface IntegrationsConfig {
  readonly slack?: SlackIntegrationConfig;
  readonly webhooks?: readonly WebhookIntegrationConfig[];
  /** A statuspage.io page our public incidents are mirrored to. */
  readonly statuspage?: StatuspageIntegrationConfig;
  /** Grafana annotations, dashboard and trace links. */
  readonly grafana?: GrafanaIntegrationConfig;
}

/** A dead man's switch (`heartbeats[]`): an incident opens when no ping came for interval + grace. */
export interface HeartbeatConfig {
  readonly name: string;
  readonly intervalMs: DurationMs;
  readonly graceMs: DurationMs;
  readonly service?: string;
  readonly severity: Severity;
  readonly incidentType: IncidentType;
  readonly environment: Environment;
}

/** The public status page (`status_page:`): its identity and the components customers see. */
export interface StatusPageConfig {
  readonly name: string;
  /** Where the page is served publicly, without a trailing slash (links in feeds and JSON). */
  readonly url: string;
  /** IANA zone the page shows times in. */
  readonly timeZone: string;
  /** In display order. */
  readonly components: readonly PageComponent[];
}

/** Everything the use cases need from configuration, already validated. */
export interface ResponseConfig {
  readonly policy: SeverityPolicy;
  readonly calendar: BusinessCalendar;
  readonly workflows: WorkflowSet;
  /** Known services by id; empty = any service name is accepted. */
  readonly services: Readonly<Record<string, ServiceConfig>>;
  /** IANA zone the CLI shows times in (UTC unless configured). */
  readonly displayTimeZone: string;
  /** Chat integrations; absent when none is configured. */
  readonly integrations?: IntegrationsConfig;
  /** The public status page; absent when not configured (then it is not served). */
  readonly statusPage?: StatusPageConfig;
  /** Trigger rules run live by `serve`; absent when not configured. */
  readonly detection?: DetectionConfig;
  /** Notification channels (`channels:`); absent when not configured. */
  readonly channels?: ChannelsConfig;
  /** Post-incident reviews (`reviews:`); DEFAULT_REVIEW_POLICY when absent. */
  readonly reviews?: ReviewPolicy;
  /** Ticket systems (`tickets:`); absent when none is configured. */
  readonly tickets?: TicketsConfig;
  /** How ingested alerts become incidents (`alerts:`). */
  readonly alerts: AlertPolicy;
  /** Heartbeat monitors (`heartbeats:`); empty when none. */
  readonly heartbeats: readonly HeartbeatConfig[];
  /** The on-call directory (`people:`, `teams:`, `schedules:`) and `escalation_policies:`; empty when none. */
  readonly people: readonly Person[];
  readonly teams: readonly Team[];
  readonly schedules: readonly Schedule[];
  readonly escalationPolicies: readonly EscalationPolicy[];
  /** Compliance contacts and windows (`compliance:`); absent = the statutory defaults and no contacts. */
  readonly compliance?: ComplianceConfig;
  /** Checkpoint signing (`audit:`); absent = checkpoints cannot be signed. */
  readonly audit?: AuditConfig;
  /** The paging engine and stakeholder communication (`paging:`, `communication:`). */
  readonly paging: PagingConfig;
  /** How `serve` sees its clients (`server:`); absent = no proxy is trusted. */
  readonly server?: ServerConfig;
  /** How people sign in (`auth:`); absent = API tokens only. */
  readonly auth?: AuthConfig;
  /** Business impact figures (`impact:`); absent = only what assessments enter. */
  readonly impact?: ImpactConfig;
  /** What each product-description-style `integrations.*` switch became; absent when the file has none. */
  readonly integrationSwitches?: readonly IntegrationSwitchNote[];
}

/** The product with no configuration file: the severity table and workflows of the product description. */
export const DEFAULT_RESPONSE_CONFIG: ResponseConfig = {
  policy: DEFAULT_SEVERITY_POLICY,
  calendar: DEFAULT_BUSINESS_CALENDAR,
  workflows: DEFAULT_WORKFLOWS,
  services: {},
  displayTimeZone: 'UTC',
  alerts: DEFAULT_ALERT_POLICY,
  heartbeats: [],
  people: [],
  teams: [],
  schedules: [],
  escalationPolicies: [],
  paging: DEFAULT_PAGING_CONFIG,
};
