// Time in the domain: branded instants and durations, duration parsing. Never reads a clock.
export { epochMs, durationMs, SECOND, MINUTE, HOUR, DAY, minutes, hours, addDuration, elapsed, formatDuration, isoUtc } from './instant.js';
export type { EpochMs, DurationMs } from './instant.js';
export { parseDuration, parsePolicyDuration, describePolicyDuration } from './parse-duration.js';
export type { PolicyDuration } from './parse-duration.js';
export { formatInZone, zoneLabel } from './zoned-time.js';
