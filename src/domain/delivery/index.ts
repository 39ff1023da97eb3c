// Delivering messages: retry timing, per-contact caps with bundling, and the words of each message.
export { DEFAULT_RETRY_POLICY, planRetry } from './retry-policy.js';
export type { RetryDecision, RetryPolicy } from './retry-policy.js';
export { BUNDLE_EVERY_MS, CAP_WINDOW_MS, planContactCap } from './contact-cap.js';
export type { CapCandidate, ContactCapDecision } from './contact-cap.js';
export { renderPage, renderStakeholderMessage, renderUpdateReminder, renderWarRoomSummary, renderWithheldStakeholderMessage } from './render-message.js';
export type { RenderedMessage, StakeholderMoment } from './render-message.js';
