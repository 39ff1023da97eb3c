import type { Severity } from '../../domain/classification/index.js';
import { DEFAULT_COMMUNICATION_MATRIX, type CommunicationMatrix, type StakeholderGroup } from '../../domain/comms/index.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../domain/delivery/index.js';
import { durationMs, MINUTE, SECOND, type DurationMs } from '../../domain/time/index.js';
import type { DeliveryChannel } from '../ports/notifier.js';

/** Where a stakeholder group is told about incidents (`communication.stakeholders.<group>[]`). */
export interface StakeholderContact {
  readonly channel: DeliveryChannel;
  readonly address: string;
  /** How the recipient reads on the timeline ("#exec-incidents", "Support desk"). */
  readonly name: string;
}

/** The paging engine and stakeholder communication (`paging:` and `communication:`), validated, with defaults. */
export interface PagingConfig {
  /** Used for incidents whose service names no escalation policy. */
  readonly defaultEscalationPolicy?: string;
  /** At most this many messages per address per rolling hour, per channel (SMS and voice by default). */
  readonly capsPerHour: Readonly<Partial<Record<DeliveryChannel, number>>>;
  readonly retry: RetryPolicy;
  /** How long one delivery attempt may take before it counts as failed and is retried. */
  readonly attemptTimeoutMs: DurationMs;
  /** The communications lead is reminded this long before the next stakeholder update is due, and again each time as long when late. */
  readonly updateReminderBeforeMs: DurationMs;
  readonly matrix: CommunicationMatrix;
  readonly stakeholders: Readonly<Partial<Record<StakeholderGroup, readonly StakeholderContact[]>>>;
  /** Severities that get a Slack war-room channel when declared (needs channels.slack). */
  readonly warRoomSeverities: readonly Severity[];
  /** The web app's base URL, for links in messages. */
  readonly appUrl?: string;
  readonly engine: EngineSettings;
}

export interface EngineSettings {
  /** The longest an idle loop sleeps: the bound for work other processes write (its own and known due times wake it). */
  readonly pollMs: DurationMs;
  /** A pass slower than this is logged. */
  readonly slowTickMs: DurationMs;
  /** A timer still unfired this long after it fell due is reported by the auditor. */
  readonly overdueAfterMs: DurationMs;
  /** Pinged (GET) once every loop has passed healthily, at most once per interval: an outside dead man's switch watches the engine. */
  readonly heartbeatUrl?: string;
  readonly heartbeatIntervalMs: DurationMs;
  /** How long a claim holds a timer or message before another instance may take it over; claims of messages in flight are renewed every third of it. */
  readonly leaseMs: DurationMs;
}

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = {
  pollMs: durationMs(250),
  slowTickMs: durationMs(2 * SECOND),
  overdueAfterMs: durationMs(30 * SECOND),
  heartbeatIntervalMs: durationMs(60 * SECOND),
  leaseMs: durationMs(30 * SECOND),
};

export const DEFAULT_PAGING_CONFIG: PagingConfig = {
  capsPerHour: { sms: 10, voice: 5 },
  retry: DEFAULT_RETRY_POLICY,
  attemptTimeoutMs: durationMs(10 * SECOND),
  updateReminderBeforeMs: durationMs(5 * MINUTE),
  matrix: DEFAULT_COMMUNICATION_MATRIX,
  stakeholders: {},
  warRoomSeverities: ['critical', 'high'],
  engine: DEFAULT_ENGINE_SETTINGS,
};
