// The validated configuration the use cases run on, and its defaults.
export { DEFAULT_RESPONSE_CONFIG } from './response-config.js';
export type { IntegrationsConfig, ResponseConfig, ServiceConfig, SlackIntegrationConfig, SlackUserMapping } from './response-config.js';
