import { RESTRICTED_TYPES } from '../../domain/access/index.js';
import { assertNever } from '../../domain/errors/index.js';
import { SEVERITY_LABEL } from '../../domain/classification/index.js';
import { planUpdateReminders, stakeholdersFor } from '../../domain/comms/index.js';
import { renderPage, renderStakeholderMessage, renderUpdateReminder, renderWarRoomSummary, renderWithheldStakeholderMessage, type StakeholderMoment } from '../../domain/delivery/index.js';
import {
  createTargetResolver, freezeEscalationPolicy, planEscalation,
  type EscalationPolicy, type EscalationSnapshot, type EscalationState, type PlannedMessage, type ResolveTargets,
} from '../../domain/escalation/index.js';
import { AppError, unknownValueMessage } from '../../domain/errors/index.js';
import type { IncidentEvent, IncidentEventData, IncidentState } from '../../domain/incident/index.js';
import { isActiveStatus } from '../../domain/incident/index.js';
import { IS_PAGING_METHOD, withStoredOverrides, type Person, type StoredOverride } from '../../domain/oncall/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';
import type { ResponseConfig } from '../config/index.js';
import type { DeliveryChannel, EscalationRecord, NewOutboxMessage, OutboxRecord, PagingWriteTx, StoreWriteTx, TimerRecord } from '../ports/index.js';
import type { MessageIncident } from '../ports/notifier.js';
import { ContactDirectory, personContactRef, stakeholderContactRef } from './contact-directory.js';
import {
  escalationTimerId, followUpKey, pageKey, PUSHOVER_RECEIPT_SCOPE, receiptCancelKey, stakeholderKey, updateReminderKey, updateReminderTimerId, warRoomKey, warRoomPostKey,
} from './paging-keys.js';

/**
 * A reminder another capability wants delivered (an overdue action item, a compliance deadline):
 * the key makes it once-only, so a source may return the same reminder on every call.
 */
export interface DueReminder {
  readonly idempotencyKey: string;
  readonly incidentId: string;
  /** A person id or name from `people:`; undefined = the incident's communications lead, commander or acknowledger. */
  readonly recipient: string | undefined;
  readonly subject: string;
  readonly text: string;
  /**
   * Who is reminded, in order, when the incident has none of its own people (no communications lead,
   * commander or acknowledger, as for incidents opened by rules and alerts): the on-call of the
   * owning service (first step of its escalation policy, never for a restricted incident), then the
   * security team. Absent: nobody else.
   */
  readonly fallback?: readonly ReminderFallback[];
}

export const REMINDER_FALLBACKS = ['service-on-call', 'security-team'] as const;
export type ReminderFallback = (typeof REMINDER_FALLBACKS)[number];

/** What a requested action (a trigger rule's page or war room) came to, for its timeline record. */
export interface RequestOutcome {
  readonly status: 'done' | 'skipped' | 'failed';
  readonly detail: string;
}

/** Where the engine asks, every minute, for reminders that fell due. */
export type ReminderSource = (now: EpochMs) => Promise<readonly DueReminder[]>;

/** The effects of recorded incident events, decided and written inside the same transaction. */
export interface IncidentEffects {
  /**
   * Called after `events` were appended (state `after`, `before` undefined for a declaration).
   * Writes escalations, timers and messages through `tx.paging` and returns further events to
   * record on the timeline in the same transaction (they are not passed back here).
   */
  afterRecord(tx: StoreWriteTx, before: IncidentState | undefined, after: IncidentState, events: readonly IncidentEvent[], now: EpochMs): Promise<IncidentEventData[]>;
}

/** Where many people read along: a Slack channel (not a direct message to a user id) or a Teams channel. */
function isSharedChannel(channel: DeliveryChannel, address: string): boolean {
  return channel === 'teams' || (channel === 'slack' && !/^[UW][A-Z0-9]{2,}$/.test(address.trim()));
}

/** Where decided paging writes go: straight into the transaction, or collected and written as sets. */
type PagingWrites = Pick<PagingWriteTx, 'enqueue' | 'saveEscalation' | 'setTimer' | 'deleteTimer'>;

/** Writes decided for many incidents at once, kept until `apply` writes each kind with one statement per chunk. */
class CollectedWrites implements PagingWrites {
  readonly #messages: NewOutboxMessage[] = [];
  readonly #escalations = new Map<string, EscalationRecord>();
  /** null: deleted. */
  readonly #timers = new Map<string, TimerRecord | null>();

  async enqueue(messages: readonly NewOutboxMessage[]): Promise<NewOutboxMessage[]> {
    this.#messages.push(...messages);
    return [...messages];
  }
  async saveEscalation(record: EscalationRecord): Promise<void> {
    this.#escalations.set(record.incidentId, record);
  }
  async setTimer(timer: TimerRecord): Promise<void> {
    this.#timers.set(timer.id, timer);
  }
  async deleteTimer(id: string): Promise<void> {
    this.#timers.set(id, null);
  }
  async apply(tx: PagingWriteTx): Promise<void> {
    if (this.#messages.length > 0) await tx.enqueue(this.#messages);
    if (this.#escalations.size > 0) await tx.saveEscalations([...this.#escalations.values()]);
    const timers = [...this.#timers.entries()];
    const set = timers.flatMap(([, t]) => (t === null ? [] : [t]));
    const deleted = timers.flatMap(([id, t]) => (t === null ? [id] : []));
    if (set.length > 0) await tx.setTimers(set);
    if (deleted.length > 0) await tx.deleteTimers(deleted);
  }
}

/** The facts of an incident a message carries. */
export function messageIncident(incident: IncidentState, appUrl?: string): MessageIncident {
  return {
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    severityLabel: SEVERITY_LABEL[incident.severity].label,
    incidentType: incident.incidentType,
    environment: incident.environment,
    ...(incident.service !== undefined ? { service: incident.service } : {}),
    status: incident.status,
    declaredAt: incident.declaredAt,
    ...(appUrl !== undefined ? { url: `${appUrl}/app/incidents/${incident.id}` } : {}),
  };
}

/**
 * Paging and stakeholder communication as decisions inside write transactions: starting and
 * fencing escalations when incidents change, and firing due timers. Every message goes to the
 * outbox in the transaction that decided it, keyed so that deciding twice sends once.
 */
export class PagingService implements IncidentEffects {
  #derived: { readonly from: readonly unknown[]; readonly resolve: ResolveTargets; readonly people: Map<string, Person>; readonly contacts: ContactDirectory } | undefined;

  /**
   * `config` may be a live view of a reloadable configuration (`serve` reloads on SIGHUP): what is
   * derived from its on-call sections is rebuilt when they change, and every decision reads the
   * sections as they are then. Escalations already running keep the policy frozen onto them.
   */
  constructor(
    private readonly config: ResponseConfig,
    private readonly newId: () => string,
    /** The satisfaction survey link for a resolution message to a customer's address (`impact.survey`); undefined when off. */
    private readonly surveyLink?: (incidentId: string, recipient: string) => string | undefined,
  ) {}

  /** The resolver, people and contacts of the configuration as it is now. */
  #current() {
    const { people, teams, schedules, paging } = this.config;
    const from = [people, teams, schedules, paging];
    if (this.#derived === undefined || this.#derived.from.some((x, i) => x !== from[i])) {
      this.#derived = {
        from,
        resolve: createTargetResolver({ people, teams, schedules }),
        people: new Map(people.map((p) => [p.id, p])),
        contacts: new ContactDirectory(this.config),
      };
    }
    return this.#derived;
  }

  get #resolve(): ResolveTargets {
    return this.#current().resolve;
  }
  get #people(): Map<string, Person> {
    return this.#current().people;
  }
  get #contacts(): ContactDirectory {
    return this.#current().contacts;
  }

  /**
   * Who the targets are with the overrides stored at runtime (read in the same transaction, so an
   * override made a moment ago is used by the next decision on any instance).
   */
  #resolverWith(stored: readonly StoredOverride[]): ResolveTargets {
    if (stored.length === 0) return this.#resolve;
    const { people, teams, schedules } = this.config;
    return createTargetResolver({ people, teams, schedules: withStoredOverrides(schedules, stored) });
  }

  /**
   * The address a queued message goes to, looked up in the configuration when the outbox holds a
   * reference (channels whose address is a credential); undefined when that contact is gone.
   */
  deliveryAddress(channel: DeliveryChannel, stored: string): string | undefined {
    return this.#contacts.deliveryAddress(channel, stored);
  }

  /** The incident's facts a message planned now carries. */
  #facts(incident: IncidentState): MessageIncident {
    return messageIncident(incident, this.config.paging.appUrl);
  }

  /** The policy paging for an incident: its service's, else the configured default. */
  policyFor(incident: Pick<IncidentState, 'service'>): EscalationPolicy | undefined {
    const service = incident.service === undefined ? undefined : this.config.services[incident.service];
    const id = service?.escalationPolicy ?? this.config.paging.defaultEscalationPolicy;
    return id === undefined ? undefined : this.config.escalationPolicies.find((p) => p.id === id);
  }

  async afterRecord(tx: StoreWriteTx, _before: IncidentState | undefined, after: IncidentState, events: readonly IncidentEvent[], now: EpochMs): Promise<IncidentEventData[]> {
    const out: IncidentEventData[] = [];
    for (const event of events) {
      const d = event.data;
      switch (d.kind) {
        case 'declared':
          out.push(...await this.#startEscalation(tx, after, now, 1));
          await this.#tellStakeholders(tx, after, 'declared', after.summary ?? '', now, event);
          await this.#setUpdateReminder(tx, after, now);
          await this.#openWarRoom(tx, after, now);
          break;
        case 'acknowledged':
          out.push(...await this.#stopEscalation(tx, after, now, { acknowledgedAt: now }, `acknowledged by ${event.actor}`));
          break;
        case 'resolved':
          out.push(...await this.#stopEscalation(tx, after, now, { resolvedAt: now }, `resolved by ${event.actor}`));
          await tx.paging.deleteTimer(updateReminderTimerId(after.id));
          await this.#tellStakeholders(tx, after, 'resolved', d.summary, now, event);
          break;
        case 'closed':
          await tx.paging.deleteTimer(escalationTimerId(after.id));
          await tx.paging.deleteTimer(updateReminderTimerId(after.id));
          break;
        case 'reopened': {
          const current = await tx.paging.findEscalation(after.id);
          out.push(...await this.#startEscalation(tx, after, now, (current?.state.generation ?? 0) + 1));
          await this.#setUpdateReminder(tx, after, now);
          break;
        }
        case 'severity-changed': {
          await this.#setUpdateReminder(tx, after, now);
          if (after.acknowledgedAt !== undefined || !isActiveStatus(after.status)) break;
          // Unacknowledged: page again under the new severity's rules, from the first step.
          const current = await tx.paging.findEscalation(after.id);
          const generation = (current?.state.generation ?? 0) + 1;
          out.push(...await this.#cancelStale(tx, after.id, generation, now, `severity changed to ${SEVERITY_LABEL[d.to].label}`));
          out.push(...await this.#startEscalation(tx, after, now, generation));
          break;
        }
        case 'status-updated':
          await this.#tellStakeholders(tx, after, 'status-update', d.message, now, event);
          await this.#setUpdateReminder(tx, after, now);
          await this.#postToWarRoom(tx, after, `Update [${d.publicStatus}]: ${d.message}`, now, event);
          break;
        default:
          break;
      }
    }
    return out;
  }

  /**
   * A trigger rule's `page_oncall_engineer()`: an escalation already paging the incident stands (it
   * is not paged twice); otherwise paging starts through the policy of `service` (the incident's when
   * not named), else `paging.default_escalation_policy`. Returns the timeline events and the outcome.
   */
  async pageOnRequest(tx: StoreWriteTx, incident: IncidentState, service: string | undefined, now: EpochMs): Promise<{ events: IncidentEventData[]; outcome: RequestOutcome }> {
    const current = await tx.paging.findEscalation(incident.id);
    if (incident.acknowledgedAt !== undefined) return { events: [], outcome: { status: 'skipped', detail: `${incident.id} is already acknowledged; nobody is paged` } };
    // An escalation that paged someone and is not stopped stands; one that paged nobody (a severity
    // that only notifies or queues: SEV-3, SEV-4) gives way to the explicit request.
    const hasPaged = current !== undefined && current.state.stepsDone > 0 && (current.snapshot.mode === 'leadership' || current.snapshot.mode === 'team-lead-and-oncall');
    if (current !== undefined && hasPaged && current.state.acknowledgedAt === undefined && current.state.resolvedAt === undefined) {
      return { events: [], outcome: { status: 'done', detail: `already paging through ${current.snapshot.policy.name} since ${new Date(current.state.startedAt).toISOString()}` } };
    }
    const target = { service: service ?? incident.service };
    const policy = this.policyFor(target);
    if (policy === undefined) {
      const whose = target.service === undefined ? 'incidents without a service' : `service ${target.service}`;
      return { events: [], outcome: { status: 'skipped', detail: `no one paged: no escalation policy for ${whose}; set services.<id>.escalation_policy or paging.default_escalation_policy` } };
    }
    const events = await this.#startEscalation(tx, incident, now, (current?.state.generation ?? 0) + 1, { policy, service: target.service, isExplicit: true });
    const reached = new Map<string, string[]>();
    for (const e of events) {
      if (e.kind !== 'escalation-step') continue;
      for (const r of e.recipients) reached.set(r.personName, [...new Set([...(reached.get(r.personName) ?? []), r.via])]);
    }
    const stopped = events.find((e) => e.kind === 'escalation-stopped');
    const outcome: RequestOutcome = reached.size > 0
      ? { status: 'done', detail: `paged ${[...reached].map(([name, via]) => `${name} (${via.join(', ')})`).join(', ')} through ${policy.name}` }
      : { status: 'failed', detail: `no one paged through ${policy.name}: ${stopped?.kind === 'escalation-stopped' ? stopped.reason : 'its first step reaches nobody'}` };
    return { events, outcome };
  }

  /**
   * A trigger rule's `start_war_room()`: queues the incident's war room whatever its severity (the
   * engine opens the Slack channel and records the outcome); once per incident.
   */
  async openWarRoomOnRequest(tx: StoreWriteTx, incident: IncidentState, now: EpochMs): Promise<RequestOutcome> {
    if (this.config.channels?.slack === undefined) return { status: 'skipped', detail: 'no war room: Slack is not configured (channels.slack); war rooms are Slack channels' };
    const queued = await this.#queueWarRoom(tx, incident, now);
    return queued
      ? { status: 'done', detail: 'war room requested: a Slack channel is opened and the first responders invited (its delivery follows on the timeline)' }
      : { status: 'done', detail: 'the war room was already opened for this incident' };
  }

  /**
   * `chosen`: a policy asked for explicitly (page_oncall_engineer), possibly of another service than
   * the incident's (whose owner team is drawn in). An explicit request pages the policy's steps even
   * for a severity that otherwise only notifies or queues (SEV-3, SEV-4), without its leads.
   */
  async #startEscalation(tx: StoreWriteTx, incident: IncidentState, now: EpochMs, generation: number, chosen?: { policy: EscalationPolicy; service: string | undefined; isExplicit: boolean }): Promise<IncidentEventData[]> {
    const policy = chosen?.policy ?? this.policyFor(incident);
    if (policy === undefined) {
      if (this.config.escalationPolicies.length === 0) return [];
      return [{ kind: 'escalation-stopped', generation, reason: `no escalation policy for ${incident.service === undefined ? 'incidents without a service' : `service ${incident.service}`} (set services.<id>.escalation_policy or paging.default_escalation_policy)` }];
    }
    const serviceId = chosen !== undefined ? chosen.service : incident.service;
    const service = serviceId === undefined ? undefined : this.config.services[serviceId];
    const rule = this.config.policy[incident.severity];
    const isPagedOnRequest = chosen?.isExplicit === true && (rule.escalation === 'none' || rule.escalation === 'assigned-member');
    const severityPolicy = isPagedOnRequest ? { ...this.config.policy, [incident.severity]: { ...rule, escalation: 'team-lead-and-oncall' as const } } : this.config.policy;
    const snapshot = freezeEscalationPolicy(policy, {
      incidentId: incident.id,
      severity: incident.severity,
      frozenAt: now,
      responseDueAt: incident.responseDueAt,
      ...(service?.ownerTeam !== undefined && !isPagedOnRequest ? { teamId: service.ownerTeam } : {}),
      severityPolicy,
    });
    const record: EscalationRecord = { incidentId: incident.id, snapshot, state: { startedAt: now, generation, stepsDone: 0 } };
    const events: IncidentEventData[] = [{ kind: 'escalation-started', policyId: policy.id, policyName: policy.name, mode: snapshot.mode, generation }];
    events.push(...await this.#advance(tx.paging, incident, record, now, this.#resolverWith(await tx.paging.listOverrides(now))));
    return events;
  }

  /** Runs the planner until it waits or is done, writing messages, state and the timer. */
  async #advance(writes: PagingWrites, incident: IncidentState, start: EscalationRecord, now: EpochMs, resolve: ResolveTargets): Promise<IncidentEventData[]> {
    const events: IncidentEventData[] = [];
    let record = start;
    for (let guard = 0; guard < 1000; guard++) {
      const decision = planEscalation(record.snapshot, record.state, now, resolve);
      if (decision.kind === 'notify') {
        await writes.enqueue(decision.messages.map((m) => this.#pageMessage(incident, m, decision.generation, now)));
        events.push({
          kind: 'escalation-step', step: decision.step, repeat: decision.repeat, generation: decision.generation,
          recipients: decision.messages.map((m) => ({ personName: m.personName, via: m.via, reason: m.reason, sendAt: m.sendAt })),
          unreachable: decision.unreachable.map((u) => u.reason),
        });
        record = { ...record, state: { ...record.state, stepsDone: decision.stepsDone } };
        continue;
      }
      await writes.saveEscalation(record);
      if (decision.kind === 'wait') {
        await writes.setTimer({ id: escalationTimerId(incident.id), kind: 'escalation', incidentId: incident.id, generation: decision.generation, dueAt: decision.until });
      } else {
        await writes.deleteTimer(escalationTimerId(incident.id));
        if (decision.reason === 'exhausted') events.push({ kind: 'escalation-stopped', generation: decision.generation, reason: 'every step of the policy fired and nobody acknowledged' });
        if (decision.reason === 'not-paged') events.push({ kind: 'escalation-stopped', generation: decision.generation, reason: `${SEVERITY_LABEL[incident.severity].label} queues without paging` });
      }
      return events;
    }
    await writes.saveEscalation(record);
    return events;
  }

  #pageMessage(incident: IncidentState, m: PlannedMessage, generation: number, now: EpochMs): NewOutboxMessage {
    const rendered = renderPage(incident, m.reason, this.config.paging.appUrl === undefined ? undefined : `${this.config.paging.appUrl}/app/incidents/${incident.id}`, this.#timeZoneOf(m.personId));
    return {
      id: this.newId(),
      kind: 'message',
      idempotencyKey: pageKey(m.idempotencyKey),
      incidentId: incident.id,
      incident: this.#facts(incident),
      generation,
      channel: m.via,
      address: this.#contacts.storedAddress(m.via, m.address, personContactRef(m.personId, m.contactMethodId)),
      purpose: m.isPage ? 'page' : 'notify',
      personId: m.personId,
      recipientName: m.personName,
      subject: rendered.subject,
      text: rendered.text,
      sendAt: m.sendAt,
      createdAt: now,
    };
  }

  /**
   * "Page this person": pages `personId` about the incident now, by their own notification rules
   * ("sms at once, voice after 5 minutes"), in the incident's current escalation round, so an
   * acknowledgement cancels what is still waiting. Returns the timeline event to record.
   */
  async pagePersonIn(tx: StoreWriteTx, incident: IncidentState, personId: string, requestedBy: string, requestId: string, now: EpochMs): Promise<IncidentEventData[]> {
    const person = this.#people.get(personId);
    if (person === undefined) {
      throw new AppError('NOT_FOUND', `Cannot page: ${unknownValueMessage('person', personId, this.config.people.length > 0 ? this.config.people.map((p) => p.id) : ['none configured'])}.`, { issues: [{ path: 'personId', message: 'unknown person' }] });
    }
    const generation = (await tx.paging.findEscalation(incident.id))?.state.generation ?? 0;
    const snapshot: EscalationSnapshot = {
      incidentId: incident.id, severity: incident.severity, mode: 'team-lead-and-oncall', frozenAt: now,
      policy: { id: 'page-person', name: `paged by ${requestedBy}`, steps: [{ delayMinutes: 0, targets: [{ kind: 'person', personId }] }], repeat: 0, repeatAfterMinutes: 0 },
    };
    const decision = planEscalation(snapshot, { startedAt: now, generation, stepsDone: 0 }, now, this.#resolve);
    if (decision.kind !== 'notify' || decision.messages.length === 0) {
      const why = decision.kind === 'notify' ? decision.unreachable.map((u) => u.reason).join('; ') : '';
      throw new AppError('VALIDATION', `Cannot page ${person.name}: ${why === '' ? 'they have no verified contact method' : why}. Add one under people.${person.id}.contact_methods in incident-response.yaml.`, {
        issues: [{ path: 'personId', message: 'not reachable' }],
      });
    }
    // Keyed by the request: paging the same person twice sends twice, as asked; a retried request does not.
    await tx.paging.enqueue(decision.messages.map((m) => this.#pageMessage(incident, { ...m, reason: `paged by ${requestedBy}`, idempotencyKey: `${m.idempotencyKey}:by:${requestId}` }, generation, now)));
    const how = decision.messages.map((m) => `${m.via}${m.sendAt > now ? ` after ${Math.round((m.sendAt - now) / 60_000)} min` : ''}`).join(', ');
    return [{ kind: 'action-recorded', action: 'page', status: 'done', detail: `${requestedBy} paged ${person.name} (${how})` }];
  }

  async #stopEscalation(tx: StoreWriteTx, incident: IncidentState, now: EpochMs, change: Partial<EscalationState>, reason: string): Promise<IncidentEventData[]> {
    const current = await tx.paging.findEscalation(incident.id);
    await tx.paging.deleteTimer(escalationTimerId(incident.id));
    if (current === undefined) return [];
    const stillPaging = current.state.acknowledgedAt === undefined && current.state.resolvedAt === undefined;
    const generation = current.state.generation + 1;
    await tx.paging.saveEscalation({ ...current, state: { ...current.state, ...change, generation } });
    const events = await this.#cancelStale(tx, incident.id, generation, now, reason);
    if (stillPaging) events.unshift({ kind: 'escalation-stopped', generation, reason });
    await this.#stopRepeatingPages(tx, incident, now, reason);
    return events;
  }

  /**
   * Pushover repeats an emergency page until it is acknowledged in its app or its `expire` runs
   * out: every page of the incident still repeating there is cancelled through the outbox, once per
   * receipt. A page acknowledged in the Pushover app (its receipt callback) has stopped already.
   */
  async #stopRepeatingPages(tx: StoreWriteTx, incident: IncidentState, now: EpochMs, reason: string): Promise<void> {
    const pushover = this.config.channels?.pushover;
    if (pushover === undefined) return;
    const ringing = await tx.paging.deliveredPages(incident.id, 'pushover', epochMs(now - pushover.expireSeconds * 1000), PUSHOVER_RECEIPT_SCOPE);
    await tx.paging.enqueue(ringing.map((page) => this.#receiptCancel(incident.id, page.providerId!, page.recipientName, reason, now)));
  }

  /**
   * Pages whose delivery is being recorded (`providerId` is what the provider answered) that
   * paging stopped for while they were in flight: those still repeating at their provider (Pushover
   * emergency pages) are cancelled through the outbox, once per receipt.
   */
  async stopStaleDeliveredPages(tx: StoreWriteTx, delivered: readonly { readonly page: OutboxRecord; readonly providerId: string }[], now: EpochMs): Promise<void> {
    const repeating = delivered.filter(({ page }) => page.kind === 'message' && page.channel === 'pushover' && page.purpose === 'page' && page.generation !== undefined && page.incidentId !== undefined);
    if (repeating.length === 0) return;
    const escalations = await tx.paging.findEscalations([...new Set(repeating.map(({ page }) => page.incidentId!))]);
    const stale = repeating.filter(({ page }) => page.generation! < (escalations.get(page.incidentId!)?.state.generation ?? 0));
    await tx.paging.enqueue(stale.map(({ page, providerId }) => this.#receiptCancel(page.incidentId!, providerId, page.recipientName, 'paging stopped (acknowledged or resolved) while the page was being sent', now)));
  }

  #receiptCancel(incidentId: string, providerId: string, recipientName: string, reason: string, now: EpochMs): NewOutboxMessage {
    return {
      id: this.newId(), kind: 'receipt-cancel', idempotencyKey: receiptCancelKey('pushover', providerId), incidentId,
      channel: 'pushover', address: providerId, purpose: 'page', recipientName,
      subject: `Stop repeating the page about ${incidentId}`, text: reason, sendAt: now, createdAt: now,
    };
  }

  async #cancelStale(tx: StoreWriteTx, incidentId: string, generation: number, now: EpochMs, reason: string): Promise<IncidentEventData[]> {
    const cancelled = await tx.paging.cancelStalePages(incidentId, generation, now, reason);
    return cancelled.map((m) => ({
      kind: 'message-delivery' as const, messageId: m.id, channel: m.channel, purpose: m.purpose, recipient: m.recipientName, status: 'cancelled' as const, attempt: m.attempts, detail: reason,
    }));
  }

  async #tellStakeholders(tx: StoreWriteTx, incident: IncidentState, moment: StakeholderMoment, body: string, now: EpochMs, cause: IncidentEvent): Promise<void> {
    const full = renderStakeholderMessage(incident, moment, body, moment === 'resolved' ? undefined : incident.nextUpdateDueAt);
    const withheld = renderWithheldStakeholderMessage(incident, moment);
    const isConfidential = RESTRICTED_TYPES[incident.incidentType] !== undefined;
    const messages: NewOutboxMessage[] = [];
    for (const stakeholder of stakeholdersFor(incident.severity, this.config.paging.matrix)) {
      // Security incidents reach only the groups trusted with them.
      if (incident.incidentType === 'security' && !['security-team', 'legal-compliance', 'executive-team'].includes(stakeholder.group)) continue;
      for (const [index, contact] of (this.config.paging.stakeholders[stakeholder.group] ?? []).entries()) {
        const address = this.#contacts.storedAddress(contact.channel, contact.address, stakeholderContactRef(stakeholder.group, index));
        // A channel many read (and may be public) never carries a confidential incident's title or text.
        const shown = isConfidential && isSharedChannel(contact.channel, contact.address) ? withheld : full;
        // Customers told of a resolution by e-mail are asked, once, how we did (a link that names no one).
        const survey = moment === 'resolved' && stakeholder.group === 'external-customers' && contact.channel === 'email' && !isConfidential
          ? this.surveyLink?.(incident.id, contact.address) : undefined;
        const rendered = survey === undefined ? shown : { ...shown, text: `${shown.text}\n\nHow satisfied are you with how we handled this? Answer in one click (1 to 5): ${survey}` };
        messages.push({
          id: this.newId(),
          kind: 'message',
          idempotencyKey: stakeholderKey(incident.id, cause.version, stakeholder.group, contact.channel, address),
          incidentId: incident.id,
          incident: this.#facts(incident),
          channel: contact.channel,
          address,
          purpose: 'stakeholder-update',
          recipientName: `${stakeholder.label} (${contact.name})`,
          subject: rendered.subject,
          text: rendered.text,
          sendAt: now,
          createdAt: now,
        });
      }
    }
    if (messages.length > 0) await tx.paging.enqueue(messages);
  }

  async #setUpdateReminder(tx: StoreWriteTx, incident: IncidentState, now: EpochMs): Promise<void> {
    // Without people: in the configuration there is nobody to remind, and no timer was ever set.
    if (this.config.people.length === 0) return;
    const id = updateReminderTimerId(incident.id);
    if (incident.nextUpdateDueAt === undefined || !isActiveStatus(incident.status)) {
      await tx.paging.deleteTimer(id);
      return;
    }
    const decision = planUpdateReminders(incident.nextUpdateDueAt, now, this.config.paging.updateReminderBeforeMs);
    const dueAt = decision.kind === 'wait' ? decision.until : now;
    await tx.paging.setTimer({ id, kind: 'update-reminder', incidentId: incident.id, generation: 0, dueAt });
  }

  /**
   * Queues the war room: a Slack channel opened by the engine with the summary and checklist, and
   * the people the first step reaches invited by their Slack user ids (the message's address).
   */
  /** War rooms are Slack channels: opened for the configured severities when Slack is configured. */
  #wantsWarRoom(incident: IncidentState): boolean {
    return this.config.channels?.slack !== undefined && this.config.paging.warRoomSeverities.includes(incident.severity);
  }

  async #openWarRoom(tx: StoreWriteTx, incident: IncidentState, now: EpochMs): Promise<void> {
    if (!this.#wantsWarRoom(incident)) return;
    await this.#queueWarRoom(tx, incident, now);
  }

  /** True when the war room was queued now, false when it was already (the key is once per incident). */
  async #queueWarRoom(tx: StoreWriteTx, incident: IncidentState, now: EpochMs): Promise<boolean> {
    const invite = new Set<string>();
    for (const person of this.#warRoomPeople(incident, now, this.#resolverWith(await tx.paging.listOverrides(now)))) {
      const slack = person.contactMethods.find((m) => m.kind === 'slack' && m.isVerified && /^[UW][A-Z0-9]+$/.test(m.address));
      if (slack !== undefined) invite.add(slack.address);
    }
    const link = this.config.paging.appUrl === undefined ? undefined : `${this.config.paging.appUrl}/app/incidents/${incident.id}`;
    const queued = await tx.paging.enqueue([{
      id: this.newId(), kind: 'war-room-open', idempotencyKey: warRoomKey(incident.id), incidentId: incident.id, incident: this.#facts(incident),
      channel: 'slack', address: [...invite].join(','), purpose: 'war-room',
      recipientName: 'war room', subject: `War room for ${incident.id}`, text: renderWarRoomSummary(incident, link), sendAt: now, createdAt: now,
    }]);
    return queued.length > 0;
  }

  /**
   * Who is invited: the people the first step of the incident's policy reaches. A restricted
   * incident's room (security) gets its team instead — the team's members and leads, and whoever the
   * first step of the escalation policy of the same id reaches — and never the service's on-call
   * unless they are in that team.
   */
  #warRoomPeople(incident: IncidentState, now: EpochMs, resolve: ResolveTargets): Person[] {
    const reached = (policy: EscalationPolicy | undefined) => (policy?.steps[0]?.targets ?? []).flatMap((t) => resolve(t, now).map((r) => r.person));
    const team = RESTRICTED_TYPES[incident.incidentType];
    if (team === undefined) return reached(this.policyFor(incident));
    const config = this.config.teams.find((t) => t.id === team);
    const members = [...(config?.memberIds ?? []), ...(config?.leadIds ?? [])].map((id) => this.#people.get(id)).filter((p) => p !== undefined);
    return [...members, ...reached(this.config.escalationPolicies.find((p) => p.id === team))];
  }

  async #postToWarRoom(tx: StoreWriteTx, incident: IncidentState, text: string, now: EpochMs, cause: IncidentEvent): Promise<void> {
    if (!this.#wantsWarRoom(incident)) return;
    await tx.paging.enqueue([{
      id: this.newId(), kind: 'war-room-post', idempotencyKey: warRoomPostKey(incident.id, cause.version), incidentId: incident.id, incident: this.#facts(incident),
      channel: 'slack', address: '', purpose: 'war-room',
      recipientName: 'war room', subject: `${incident.id} update`, text, sendAt: now, createdAt: now,
    }]);
  }

  /**
   * Fires timers claimed (with a lease) before this write transaction. A timer moved, deleted or
   * set for another generation since it was claimed does nothing: the transaction that changed it
   * already decided.
   */
  async fireClaimedTimers(tx: StoreWriteTx, claimed: readonly TimerRecord[], now: EpochMs): Promise<Map<string, IncidentEventData[]>> {
    const current = await tx.paging.findTimers(claimed.map((t) => t.id));
    return this.fireTakenTimers(tx, claimed.filter((c) => {
      const timer = current.get(c.id);
      return timer !== undefined && timer.dueAt <= now && timer.generation === c.generation && timer.dueAt === c.dueAt;
    }), now);
  }

  /**
   * Fires due timers taken in this write transaction, reading each table once for all of them and
   * writing what they decide as sets; returns the timeline events to record, by incident.
   */
  async fireTakenTimers(tx: StoreWriteTx, timers: readonly TimerRecord[], now: EpochMs): Promise<Map<string, IncidentEventData[]>> {
    const events = new Map<string, IncidentEventData[]>();
    const add = (incidentId: string, list: readonly IncidentEventData[]) => {
      if (list.length > 0) events.set(incidentId, [...(events.get(incidentId) ?? []), ...list]);
    };
    if (timers.length === 0) return events;
    const incidents = await tx.findIncidents(timers.map((t) => t.incidentId));
    const escalations = await tx.paging.findEscalations(timers.filter((t) => t.kind === 'escalation').map((t) => t.incidentId));
    const writes = new CollectedWrites();
    let resolve: ResolveTargets | undefined;
    for (const timer of timers) {
      const incident = incidents.get(timer.incidentId);
      if (incident === undefined) {
        await writes.deleteTimer(timer.id);
      } else if (timer.kind === 'update-reminder') {
        add(incident.id, await this.#remindUpdate(tx, writes, incident, now));
      } else {
        const record = escalations.get(incident.id);
        if (record === undefined || record.state.generation !== timer.generation) await writes.deleteTimer(timer.id);
        else {
          // Read once per set of timers, only when an escalation step is to be planned.
          resolve ??= this.#resolverWith(await tx.paging.listOverrides(now));
          add(incident.id, await this.#advance(writes, incident, record, now, resolve));
        }
      }
    }
    await writes.apply(tx.paging);
    return events;
  }

  /**
   * An update-reminder timer fell due: moves it (through `writes`) and queues the reminder when one
   * is due. The reminder is queued at once, as whether its key is new decides the timeline event.
   */
  async #remindUpdate(tx: StoreWriteTx, writes: PagingWrites, incident: IncidentState, now: EpochMs): Promise<IncidentEventData[]> {
    const id = updateReminderTimerId(incident.id);
    if (incident.nextUpdateDueAt === undefined || !isActiveStatus(incident.status)) {
      await writes.deleteTimer(id);
      return [];
    }
    const decision = planUpdateReminders(incident.nextUpdateDueAt, now, this.config.paging.updateReminderBeforeMs);
    if (decision.kind === 'wait') {
      await writes.setTimer({ id, kind: 'update-reminder', incidentId: incident.id, generation: 0, dueAt: decision.until });
      return [];
    }
    await writes.setTimer({ id, kind: 'update-reminder', incidentId: incident.id, generation: 0, dueAt: decision.nextCheckAt });
    const who = this.#reminderRecipient(incident);
    const rendered = renderUpdateReminder(incident, decision.dueAt, decision.lateByMs);
    if (who === undefined) {
      // Said once per update due, not at every late period.
      if (decision.reminder !== 'due-soon' && decision.lateByMs >= this.config.paging.updateReminderBeforeMs) return [];
      return [{ kind: 'action-recorded', action: 'update-reminder', status: 'skipped', detail: `${rendered.subject}; nobody to remind: assign a communications lead or commander who is in people:` }];
    }
    // The message reads times in the reminded person's zone; the timeline keeps UTC.
    const toPerson = renderUpdateReminder(incident, decision.dueAt, decision.lateByMs, who.person.timeZone);
    const inserted = await tx.paging.enqueue([{
      id: this.newId(), kind: 'message', idempotencyKey: updateReminderKey(incident.id, decision.idempotencyKey), incidentId: incident.id, incident: this.#facts(incident),
      channel: who.method.kind, address: this.#storedAddressOf(who),
      purpose: 'update-reminder', personId: who.person.id, recipientName: who.person.name, subject: toPerson.subject, text: toPerson.text, sendAt: now, createdAt: now,
    }]);
    return inserted.length === 0 ? [] : [{ kind: 'action-recorded', action: 'update-reminder', status: 'done', detail: `${rendered.subject} — reminded ${who.person.name} by ${who.method.kind}` }];
  }

  /**
   * Queues reminders from other capabilities inside a write transaction; returns the timeline
   * events of those queued now (a reminder queued before is skipped by its key) and of those
   * nobody can receive.
   */
  /** The zone a person reads their messages in, when they set one (people.<id>.time_zone). */
  #timeZoneOf(personId: string | undefined): string | undefined {
    return personId === undefined ? undefined : this.config.people.find((p) => p.id === personId)?.timeZone;
  }

  async enqueueReminders(tx: StoreWriteTx, reminders: readonly DueReminder[], now: EpochMs): Promise<Map<string, IncidentEventData[]>> {
    const events = new Map<string, IncidentEventData[]>();
    const add = (id: string, e: IncidentEventData) => events.set(id, [...(events.get(id) ?? []), e]);
    let resolve: ResolveTargets | undefined;
    for (const r of reminders) {
      const incident = await tx.findIncident(r.incidentId);
      if (incident === undefined) continue;
      let who: Reachable | undefined = this.#reminderRecipient(incident, r.recipient);
      if (who === undefined && r.fallback !== undefined && r.fallback.length > 0) {
        resolve ??= this.#resolverWith(await tx.paging.listOverrides(now));
        who = this.#fallbackRecipient(incident, r.fallback, resolve, now);
      }
      // Nobody to remind (no owner in people:, no lead or commander): the incident view still shows it overdue.
      if (who === undefined) continue;
      const inserted = await tx.paging.enqueue([{
        id: this.newId(), kind: 'message', idempotencyKey: followUpKey(r.idempotencyKey), incidentId: r.incidentId, incident: this.#facts(incident),
        channel: who.method.kind, address: this.#storedAddressOf(who),
        purpose: 'follow-up-reminder', personId: who.person.id, recipientName: who.person.name, subject: r.subject, text: r.text, sendAt: now, createdAt: now,
      }]);
      if (inserted.length > 0) add(r.incidentId, { kind: 'action-recorded', action: 'reminder', status: 'done', detail: `${r.subject} — reminded ${who.person.name} by ${who.method.kind}${who.why !== undefined ? ` (${who.why})` : ''}` });
    }
    return events;
  }

  #storedAddressOf(who: { person: Person; method: Person['contactMethods'][number] }): string {
    return this.#contacts.storedAddress(who.method.kind, who.method.address, personContactRef(who.person.id, who.method.id));
  }

  /** `preferred` (a person id or name), else the communications lead, else the commander, else whoever acknowledged; by a quiet method (e-mail, chat) first. */
  #reminderRecipient(incident: IncidentState, preferred?: string): Reachable | undefined {
    for (const name of [preferred, incident.roles.communications, incident.roles.commander, incident.acknowledgedBy]) {
      if (name === undefined) continue;
      const person = this.#people.get(name) ?? this.config.people.find((p) => p.name.toLowerCase() === name.toLowerCase());
      const reachable = person === undefined ? undefined : quietMethodOf(person);
      if (reachable !== undefined) return reachable;
    }
    return undefined;
  }

  /**
   * The first reachable person of the fallbacks: the owning service's on-call (who the first step of
   * its escalation policy reaches now), then the security team's members and leads. A restricted
   * incident (security) never goes to the service's on-call.
   */
  #fallbackRecipient(incident: IncidentState, fallback: readonly ReminderFallback[], resolve: ResolveTargets, now: EpochMs): Reachable | undefined {
    const noOwner = 'the incident has no commander';
    for (const kind of fallback) {
      switch (kind) {
        case 'service-on-call': {
          if (RESTRICTED_TYPES[incident.incidentType] !== undefined || incident.service === undefined) break;
          const policy = this.policyFor(incident);
          for (const target of policy?.steps[0]?.targets ?? []) {
            for (const { person } of resolve(target, now)) {
              const reachable = quietMethodOf(person);
              if (reachable !== undefined) return { ...reachable, why: `on call for ${incident.service}; ${noOwner}` };
            }
          }
          break;
        }
        case 'security-team': {
          const team = this.config.teams.find((t) => t.id === 'security');
          for (const id of [...(team?.memberIds ?? []), ...(team?.leadIds ?? [])]) {
            const person = this.#people.get(id);
            const reachable = person === undefined ? undefined : quietMethodOf(person);
            if (reachable !== undefined) return { ...reachable, why: `security team; ${noOwner}${incident.service !== undefined && RESTRICTED_TYPES[incident.incidentType] === undefined ? ` and nobody on call for ${incident.service} is reachable` : ''}` };
          }
          break;
        }
        default:
          assertNever(kind);
      }
    }
    return undefined;
  }
}

/** Someone a reminder can reach, and (outside the incident's own people) why they were chosen. */
interface Reachable {
  readonly person: Person;
  readonly method: Person['contactMethods'][number];
  readonly why?: string;
}

/** A person's working method, a quiet one (e-mail, chat) first: reminders are not pages. */
function quietMethodOf(person: Person): Reachable | undefined {
  const working = person.contactMethods.filter((m) => m.isVerified);
  const method = working.find((m) => !IS_PAGING_METHOD[m.kind]) ?? working[0];
  return method === undefined ? undefined : { person, method };
}
