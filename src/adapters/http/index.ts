// The HTTP API (docs/api.md): a Fastify server built from injected use cases, with token auth,
// zod-validated bodies, an OpenAPI document from the same schemas, a live event stream and metrics.
export { buildServer, API_PREFIX } from './build-server.js';
export { createServerLogger } from './server-logger.js';
export { DEFAULT_TUNING } from './server-deps.js';
export { RevokedSessions, REVOCATION_REFRESH_MS } from './revoked-sessions.js';
export type { ServerDeps, ServerTuning, Readiness } from './server-deps.js';
export { HTTP_STATUS, STORE_RETRY_AFTER_SECONDS } from './http-error.js';
export type { SignedFormEndpoint, SignatureCheck } from './signed-form-route.js';
export type { RawEndpoint, RawRequest, RawAnswer } from './raw-endpoint.js';
export type { PublicDocument, PublicPage, PublicPages } from './public-page-route.js';
export { PUBLIC_PAGE_MAX_AGE_SECONDS } from './public-page-route.js';
export { registerAckRoutes, describeAckOutcome, PUSHOVER_RECEIPT_PATH, TELEGRAM_WEBHOOK_PATH, TWILIO_SMS_PATH, TWILIO_VOICE_PATH } from './ack-routes.js';
export type { ReadTelegramAckData } from './ack-routes.js';
export { registerPushRoutes, PUSH_KEY_PATH, PUSH_SUBSCRIPTIONS_PATH } from './push-routes.js';
export type { PushCaller, PushRoutesDeps } from './push-routes.js';
export { registerStatusSubscriptionRoutes, STATUS_SUBSCRIPTIONS_PATH } from './status-subscription-routes.js';
export type { StatusSubscriptionActions } from './status-subscription-routes.js';
export type { AckActions, AckRoutesDeps } from './ack-routes.js';
export { twilioSignature, isValidTwilioSignature } from './twilio-signature.js';
