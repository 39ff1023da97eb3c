import { AppError } from '../../domain/errors/index.js';
import type { PublicIncident } from '../../domain/status-page/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import { HOUR } from '../../domain/time/index.js';
import type { StatusPageConfig } from '../config/index.js';
import type { Clock, NewOutboxMessage, SecretSource } from '../ports/index.js';
import type { StatusPageSnapshot } from './status-page-snapshot.js';

export { SUBSCRIBER_KINDS } from './subscriber-kind.js';
export type { SubscriberKind } from './subscriber-kind.js';
import { SUBSCRIBER_KINDS, type SubscriberKind } from './subscriber-kind.js';

/** Someone following the public page (or one component of it) by e-mail or webhook. */
export interface StatusSubscriber {
  readonly id: string;
  readonly kind: SubscriberKind;
  /** An e-mail address, or the webhook's URL. */
  readonly address: string;
  /** A component id, or '' for the whole page. */
  readonly component: string;
  /** In the confirmation link and in every notice's unsubscribe link; it confirms or ends this subscription only. */
  readonly token: string;
  readonly createdAt: EpochMs;
  /** Set when the confirmation link was followed; notices go to confirmed subscribers only. */
  readonly confirmedAt?: EpochMs;
}

/** Where subscribers and the updates already announced are kept. */
export interface StatusSubscriberStore {
  /**
   * Adds the subscriber, or, when that address already follows that component, gives the existing
   * row the new token and creation time (keeping its confirmation). Returns the row as stored.
   */
  saveStatusSubscriber(subscriber: StatusSubscriber): Promise<StatusSubscriber>;
  findStatusSubscriber(kind: SubscriberKind, address: string, component: string): Promise<StatusSubscriber | undefined>;
  findStatusSubscriberByToken(token: string): Promise<StatusSubscriber | undefined>;
  confirmStatusSubscriber(id: string, at: EpochMs): Promise<void>;
  deleteStatusSubscriber(id: string): Promise<boolean>;
  listConfirmedStatusSubscribers(): Promise<StatusSubscriber[]>;
  /** Records that the public update `updateKey` was announced; false when it already was (by any server). */
  claimStatusNotice(updateKey: string, at: EpochMs): Promise<boolean>;
}

export interface StatusSubscriptionDeps {
  readonly store: StatusSubscriberStore;
  /** Queues messages in the outbox (one write transaction); a key already queued is skipped. */
  readonly enqueue: (messages: readonly NewOutboxMessage[]) => Promise<void>;
  readonly secrets: SecretSource;
  readonly clock: Clock;
  readonly page: StatusPageConfig;
  readonly newId: () => string;
  /** The kinds whose channel is configured (`channels.email`, `channels.webhooks`); others are refused. */
  readonly kinds: readonly SubscriberKind[];
}

export interface SubscribeInput {
  readonly kind: string;
  readonly address: string;
  /** A component id; empty or absent for the whole page. */
  readonly component?: string;
}

/** What a confirmation or unsubscribe link came to. */
export type SubscriptionLinkOutcome =
  | { readonly kind: 'confirmed' | 'unsubscribed'; readonly subscriber: StatusSubscriber }
  | { readonly kind: 'unknown' };

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;
const MAX_ADDRESS = 320;
/** A confirmation is sent again to the same address at most this often (the form is public). */
const RESEND_AFTER_MS = HOUR;
/** Notices announce updates posted after the subscriber confirmed, and none older than this. */
const NOTICE_WINDOW_MS = 24 * HOUR;

/**
 * Subscriptions to the public page with double opt-in: subscribing only sends a confirmation
 * link (at most once an hour per address, and answering the same whether or not the address was
 * known); following it confirms; every notice carries an unsubscribe link. Each public update of a
 * published incident becomes one notice per confirmed subscriber, through the outbox and its
 * channels (e-mail, signed webhooks), planned once per update whichever server sees it first.
 * Notices carry the public title, status and text only, never an internal id.
 */
export class StatusSubscriptions {
  /** Updates this process already claimed or saw claimed, by key with their instant: not asked again (each claim is a write). */
  readonly #settled = new Map<string, EpochMs>();

  constructor(private readonly deps: StatusSubscriptionDeps) {}

  async subscribe(input: SubscribeInput): Promise<void> {
    const { kind, address, component } = this.#check(input);
    const now = this.deps.clock.now();
    const known = await this.deps.store.findStatusSubscriber(kind, address, component);
    if (known !== undefined && (known.confirmedAt !== undefined || now - known.createdAt < RESEND_AFTER_MS)) return;
    const saved = await this.deps.store.saveStatusSubscriber({ id: `sub_${this.deps.secrets.randomBase64Url(12)}`, kind, address, component, token: this.deps.secrets.randomBase64Url(24), createdAt: now });
    const page = this.deps.page;
    const what = component === '' ? page.name : `${this.#componentName(component)} on ${page.name}`;
    const confirmUrl = `${page.url}/status/subscriptions/confirm/${saved.token}`;
    await this.deps.enqueue([this.#message(saved, `confirm:${saved.token}`, `Confirm your subscription to ${what}`,
      `Someone asked to receive notices about incidents on ${what} at this ${kind === 'email' ? 'address' : 'webhook'}.\n\nConfirm: ${confirmUrl}\n\nIf it was not you, ignore this message: nothing will be sent without confirmation.`, now)]);
  }

  async confirm(token: string): Promise<SubscriptionLinkOutcome> {
    const subscriber = await this.deps.store.findStatusSubscriberByToken(token);
    if (subscriber === undefined) return { kind: 'unknown' };
    if (subscriber.confirmedAt === undefined) await this.deps.store.confirmStatusSubscriber(subscriber.id, this.deps.clock.now());
    return { kind: 'confirmed', subscriber };
  }

  /** What a confirmation or unsubscribe link would act on, for the page shown before the button. */
  async find(token: string): Promise<StatusSubscriber | undefined> {
    return this.deps.store.findStatusSubscriberByToken(token);
  }

  async unsubscribe(token: string): Promise<SubscriptionLinkOutcome> {
    const subscriber = await this.deps.store.findStatusSubscriberByToken(token);
    if (subscriber === undefined || !(await this.deps.store.deleteStatusSubscriber(subscriber.id))) return { kind: 'unknown' };
    return { kind: 'unsubscribed', subscriber };
  }

  /**
   * One notice per confirmed subscriber for each public update in the snapshot not yet announced
   * (posted within the last day, after the subscriber confirmed, to the whole page or a component
   * the incident affects). Returns how many notices were queued.
   */
  async planNotices(snapshot: StatusPageSnapshot): Promise<number> {
    const now = this.deps.clock.now();
    for (const [key, at] of this.#settled) if (now - at > NOTICE_WINDOW_MS) this.#settled.delete(key);
    const fresh = snapshot.incidents
      .flatMap((incident) => incident.updates.filter((u) => now - u.at <= NOTICE_WINDOW_MS && u.at <= now).map((update) => ({ incident, update, updateKey: `${incident.id}:${update.at}:${update.status}` })))
      .filter((f) => !this.#settled.has(f.updateKey));
    if (fresh.length === 0) return 0;
    const subscribers = await this.deps.store.listConfirmedStatusSubscribers();
    const messages: NewOutboxMessage[] = [];
    for (const { incident, update, updateKey } of fresh) {
      const isOurs = await this.deps.store.claimStatusNotice(updateKey, now);
      this.#settled.set(updateKey, update.at);
      if (!isOurs) continue;
      for (const s of subscribers) {
        if (s.confirmedAt === undefined || s.confirmedAt > update.at) continue;
        if (s.component !== '' && !incident.componentIds.includes(s.component)) continue;
        messages.push(this.#notice(s, updateKey, incident, update, now));
      }
    }
    if (messages.length > 0) await this.deps.enqueue(messages);
    return messages.length;
  }

  #notice(s: StatusSubscriber, updateKey: string, incident: PublicIncident, update: PublicIncident['updates'][number], now: EpochMs): NewOutboxMessage {
    const page = this.deps.page;
    const status = update.status.charAt(0).toUpperCase() + update.status.slice(1);
    const affected = page.components.filter((c) => incident.componentIds.includes(c.id)).map((c) => c.name);
    const text = [
      `${status}: ${update.body}`,
      ...(affected.length === 0 ? [] : [`Affected: ${affected.join(', ')}`]),
      '',
      `Status page: ${page.url}/status#${incident.id}`,
      `Unsubscribe: ${page.url}/status/subscriptions/unsubscribe/${s.token}`,
    ].join('\n');
    return this.#message(s, `notice:${updateKey}`, `[${page.name}] ${incident.title}: ${status}`, text, now);
  }

  #message(s: StatusSubscriber, key: string, subject: string, text: string, now: EpochMs): NewOutboxMessage {
    return {
      id: this.deps.newId(),
      kind: 'message',
      // One row per subscriber and update (or confirmation token), ever.
      idempotencyKey: `status-subscription:${s.id}:${key}`,
      channel: s.kind,
      // The subscriber's own address, not a reference into the configuration.
      address: s.address,
      purpose: 'subscription',
      recipientName: s.address,
      subject,
      text,
      sendAt: now,
      createdAt: now,
    };
  }

  #componentName(id: string): string {
    return this.deps.page.components.find((c) => c.id === id)?.name ?? id;
  }

  #check(input: SubscribeInput): { kind: SubscriberKind; address: string; component: string } {
    const issues: { path: string; message: string }[] = [];
    const kind = (SUBSCRIBER_KINDS as readonly string[]).includes(input.kind) ? (input.kind as SubscriberKind) : undefined;
    if (kind === undefined) issues.push({ path: 'kind', message: `must be ${SUBSCRIBER_KINDS.join(' or ')}` });
    else if (!this.deps.kinds.includes(kind)) issues.push({ path: 'kind', message: `${kind} subscriptions are not offered on this page${this.deps.kinds.length === 0 ? '' : ` (only ${this.deps.kinds.join(', ')})`}` });
    const address = input.address.trim();
    if (address.length === 0 || address.length > MAX_ADDRESS) issues.push({ path: 'address', message: `must be 1 to ${MAX_ADDRESS} characters` });
    else if (kind === 'email' && !EMAIL.test(address)) issues.push({ path: 'address', message: 'must be an e-mail address such as you@example.com' });
    else if (kind === 'webhook' && !/^https:\/\/[^\s]+$/i.test(address)) issues.push({ path: 'address', message: 'must be an https:// URL' });
    const component = (input.component ?? '').trim();
    if (component !== '' && !this.deps.page.components.some((c) => c.id === component)) {
      issues.push({ path: 'component', message: `is not a component of this page (one of: ${this.deps.page.components.map((c) => c.id).join(', ')})` });
    }
    if (issues.length > 0 || kind === undefined) {
      throw new AppError('VALIDATION', `Cannot subscribe: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}.`, { issues });
    }
    return { kind, address: kind === 'email' ? address.toLowerCase() : address, component };
  }
}
