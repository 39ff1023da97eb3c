// Names of paging rows, built here only: the layers that plan, bundle and send agree by calling
// these, never by rebuilding or comparing the strings. An outbox key is one row, ever.
import type { DeliveryChannel } from '../ports/index.js';

/** The escalation timer of an incident (one per incident). */
export const escalationTimerId = (incidentId: string): string => `escalation:${incidentId}`;
/** The status-update reminder timer of an incident (one per incident). */
export const updateReminderTimerId = (incidentId: string): string => `update-reminder:${incidentId}`;

/** A page or notification the escalation planner decided (its key names generation, step, repeat, person and method). */
export const pageKey = (plannedKey: string): string => `page:${plannedKey}`;
/** A stakeholder group's message about one event of an incident, per contact. */
export const stakeholderKey = (incidentId: string, eventVersion: number, group: string, channel: DeliveryChannel, storedAddress: string): string =>
  `stakeholder:${incidentId}:${eventVersion}:${group}:${channel}:${storedAddress}`;
/** Opening the incident's war room: once per incident. */
export const warRoomKey = (incidentId: string): string => `war-room:${incidentId}`;
/** A post to the war room about one event of the incident. */
export const warRoomPostKey = (incidentId: string, eventVersion: number): string => `war-room-post:${incidentId}:${eventVersion}`;
/** A status-update reminder, by the planner's key for that update due (`update:…:due-soon`, `…:late:2`). */
export const updateReminderKey = (incidentId: string, plannedKey: string): string => `reminder:${incidentId}:${plannedKey}`;
/** A reminder another capability asked for, by the key it gave. */
export const followUpKey = (sourceKey: string): string => `follow-up:${sourceKey}`;
/** Stopping a page still repeating at its provider, by the provider's id for it (a Pushover receipt): once per page. */
export const receiptCancelKey = (channel: DeliveryChannel, providerId: string): string => `receipt-cancel:${channel}:${providerId}`;
/**
 * The signed-delivery scope of Pushover's receipt callbacks: a receipt claimed under it was
 * acknowledged in the Pushover app, so it has stopped repeating by itself.
 */
export const PUSHOVER_RECEIPT_SCOPE = 'pushover-receipt';
/** The bundle standing for messages held by a per-contact cap, named after the first it stands for. */
export const bundleKey = (firstBundledMessageId: string): string => `bundle:${firstBundledMessageId}`;
