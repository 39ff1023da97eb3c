import { findWorkingContactMethod, IS_PAGING_METHOD, type ContactMethod, type Person } from '../oncall/index.js';
import { epochMs, MINUTE, type EpochMs } from '../time/index.js';
import { messageIdempotencyKey, type EscalationDecision, type EscalationState, type PlannedMessage, type UnreachablePerson } from './escalation-decision.js';
import { planEscalationSlots, type EscalationSlot } from './escalation-slots.js';
import type { EscalationSnapshot } from './escalation-snapshot.js';
import type { Recipient, ResolveTargets } from './resolve-targets.js';

/**
 * What to do now for one incident's escalation. Pure: the engine persists the decision, writes
 * the messages to the outbox in the same transaction and sets a timer for `nextCheckAt`/`until`
 * carrying the decision's generation. Overdue steps come back one per call, oldest first.
 * Targets are resolved at the step's planned time, so a late tick pages who was on call then.
 */
export function planEscalation(snapshot: EscalationSnapshot, state: EscalationState, now: EpochMs, resolveTargets: ResolveTargets): EscalationDecision {
  const generation = state.generation;
  if (state.resolvedAt !== undefined) return { kind: 'done', generation, reason: 'resolved' };
  if (state.acknowledgedAt !== undefined) return { kind: 'done', generation, reason: 'acknowledged' };
  if (snapshot.mode === 'none') return { kind: 'done', generation, reason: 'not-paged' };
  const slots = planEscalationSlots(snapshot, state.startedAt);
  const slot = slots[state.stepsDone];
  if (!slot) return { kind: 'done', generation, reason: 'exhausted' };
  if (slot.at > now) return { kind: 'wait', generation, until: slot.at };

  const messages: PlannedMessage[] = [];
  const unreachable: UnreachablePerson[] = [];
  for (const recipient of recipientsOf(slot, resolveTargets)) {
    const planned = messagesFor(recipient, slot);
    for (const m of planned.messages) {
      messages.push({
        ...m,
        idempotencyKey: messageIdempotencyKey({ incidentId: snapshot.incidentId, generation, step: slot.step, repeat: slot.repeat, personId: m.personId, via: m.via }),
      });
    }
    unreachable.push(...planned.unreachable);
  }
  return {
    kind: 'notify',
    generation,
    step: slot.step,
    repeat: slot.repeat,
    stepsDone: state.stepsDone + 1,
    // Outbox order: by when each message may go out; people in target order within an instant.
    messages: messages.sort((a, b) => a.sendAt - b.sendAt),
    unreachable,
    nextCheckAt: slots[state.stepsDone + 1]?.at,
  };
}

/** Everyone the slot reaches, once each, with the first reason that reached them. */
function recipientsOf(slot: EscalationSlot, resolveTargets: ResolveTargets): Recipient[] {
  const seen = new Map<string, Recipient>();
  for (const target of slot.targets) {
    for (const r of resolveTargets(target, slot.at)) {
      if (!seen.has(r.person.id)) seen.set(r.person.id, r);
    }
  }
  return [...seen.values()];
}

type Unkeyed = Omit<PlannedMessage, 'idempotencyKey'>;

function message(recipient: Recipient, method: ContactMethod, sendAt: number, reason = recipient.reason): Unkeyed {
  return { personId: recipient.person.id, personName: recipient.person.name, via: method.kind, contactMethodId: method.id, address: method.address, reason, sendAt: epochMs(sendAt), isPage: IS_PAGING_METHOD[method.kind] };
}

/**
 * A page follows the person's own rules ("sms at 0, voice at 5"); each method is used once per
 * step. A rule whose method has no verified address is reported, and when no rule can be
 * followed the first verified method is used at once. Notify-only steps use the first verified
 * method that does not page.
 */
function messagesFor(recipient: Recipient, slot: EscalationSlot): { messages: Unkeyed[]; unreachable: UnreachablePerson[] } {
  const person: Person = recipient.person;
  const working = person.contactMethods.filter((m) => m.isVerified);
  const unreachable: UnreachablePerson[] = [];
  if (slot.isNotifyOnly) {
    const quiet = working.find((m) => !IS_PAGING_METHOD[m.kind]);
    if (quiet) return { messages: [message(recipient, quiet, slot.at)], unreachable };
    return { messages: [], unreachable: [{ personId: person.id, reason: `${person.name} has no verified email, chat or webhook method to notify` }] };
  }
  const messages: Unkeyed[] = [];
  const used = new Set<string>();
  const rules = [...person.notificationRules].sort((a, b) => a.afterMinutes - b.afterMinutes);
  for (const rule of rules) {
    if (used.has(rule.method)) continue;
    const method = findWorkingContactMethod(person, rule.method);
    if (!method) {
      unreachable.push({ personId: person.id, reason: `${person.name} has a ${rule.method} rule but no verified ${rule.method} method` });
      continue;
    }
    used.add(rule.method);
    messages.push(message(recipient, method, slot.at + Math.max(0, rule.afterMinutes) * MINUTE));
  }
  if (messages.length === 0) {
    const fallback = working[0];
    if (fallback) messages.push(message(recipient, fallback, slot.at, `${recipient.reason}; no notification rule could be followed, using the first verified method`));
    else unreachable.push({ personId: person.id, reason: `${person.name} has no verified contact method` });
  }
  return { messages, unreachable };
}
