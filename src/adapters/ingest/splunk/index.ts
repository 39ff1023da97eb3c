// Splunk webhook alert action payloads (the first result row, sid, results_link, search_name) → AlertSignals.
export { splunkSource } from './splunk-source.js';
export { parseSplunk, SPLUNK } from './splunk-parser.js';
export { splunkSchema } from './splunk-schema.js';
export type { SplunkPayload } from './splunk-schema.js';
