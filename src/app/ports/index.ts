// Ports: what the use cases need from the outside world (a clock, stores, secrets, metrics, outbound calls), as interfaces.
export type { AlarmClock, Clock } from './clock.js';
export type { IncidentStore, StoreWriteTx, StoredEvent, IncidentFilter, IncidentListRow } from './incident-store.js';
export type { TokenStore, ApiTokenRecord, TokenKind, TokenScope } from './token-store.js';
export { TOKEN_KINDS, TOKEN_SCOPES } from './token-store.js';
export type { AuditTrailStore, IncidentAuditPage, StoredCheckpoint } from './audit-trail-store.js';
export type { AuditSigner, SignatureCheck } from './audit-signer.js';
export type { SecretSource } from './secret-source.js';
export type { MetricSource, MetricRead } from './metric-source.js';
export type { OutboundRunner, OutboundResult } from './outbound-runner.js';
export type { EvidenceCollector, EvidenceBundle, EvidencePart } from './evidence-collector.js';
export type {
  AdminAuditRecord, AlertFilter, AlertIdentityKey, AlertStore, AlertWriteTx, ChangeRecord, IntegrationRecord, PastIncident, SilenceRecord, StoredAlert,
} from './alert-store.js';
export { pastIncidentKey } from './alert-store.js';
export type { HeartbeatRecord, HeartbeatStore, HeartbeatWatch, HeartbeatWriteTx } from './heartbeat-store.js';
export type { SignedDelivery, SignedDeliveryStore } from './signed-delivery-store.js';
export type { DeliveryChannel, DeliveryOutcome, MessageIncident, MessagePurpose, Notifier, OutboundMessage, WarRoom, WarRoomProvider, WarRoomStart } from './notifier.js';
export { DELIVERY_CHANNELS, MESSAGE_PURPOSES } from './notifier.js';
export type {
  DueWorkListener, EscalationRecord, MessageFilter, MessageFinish, NewOutboxMessage, OutboxFinish, OutboxKind, OutboxRecord, OutboxStatus, PagingStore, PagingWriteTx,
  TimerKind, TimerRecord,
} from './paging-store.js';
export { OUTBOX_KINDS, OUTBOX_STATUSES, TIMER_KINDS } from './paging-store.js';
export type { TicketGateway, TicketLinker, TicketRequest, CreatedTicket, TicketState } from './ticket-gateway.js';
export type { ContactTestOutcome, ContactTestRecord, OnCallStore, OverrideFilter } from './oncall-store.js';
export { CONTACT_TEST_OUTCOMES } from './oncall-store.js';
export type {
  AuthFailureWindow, DetectionSnapshot, LeaseFence, LeaseGrant, PushedSampleRecord, SharedStateStore, StoredBaseline, StoredRuleState, UnfinishedFiring,
} from './shared-state-store.js';
