import type { EpochMs } from '../../domain/time/index.js';

/**
 * The channels the engine delivers through. A person's contact method (email, sms, voice, slack,
 * teams, webhook) names one; `pagerduty` forwards a page to a PagerDuty service (Events API v2).
 */
export const DELIVERY_CHANNELS = ['email', 'sms', 'voice', 'slack', 'teams', 'webhook', 'pagerduty', 'push', 'ntfy', 'pushover', 'telegram'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** Why a message exists: it decides wording and whether caps and bundling apply. */
export const MESSAGE_PURPOSES = ['page', 'notify', 'stakeholder-update', 'update-reminder', 'follow-up-reminder', 'war-room', 'subscription'] as const;
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number];

/** The incident facts a message is about, for channels that send structured data (webhooks, PagerDuty, Slack blocks). */
export interface MessageIncident {
  readonly id: string;
  readonly title: string;
  /** critical | high | medium | low */
  readonly severity: string;
  /** SEV-1 … SEV-4 */
  readonly severityLabel: string;
  readonly incidentType: string;
  readonly environment: string;
  readonly service?: string;
  readonly status: string;
  readonly declaredAt: EpochMs;
  /** Where a responder opens it (the web app's incident room), when the server's URL is known. */
  readonly url?: string;
}

/**
 * One outbound message as the outbox holds it. `id` is the outbox row id: stable across retries
 * and across server instances, so it is the Standard Webhooks `webhook-id`, the e-mail
 * Message-ID seed, the PagerDuty dedup key seed and the Idempotency-Key header.
 */
export interface OutboundMessage {
  readonly id: string;
  /** The engine's key ("INC-…:generation:step:repeat:person:method"): one row per key, ever. */
  readonly idempotencyKey: string;
  readonly channel: DeliveryChannel;
  /**
   * email: an address; sms/voice: E.164 (+15551234567); slack: a user id (U…, opens a DM), a
   * channel id (C…) or "#name"; teams: an incoming-webhook URL; webhook: a URL; pagerduty: a
   * 32-character routing (integration) key.
   */
  readonly address: string;
  readonly purpose: MessagePurpose;
  /** One line: the e-mail subject, the first line of an SMS, the Slack fallback text. */
  readonly subject: string;
  /** Plain text; channels with length limits shorten it themselves (SMS 1,600 characters, voice is read aloud). */
  readonly text: string;
  readonly incident?: MessageIncident;
  /** Who it is for, when a person ("Alice Chen"). */
  readonly recipientName?: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** When the message was first queued (PagerDuty's timestamp, the webhook event time). */
  readonly createdAt: EpochMs;
  /** A page's one-tap acknowledgement (signed, single use, expiring), when the server's public URL is known. */
  readonly ack?: MessageAck;
  /** A page to one person (not a bundle): whom, about which incident, in which escalation round. */
  readonly page?: PageRecipient;
  /**
   * Instead of sending anything new: stop the page the provider knows by this id from repeating
   * (Pushover's receipt of an emergency page, cancelled once the incident is acknowledged or
   * resolved some other way). Only the Pushover channel takes it.
   */
  readonly stopRepeating?: string;
}

/** Who a page is for and which paging round of which incident it belongs to, as the outbox row holds them. */
export interface PageRecipient {
  readonly incidentId: string;
  readonly personId: string;
  /** The escalation generation; acknowledging from the page refuses links of an earlier round. */
  readonly generation: number;
}

/** Where a page is acknowledged from: a link for people, and where a voice call posts the keypress. */
export interface MessageAck {
  /** `https://…/ack/<token>`: a confirmation page, acknowledging on POST. */
  readonly url: string;
  /** `https://…/integrations/twilio/voice/<token>`: the `<Gather>` action of a call. */
  readonly voiceActionUrl: string;
  /**
   * Where Pushover posts its receipt callback when the person acknowledges in its app
   * (`https://…/integrations/pushover/receipt/<incident>/<message id>`); the receipt it sends must be
   * the one Pushover gave for this message.
   */
  readonly receiptCallbackUrl: string;
}

/**
 * What one delivery attempt came to. The notifier makes exactly one attempt and never throws:
 * network errors, timeouts and refused addresses are outcomes. The engine owns retries.
 */
export type DeliveryOutcome =
  | { readonly kind: 'delivered'; readonly detail: string; readonly providerId?: string }
  /** Worth trying again: 5xx, 408, 429, a timeout, a connection error. `retryAfterMs` from Retry-After when given. */
  | { readonly kind: 'retry'; readonly reason: string; readonly retryAfterMs?: number }
  /** Never worth retrying: 4xx other than 408/429, a refused (private) address, a malformed address, no channel configured. */
  | { readonly kind: 'failed'; readonly reason: string }
  /** 410 Gone: the endpoint asked to be forgotten; the engine disables it and sends it nothing more. */
  | { readonly kind: 'endpoint-gone'; readonly reason: string };

/** Delivers one attempt of a message through its channel, within `timeoutMs`. */
export interface Notifier {
  deliver(message: OutboundMessage, timeoutMs: number): Promise<DeliveryOutcome>;
}

/** The war room of an incident: a Slack channel named after it, created once. */
export interface WarRoom {
  readonly channelId: string;
  /** Without '#': "inc-2026-1128-001-checkout-api-down". */
  readonly channelName: string;
}

export interface WarRoomStart {
  readonly incident: MessageIncident;
  readonly summaryText: string;
  readonly inviteUserIds: readonly string[];
  /**
   * A confidential incident (security): the room is private (only those invited read it) and its
   * name carries the id only, never the title.
   */
  readonly isPrivate: boolean;
}

/** Chat operations beyond single messages: the war-room channel. */
export interface WarRoomProvider {
  /**
   * Creates (or finds, when it already exists) the channel for the incident, invites the users
   * (Slack user ids), posts the summary and checklist, and returns it. Throws an Error with a
   * readable message when the chat API refuses.
   */
  startWarRoom(input: WarRoomStart): Promise<WarRoom>;
  /** Posts a message to the war room (status updates, checklist progress). */
  postToWarRoom(room: WarRoom, text: string): Promise<void>;
}
