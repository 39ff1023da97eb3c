// Importing an on-call setup from PagerDuty, Opsgenie or Grafana OnCall: pure mappings from each
// tool's documented API objects to our configuration file, with a note for everything approximate.
export { IMPORT_VENDORS, IMPORT_KINDS, VENDOR_LABEL, REPLACEMENT_SOURCES } from './import-model.js';
export type {
  ImportVendor, ImportKind, ImportedConfig, ImportResult, ImportTally, IntegrationPlan, MappingLevel, MappingNote, ReplacementSource,
} from './import-model.js';
export { summariseImport } from './summarise-import.js';
export type { ImportSummaryRow } from './summarise-import.js';
export { integrationCreateCommand, senderSetting } from './describe-integrations.js';
export { mapPagerDuty } from './pagerduty/map-pagerduty.js';
export type {
  PagerDutySnapshot, PdUser, PdTeam, PdTeamMember, PdSchedule, PdOverride, PdEscalationPolicy, PdService,
} from './pagerduty/pagerduty-types.js';
export { mapOpsgenie } from './opsgenie/map-opsgenie.js';
export type {
  OpsgenieSnapshot, OgUser, OgContact, OgNotificationRule, OgTeam, OgSchedule, OgOverride, OgEscalation, OgService, OgIntegration,
} from './opsgenie/opsgenie-types.js';
export { mapGrafanaOnCall } from './grafana-oncall/map-grafana-oncall.js';
export type {
  GrafanaOnCallSnapshot, GoUser, GoTeam, GoSchedule, GoShift, GoEscalationChain, GoEscalationPolicy, GoIntegration, GoNotificationRule,
} from './grafana-oncall/grafana-oncall-types.js';
