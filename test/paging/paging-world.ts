// The whole paging path in-process on a manual clock: config from YAML, a real store, the
// incident use cases with their effects, the engine, and a notifier that keeps what it was given.
import { parseConfig } from '../../src/adapters/config/index.js';
import type { Store } from '../../src/adapters/storage/index.js';
import { IncidentService } from '../../src/app/incidents/index.js';
import { PagingService } from '../../src/app/paging/index.js';
import type { ResponseConfig } from '../../src/app/config/index.js';
import type { Clock, DeliveryOutcome, Notifier, OutboundMessage, WarRoomProvider } from '../../src/app/ports/index.js';
import { PagingEngine } from '../../src/engine/paging/index.js';
import { epochMs, MINUTE, type EpochMs } from '../../src/domain/time/index.js';
import { openTestStore, type StoreKind, type TestStore } from '../support/stores.js';

export const T0 = epochMs(Date.UTC(2026, 10, 28, 3, 0, 0));

/** The configuration the stories share: Alice on call (SMS, voice after 5 min), Bob next, Dana the lead. */
export const WORLD_CONFIG = `
services:
  checkout-api: { name: Checkout API, owner_team: payments, escalation_policy: payments }
people:
  alice:
    name: Alice Adams
    contact_methods:
      - { kind: sms, address: "+15550000001" }
      - { kind: voice, address: "+15550000001" }
      - { kind: email, address: alice@example.com }
    notification_rules:
      - { after_minutes: 0, method: sms }
      - { after_minutes: 5, method: voice }
  bob:
    name: Bob Brown
    contact_methods:
      - { kind: sms, address: "+15550000002" }
  dana:
    name: Dana Diaz
    contact_methods:
      - { kind: email, address: dana@example.com }
  eve:
    name: Eve Evans
    contact_methods:
      - { kind: email, address: eve@example.com }
teams:
  payments: { name: Payments, members: [alice, bob], leads: [dana], executives: [eve] }
schedules:
  primary:
    name: Payments primary
    layers:
      - { time_zone: UTC, start_date: 2026-11-01, hand_off_time: "09:00", turn: weekly, participants: [alice] }
escalation_policies:
  payments:
    name: Payments
    steps:
      - targets: [{ schedule: primary }]
      - delay_minutes: 30
        targets: [{ person: bob }]
paging:
  war_room_severities: []
communication:
  stakeholders:
    engineering-leads: [{ channel: email, address: leads@example.com, name: Leads list }]
`;

export interface Sent {
  readonly at: EpochMs;
  readonly channel: string;
  readonly address: string;
  readonly purpose: string;
  readonly subject: string;
  readonly attempt: number;
}

/** Delivers nothing anywhere: records each attempt and answers what the script says. */
export class RecordingNotifier implements Notifier {
  readonly sent: Sent[] = [];
  /** Answers for the next attempts on each channel, in order; then `delivered`. */
  readonly script = new Map<string, DeliveryOutcome[]>();
  answer(channel: string, ...outcomes: DeliveryOutcome[]): void {
    this.script.set(channel, [...(this.script.get(channel) ?? []), ...outcomes]);
  }
  constructor(private readonly now: () => EpochMs) {}
  async deliver(message: OutboundMessage): Promise<DeliveryOutcome> {
    this.sent.push({ at: this.now(), channel: message.channel, address: message.address, purpose: message.purpose, subject: message.subject, attempt: message.attempt });
    return this.script.get(message.channel)?.shift() ?? { kind: 'delivered', detail: 'accepted' };
  }
}

export interface World {
  readonly store: Store;
  readonly config: ResponseConfig;
  readonly paging: PagingService;
  readonly clock: Clock;
  readonly incidents: IncidentService;
  readonly engine: PagingEngine;
  readonly notifier: RecordingNotifier;
  now(): EpochMs;
  /** Moves the clock and runs the engine until it has nothing left to do at the new time. */
  advance(ms: number): Promise<void>;
  /** Runs the engine at the current time until idle. */
  settle(): Promise<void>;
  /** Messages sent since the last call, as "channel address" lines. */
  takeSent(): string[];
  /** The same, as "purpose channel address" lines. */
  takeSentWithPurpose(): string[];
  close(): Promise<void>;
}

export async function openWorld(kind: StoreKind, yaml = WORLD_CONFIG, owner = 'test-engine', warRoom?: WarRoomProvider): Promise<World> {
  const config = parseConfig(yaml, 'incident-response.yaml');
  const db: TestStore = await openTestStore(kind);
  let now: EpochMs = T0;
  const clock = { now: () => now };
  let ids = 0;
  const newId = () => `msg_${String(++ids).padStart(6, '0')}`;
  const paging = new PagingService(config, newId);
  const incidents = new IncidentService(db.store, clock, config, paging);
  const notifier = new RecordingNotifier(() => now);
  const engine = new PagingEngine({ store: db.store, incidents, paging, notifier, ...(warRoom !== undefined ? { warRoom } : {}), clock, config: config.paging, owner, random: () => 0.5, newId });
  let taken = 0;
  const settle = async () => {
    for (let i = 0; i < 100; i++) {
      const r = await engine.tick();
      if (r.timersFired === 0 && r.messagesClaimed === 0) return;
    }
    throw new Error('the engine did not settle in 100 ticks');
  };
  return {
    store: db.store,
    config,
    paging,
    clock,
    incidents,
    engine,
    notifier,
    now: () => now,
    async advance(ms) {
      // Step a minute at a time, so each timer fires at (about) its own instant.
      const end = now + ms;
      while (now < end) {
        now = epochMs(Math.min(end, now + MINUTE));
        await settle();
      }
    },
    settle,
    takeSent() {
      const lines = notifier.sent.slice(taken).map((s) => `${s.channel} ${s.address}`);
      taken = notifier.sent.length;
      return lines;
    },
    takeSentWithPurpose() {
      const lines = notifier.sent.slice(taken).map((s) => `${s.purpose} ${s.channel} ${s.address}`);
      taken = notifier.sent.length;
      return lines;
    },
    close: () => db.cleanup(),
  };
}
