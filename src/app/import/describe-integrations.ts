import type { IntegrationPlan, ReplacementSource } from './import-model.js';

/** Where the sender of each replacement source points, with `<key>` for the key `integration create` prints. */
const SENDER_SETTING: Record<ReplacementSource, (server: string) => string> = {
  'pagerduty-events': (s) => `send Events API v2 to ${s}/v2/enqueue with routing_key <key> (v1 clients: ${s}/generic/2010-04-15/create_event.json with service_key <key>)`,
  opsgenie: (s) => `set the Opsgenie API URL to ${s}/ and the API key (GenieKey) to <key>; Alertmanager: opsgenie_configs: [{ api_url: ${s}/, api_key: <key> }]`,
  'alertmanager-webhook': (s) => `set the webhook URL (Alertmanager webhook_configs, Grafana contact point) to ${s}/api/v1/alertmanager/<key>`,
  'sns-cloudwatch': (s) => `subscribe ${s}/integrations/sns/<key> to the alarm's SNS topic`,
  datadog: (s) => `set the Datadog webhook URL to ${s}/integrations/datadog/<key>`,
  newrelic: (s) => `set the New Relic webhook destination to ${s}/integrations/newrelic/<key>`,
  'generic-webhook': (s) => `post to ${s}/integrations/webhook/<key>, after mapping its JSON under integrations.webhooks (docs/ingest.md#generic-json-webhooks)`,
};

/** The command that creates the replacement integration key, ready to paste. */
export function integrationCreateCommand(plan: IntegrationPlan): string | undefined {
  if (plan.source === undefined) return undefined;
  return `incident-response integration create --source ${plan.source} --name ${plan.name}${plan.service === undefined ? '' : ` --service ${plan.service}`}`;
}

/** What to change on the sender once the key exists. `server` is our server's base URL. */
export function senderSetting(plan: IntegrationPlan, server: string): string | undefined {
  return plan.source === undefined ? undefined : SENDER_SETTING[plan.source](server.replace(/\/+$/, ''));
}
