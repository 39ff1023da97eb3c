// Web Push subscriptions: the signed-in person's browsers that pages are pushed to.
export { PushSubscriptions } from './push-subscriptions.js';
export type { PushSubscriptionInput, PushSubscriptionRecord, PushSubscriptionStore } from './push-subscriptions.js';
