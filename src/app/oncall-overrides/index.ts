// On-call changes at runtime: overrides stored in the database ("take my shift", "cover Tuesday
// night"), checked, audited and merged into the schedules every reader and the paging engine use.
export { OnCallOverrides, mayChangeOverride, personOf } from './on-call-overrides.js';
export type { OnCallDirectory, OverrideDto, OverrideInput } from './on-call-overrides.js';
export { LocalOnCallChanges } from './on-call-changes-client.js';
export type { OnCallChangesClient } from './on-call-changes-client.js';
