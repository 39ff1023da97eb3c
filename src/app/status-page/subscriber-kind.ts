/** How a status page subscriber is told: by e-mail or by a webhook. */
export const SUBSCRIBER_KINDS = ['email', 'webhook'] as const;
export type SubscriberKind = (typeof SUBSCRIBER_KINDS)[number];
