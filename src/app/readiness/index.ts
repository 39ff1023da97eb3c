// Readiness: what `incident-response doctor` checks (coverage, reachability, integrations, audit,
// follow-up, backups) and the prioritised recommendations it prints.
export { FINDING_LEVELS, assessReadiness } from './assess-readiness.js';
export type { Finding, FindingLevel, ReadinessFacts } from './assess-readiness.js';
