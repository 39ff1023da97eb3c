// The validated configuration the use cases run on, and its defaults.
export { DEFAULT_RESPONSE_CONFIG } from './response-config.js';
export type { TicketsConfig, JiraTicketsConfig, ServiceNowTicketsConfig, WebhookTicketsConfig } from './follow-up-config.js';
export { DEFAULT_ALERT_POLICY } from './alert-policy.js';
export type { AlertPolicy, SilencePolicy } from './alert-policy.js';
export type { IntegrationsConfig, ResponseConfig, ServiceConfig, SlackIntegrationConfig, SlackUserMapping, StatusPageConfig, WebhookIntegrationConfig, WebhookMappingConfig, HeartbeatConfig } from './response-config.js';
export { REMEDIATION_ACTIONS } from './detection-config.js';
export type {
  DetectionConfig, PrometheusConfig, PrometheusMetricConfig, HealthCheckConfig, AddressAllowList, OutboundCall,
  RemediationAction, RemediationConfig, LogSourceConfig,
} from './detection-config.js';
export type {
  ChannelsConfig, EmailChannelConfig, NtfyChannelConfig, PagerDutyChannelConfig, PushoverChannelConfig, SlackChannelConfig, TeamsChannelConfig, TelegramChannelConfig, TwilioChannelConfig,
  WebhookChannelConfig, WebPushChannelConfig,
} from './channels-config.js';
export { DEFAULT_ENGINE_SETTINGS, DEFAULT_PAGING_CONFIG } from './paging-config.js';
export type { EngineSettings, PagingConfig, StakeholderContact } from './paging-config.js';
export type { AuditConfig, ComplianceConfig } from './compliance-config.js';
export type { ServerConfig, TrustProxy } from './server-config.js';
export type { IntegrationSwitchNote } from './integration-switches.js';
export { ConfigHolder, summarizeConfigChange } from './config-holder.js';
export type { ConfigChangeSummary, IdChanges } from './config-holder.js';
export { UNKNOWN_USER_POLICIES } from './auth-config.js';
export type { AuthConfig, OidcConfig, OidcGroupGrant, UnknownUserPolicy } from './auth-config.js';
export type { ImpactConfig } from './impact-config.js';
export { impactDefaultsFor } from './impact-config.js';
