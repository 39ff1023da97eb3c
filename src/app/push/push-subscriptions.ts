import type { Principal } from '../../domain/access/index.js';
import { AppError } from '../../domain/errors/index.js';
import type { Person } from '../../domain/oncall/index.js';
import type { EpochMs } from '../../domain/time/index.js';

/** A browser's push subscription (RFC 8030 endpoint, RFC 8291 keys) belonging to one person. */
export interface PushSubscriptionRecord {
  /** The push service URL the browser gave; its identity. */
  readonly endpoint: string;
  readonly personId: string;
  /** The browser's P-256 public key, base64url (65 bytes, uncompressed). */
  readonly p256dh: string;
  /** The 16-byte authentication secret, base64url. */
  readonly auth: string;
  readonly createdAt: EpochMs;
}

/** Where people's push subscriptions are kept. */
export interface PushSubscriptionStore {
  /** Adds the subscription, or replaces the one with the same endpoint (a browser re-subscribing, or signed in as someone else). */
  savePushSubscription(record: PushSubscriptionRecord): Promise<void>;
  /** Deletes the endpoint's subscription (only `personId`'s when given); true when one was deleted. */
  deletePushSubscription(endpoint: string, personId?: string): Promise<boolean>;
  /** The person's subscriptions, oldest first. */
  listPushSubscriptions(personId: string): Promise<PushSubscriptionRecord[]>;
}

export interface PushSubscriptionInput {
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const MAX_ENDPOINT = 2048;

/**
 * Subscribing the signed-in person's browser to pages by Web Push, and unsubscribing it. A
 * subscription belongs to the person the caller is signed in as (a person of the on-call
 * configuration, by id); nobody subscribes or removes someone else's browser.
 */
export class PushSubscriptions {
  constructor(private readonly store: PushSubscriptionStore, private readonly people: readonly Person[]) {}

  async subscribe(principal: Principal, input: PushSubscriptionInput, now: EpochMs): Promise<PushSubscriptionRecord> {
    const person = this.#personOf(principal);
    const issues = checkSubscription(input);
    if (issues.length > 0) {
      throw new AppError('VALIDATION', `The push subscription is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}. Send the object PushManager.subscribe() resolved to (its toJSON()).`, { issues });
    }
    const record: PushSubscriptionRecord = { endpoint: input.endpoint, personId: person.id, p256dh: stripPadding(input.keys.p256dh), auth: stripPadding(input.keys.auth), createdAt: now };
    await this.store.savePushSubscription(record);
    return record;
  }

  async unsubscribe(principal: Principal, endpoint: string): Promise<void> {
    const person = this.#personOf(principal);
    if (!(await this.store.deletePushSubscription(endpoint, person.id))) {
      throw new AppError('NOT_FOUND', `No push subscription of ${person.id} has that endpoint. List nothing to remove, or subscribe again from the web app.`);
    }
  }

  #personOf(principal: Principal): Person {
    const person = this.people.find((p) => p.id === principal.name);
    if (person === undefined) {
      throw new AppError('FORBIDDEN', `You are signed in as "${principal.name}", who is not a person in the on-call configuration; push notifications go to people who can be paged. Sign in as yourself, or add yourself under people: in the configuration.`);
    }
    return person;
  }
}

function checkSubscription(input: PushSubscriptionInput): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  let url: URL | undefined;
  try {
    url = new URL(input.endpoint);
  } catch {
    url = undefined;
  }
  if (url === undefined || !/^https?:$/.test(url.protocol) || input.endpoint.length > MAX_ENDPOINT) {
    issues.push({ path: 'endpoint', message: `must be the push service's http(s) URL (at most ${MAX_ENDPOINT} characters)` });
  }
  const p256dh = decodedLength(input.keys.p256dh);
  if (p256dh !== 65) issues.push({ path: 'keys.p256dh', message: 'must be a P-256 public key: 65 bytes, base64url' });
  if (decodedLength(input.keys.auth) !== 16) issues.push({ path: 'keys.auth', message: 'must be the 16-byte authentication secret, base64url' });
  return issues;
}

function decodedLength(value: string): number | undefined {
  if (!BASE64URL.test(value)) return undefined;
  const bare = stripPadding(value);
  return Math.floor((bare.length * 3) / 4);
}

const stripPadding = (value: string): string => value.replace(/=+$/, '');
