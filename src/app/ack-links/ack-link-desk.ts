import type { Principal } from '../../domain/access/index.js';
import { RESTRICTED_TYPES } from '../../domain/access/index.js';
import { epochMs, HOUR, type EpochMs } from '../../domain/time/index.js';
import type { Person } from '../../domain/oncall/index.js';
import { isAppError } from '../../domain/errors/index.js';
import type { IncidentApi, IncidentDto, IncidentSummaryDto } from '../incidents/index.js';
import type { Clock, DeliveryChannel, OutboxRecord, SignedDelivery } from '../ports/index.js';

/** What an acknowledgement link is for: this person acknowledging this incident's paging round, until then. */
export interface AckClaims {
  readonly incidentId: string;
  readonly personId: string;
  /** The escalation generation the page belonged to; a reopened incident's new round refuses older links. */
  readonly generation: number;
  readonly expiresAt: EpochMs;
}

/**
 * Seals claims into a short URL-safe token under the server's secret, and opens one again. `open`
 * answers undefined for anything not sealed by this secret (tampered, truncated, foreign). `id` is
 * what single use remembers: stable for one token, different for any other.
 */
export interface AckLinkCodec {
  seal(claims: AckClaims): string;
  open(token: string): { readonly claims: AckClaims; readonly id: string } | undefined;
}

/** How long a link acknowledges after the page was sent. */
export const ACK_LINK_LIFETIME_MS = 24 * HOUR;

/** SMS replies that acknowledge (compared trimmed, case-insensitive). */
export const ACK_REPLY_WORDS = ['ack', '1', 'a'] as const;
export const isAckReply = (body: string): boolean => (ACK_REPLY_WORDS as readonly string[]).includes(body.trim().toLowerCase());

export interface AckLinkDeps {
  readonly codec: AckLinkCodec;
  readonly clock: Clock;
  readonly people: readonly Person[];
  /** The IncidentApi acting as a principal (the CLI's and the API's use cases). */
  readonly apiFor: (principal: Principal) => IncidentApi;
  /** Remembers a used token or inbound delivery in the store; false when it was already there. */
  readonly claimSignedDelivery: (delivery: SignedDelivery, now: EpochMs) => Promise<boolean>;
  /** The incident's messages (pages carry person and generation). */
  readonly messages: (incidentId: string) => Promise<readonly OutboxRecord[]>;
}

/** What a link (or a reply) came to; the edge words each as a page or TwiML with its status. */
export type AckLinkOutcome =
  | { readonly kind: 'invalid' }
  | { readonly kind: 'expired'; readonly incidentId: string }
  | { readonly kind: 'stale'; readonly incidentId: string }
  | { readonly kind: 'used'; readonly incidentId: string }
  | { readonly kind: 'unknown-person' }
  | { readonly kind: 'no-page' }
  | { readonly kind: 'not-open'; readonly incidentId: string; readonly status: string; readonly by?: string }
  | { readonly kind: 'acknowledged'; readonly incidentId: string; readonly personName: string; readonly title?: string };

/** A provider's report that the person acknowledged one page in its app. */
export interface DeliveredAck {
  readonly incidentId: string;
  /** The outbox message id the page was sent as. */
  readonly messageId: string;
  readonly channel: DeliveryChannel;
  /** Whether the report proves it is about this page (checked against the stored message). */
  readonly isProof: (page: OutboxRecord) => boolean;
  /** The report's own id, remembered so a replay does nothing. */
  readonly delivery: { readonly scope: string; readonly id: string };
}

/** What GET shows before anything happens: what POST would do, or why it would not. */
export type AckLinkPreview = AckLinkOutcome | { readonly kind: 'ready'; readonly incidentId: string; readonly personName: string; readonly title?: string };

/** The paging engine reads everything; links look incidents up as it does, and act as the paged person. */
const READER: Principal = { name: 'ack-link', role: 'admin', teams: ['security'] };
const OPEN_STATUSES = new Set(['triggered']);

/** What acknowledging needs of an incident: the whole incident (a link) or a list summary (an SMS reply). */
type AckedIncident = Pick<IncidentSummaryDto, 'id' | 'status' | 'type' | 'title'> & { readonly acknowledgedBy?: string | null };

/**
 * Acknowledging from a page without signing in. A link names one person, one incident and one
 * paging round, and only acknowledges; it is used once (remembered in the store until it expires),
 * and acts through the same `IncidentApi.acknowledge` the CLI uses, as that person, so escalation
 * stops and pages in flight are cancelled in the acknowledgement's transaction. The title of a
 * restricted incident (security) is never shown: only its id.
 */
export class AckLinkDesk {
  constructor(private readonly deps: AckLinkDeps) {}

  /** The token for a page to this person about this incident's round, sent now. */
  tokenFor(incidentId: string, personId: string, generation: number, now: EpochMs): string {
    return this.deps.codec.seal({ incidentId, personId, generation, expiresAt: epochMs(now + ACK_LINK_LIFETIME_MS) });
  }

  /** What POST would do; changes nothing (mail scanners fetch links). */
  async preview(token: string): Promise<AckLinkPreview> {
    const checked = await this.#check(token);
    if ('kind' in checked) return checked;
    const { claims, person, incident } = checked;
    const blocked = notOpen(incident);
    if (blocked) return blocked;
    return { kind: 'ready', incidentId: claims.incidentId, personName: person.name, ...titleOf(incident) };
  }

  /** Acknowledges as the link's person, once. */
  async acknowledge(token: string): Promise<AckLinkOutcome> {
    const checked = await this.#check(token);
    if ('kind' in checked) return checked;
    const now = this.deps.clock.now();
    if (!(await this.deps.claimSignedDelivery({ scope: 'ack-link', id: checked.id, expiresAt: checked.claims.expiresAt }, now))) {
      return { kind: 'used', incidentId: checked.claims.incidentId };
    }
    return this.#acknowledgeAs(checked.person, checked.incident);
  }

  /**
   * An SMS reply from `phone`: acknowledges the incident of that person's most recent page among
   * incidents still unacknowledged. `deliveryId` (the MessageSid) is acted on once.
   */
  async acknowledgeReply(phone: string, deliveryId: string): Promise<AckLinkOutcome> {
    const person = this.deps.people.find((p) => p.contactMethods.some((m) => (m.kind === 'sms' || m.kind === 'voice') && m.address === phone));
    if (person === undefined) return { kind: 'unknown-person' };
    const now = this.deps.clock.now();
    if (!(await this.deps.claimSignedDelivery({ scope: 'twilio-sms', id: deliveryId, expiresAt: epochMs(now + ACK_LINK_LIFETIME_MS) }, now))) {
      return { kind: 'used', incidentId: '' };
    }
    const api = this.deps.apiFor(READER);
    const open = await api.list({ statuses: ['triggered'], limit: 200 });
    let latest: { incident: IncidentSummaryDto; at: number } | undefined;
    for (const incident of open) {
      for (const m of await this.deps.messages(incident.id)) {
        if (m.personId === person.id && m.purpose === 'page' && (latest === undefined || m.createdAt > latest.at)) latest = { incident, at: m.createdAt };
      }
    }
    if (latest === undefined) return { kind: 'no-page' };
    return this.#acknowledgeAs(person, latest.incident);
  }

  /**
   * An acknowledgement a provider reports about one page we sent through it (a Pushover receipt
   * callback, a Telegram button): acknowledges as that page's person when the page exists, went
   * through `channel`, belongs to the current paging round and `isProof` accepts it (the receipt is
   * the one the provider gave us; the chat that pressed is the one we sent to). The report itself
   * (`delivery`) is acted on once.
   */
  async acknowledgeDelivered(report: DeliveredAck): Promise<AckLinkOutcome> {
    const messages = await this.deps.messages(report.incidentId);
    const page = messages.find((m) => m.id === report.messageId);
    if (page === undefined || page.channel !== report.channel || page.purpose !== 'page' || page.personId === undefined || !report.isProof(page)) return { kind: 'invalid' };
    const person = this.deps.people.find((p) => p.id === page.personId);
    if (person === undefined) return { kind: 'unknown-person' };
    const generations = messages.map((m) => m.generation ?? 0);
    if ((page.generation ?? 0) < Math.max(0, ...generations)) return { kind: 'stale', incidentId: report.incidentId };
    let incident: IncidentDto;
    try {
      incident = await this.deps.apiFor(READER).get(report.incidentId);
    } catch (e) {
      if (isAppError(e) && e.code === 'NOT_FOUND') return { kind: 'invalid' };
      throw e;
    }
    const now = this.deps.clock.now();
    if (!(await this.deps.claimSignedDelivery({ scope: report.delivery.scope, id: report.delivery.id, expiresAt: epochMs(now + ACK_LINK_LIFETIME_MS) }, now))) {
      return { kind: 'used', incidentId: report.incidentId };
    }
    return this.#acknowledgeAs(person, incident);
  }

  async #acknowledgeAs(person: Person, incident: AckedIncident): Promise<AckLinkOutcome> {
    const blocked = notOpen(incident);
    if (blocked) return blocked;
    // Acting as the paged person; the team that owns a restricted type is lent for this one command,
    // since the person was paged for it by that team's escalation.
    const owner = RESTRICTED_TYPES[incident.type as keyof typeof RESTRICTED_TYPES];
    const principal: Principal = { name: person.id, role: 'responder', teams: owner === undefined ? [] : [owner] };
    try {
      const outcome = await this.deps.apiFor(principal).acknowledge(incident.id);
      if (!outcome.changed) return notOpen(outcome.incident) ?? { kind: 'not-open', incidentId: incident.id, status: outcome.incident.status };
    } catch (e) {
      if (isAppError(e) && (e.code === 'CONFLICT' || e.code === 'INVALID_TRANSITION')) return { kind: 'not-open', incidentId: incident.id, status: incident.status };
      throw e;
    }
    return { kind: 'acknowledged', incidentId: incident.id, personName: person.name, ...titleOf(incident) };
  }

  async #check(token: string): Promise<AckLinkOutcome | { claims: AckClaims; id: string; person: Person; incident: IncidentDto }> {
    const opened = this.deps.codec.open(token);
    if (opened === undefined) return { kind: 'invalid' };
    const { claims } = opened;
    if (this.deps.clock.now() >= claims.expiresAt) return { kind: 'expired', incidentId: claims.incidentId };
    const person = this.deps.people.find((p) => p.id === claims.personId);
    if (person === undefined) return { kind: 'unknown-person' };
    let incident: IncidentDto;
    try {
      incident = await this.deps.apiFor(READER).get(claims.incidentId);
    } catch (e) {
      if (isAppError(e) && e.code === 'NOT_FOUND') return { kind: 'invalid' };
      throw e;
    }
    const generations = (await this.deps.messages(claims.incidentId)).map((m) => m.generation ?? 0);
    if (claims.generation < Math.max(0, ...generations)) return { kind: 'stale', incidentId: claims.incidentId };
    return { claims, id: opened.id, person, incident };
  }
}

function notOpen(incident: AckedIncident): AckLinkOutcome | undefined {
  if (OPEN_STATUSES.has(incident.status)) return undefined;
  return { kind: 'not-open', incidentId: incident.id, status: incident.status, ...(incident.acknowledgedBy ? { by: incident.acknowledgedBy } : {}) };
}

/** A restricted incident (security) is named by its id only. */
function titleOf(incident: AckedIncident): { title?: string } {
  return incident.type in RESTRICTED_TYPES ? {} : { title: incident.title };
}
