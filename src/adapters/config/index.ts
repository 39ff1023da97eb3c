// The configuration file: find incident-response.yaml, validate it with line and column for every
// problem, and merge it over the defaults into the ResponseConfig the use cases run on.
export { parseConfig, loadConfigFile } from './load-config.js';
export { findConfigPath, CONFIG_FILE_NAMES } from './find-config.js';
export { configJsonSchema } from './config-json-schema.js';
