// The integration relay's loop in `serve`: one pass every interval (docs/integrations.md).
export { IntegrationLoop, RELAY_LEASE } from './integration-loop.js';
export type { IntegrationLoopLog } from './integration-loop.js';
