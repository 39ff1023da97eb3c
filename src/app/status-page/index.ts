// The public status page's use cases: publishing incidents, scheduling maintenance, and reading
// the page (a snapshot every renderer shares) from the store.
export { StatusPageAdmin } from './status-page-admin.js';
export type { ScheduleMaintenanceInput } from './status-page-admin.js';
export { StatusPageReader, HISTORY_DAYS, publicIncidentId } from './read-status-page.js';
export type { StatusPageSnapshot, ComponentView, MaintenanceView } from './status-page-snapshot.js';
export type { MaintenanceStore, MaintenanceRecord } from './maintenance-store.js';
export { StatusSubscriptions, SUBSCRIBER_KINDS } from './status-subscriptions.js';
export type { StatusSubscriber, StatusSubscriberStore, StatusSubscriptionDeps, SubscribeInput, SubscriberKind, SubscriptionLinkOutcome } from './status-subscriptions.js';
