import type { ResponseConfig } from '../config/index.js';
import type { DeliveryChannel } from '../ports/index.js';

/** Channels whose address is itself a credential: a Teams or webhook URL, a PagerDuty routing key. */
export const ADDRESS_IS_CREDENTIAL: Readonly<Record<DeliveryChannel, boolean>> = {
  email: false, sms: false, voice: false, slack: false, teams: true, webhook: true, pagerduty: true,
  // A push address is the person's id (their browsers' subscriptions are stored); an ntfy topic and a Pushover user key are secrets.
  push: false, ntfy: true, pushover: true, telegram: false,
};

/** Where a stored message's endpoint is found in the configuration. Built only by the functions below. */
export type ContactRef = `config:person:${string}:${string}` | `config:stakeholder:${string}:${number}`;

const REF_PREFIX = 'config:';

/** A person's contact method (`people.<id>.contact_methods[]`, by the method's id). */
export function personContactRef(personId: string, contactMethodId: string): ContactRef {
  return `config:person:${personId}:${contactMethodId}`;
}

/** A stakeholder group's contact (`communication.stakeholders.<group>[index]`). */
export function stakeholderContactRef(group: string, index: number): ContactRef {
  return `config:stakeholder:${group}:${index}`;
}

/**
 * Keeps credentials out of the store: a message to a channel whose address is a credential is
 * queued with a reference to the configured contact, and the address is looked up in the
 * configuration (which reads it from the file, never from the database) when the message is sent.
 * Other channels keep their address, which caps, bundling and the message list rely on.
 */
export class ContactDirectory {
  readonly #addresses = new Map<string, string>();

  constructor(config: Pick<ResponseConfig, 'people' | 'paging'>) {
    for (const person of config.people) {
      for (const method of person.contactMethods) this.#addresses.set(personContactRef(person.id, method.id), method.address);
    }
    for (const [group, contacts] of Object.entries(config.paging.stakeholders)) {
      (contacts ?? []).forEach((contact, index) => this.#addresses.set(stakeholderContactRef(group, index), contact.address));
    }
  }

  /** What the outbox stores for a message to `address`, the contact `ref` names. */
  storedAddress(channel: DeliveryChannel, address: string, ref: ContactRef): string {
    return ADDRESS_IS_CREDENTIAL[channel] ? ref : address;
  }

  /** The address to deliver a stored message to; undefined when its contact is no longer configured. */
  deliveryAddress(channel: DeliveryChannel, stored: string): string | undefined {
    // Rows queued before references were stored hold the address itself: still delivered.
    if (!ADDRESS_IS_CREDENTIAL[channel] || !stored.startsWith(REF_PREFIX)) return stored;
    return this.#addresses.get(stored);
  }
}
