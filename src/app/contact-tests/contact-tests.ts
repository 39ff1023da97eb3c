import { hasPermission, type Principal } from '../../domain/access/index.js';
import { AppError, unknownValueMessage } from '../../domain/errors/index.js';
import {
  CONTACT_METHOD_KINDS, CONTACT_METHOD_LABEL, findPersonNamed, findUntestedContactMethods,
  type ContactMethodFinding, type ContactMethodKind, type Person,
} from '../../domain/oncall/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';
import type { Clock, ContactTestRecord, Notifier, OnCallStore } from '../ports/index.js';

/** One test message's outcome as clients see it. */
export interface ContactTestDto {
  readonly id: string;
  readonly personId: string;
  readonly contactMethodId: string;
  readonly method: ContactMethodKind;
  readonly at: string;
  readonly outcome: ContactTestRecord['outcome'];
  readonly detail: string;
}

/** How long one test delivery may take. */
const TEST_TIMEOUT_MS = 15_000;

/**
 * "Send me a test page": a test message to each verified contact method of a person (or the one
 * kind asked for), sent through the same channel adapters as pages, each outcome recorded so
 * `escalation lint` can report methods never tested or failing. Anyone may test their own
 * methods; commanders and admins anyone's.
 */
export class ContactTests {
  constructor(
    private readonly store: OnCallStore,
    private readonly clock: Clock,
    private readonly people: () => readonly Person[],
    /** The channels as configured now (a reloaded configuration's channels apply at once). */
    private readonly notifier: () => Notifier,
    private readonly newId: () => string,
  ) {}

  async sendTest(principal: Principal, personId: string, method?: string): Promise<ContactTestDto[]> {
    const people = this.people();
    const person = people.find((p) => p.id === personId);
    if (person === undefined) {
      throw new AppError('NOT_FOUND', `Cannot send a test: ${unknownValueMessage('person', personId, people.length > 0 ? people.map((p) => p.id) : ['none configured'])}.`, { issues: [{ path: 'person', message: 'unknown person' }] });
    }
    const isSelf = findPersonNamed(principal.name, people)?.id === person.id;
    if (!isSelf && !hasPermission(principal, 'incident:command')) {
      throw new AppError('FORBIDDEN', `${principal.name} (${principal.role}) may not send test messages to ${person.name}: anyone may test their own contact methods, commanders and admins anyone's.`);
    }
    let kind: ContactMethodKind | undefined;
    if (method !== undefined) {
      const m = method.trim().toLowerCase();
      if (!(CONTACT_METHOD_KINDS as readonly string[]).includes(m)) {
        throw new AppError('VALIDATION', `Cannot send a test: ${unknownValueMessage('method', method, CONTACT_METHOD_KINDS)}.`, { issues: [{ path: 'method', message: 'unknown contact method kind' }] });
      }
      kind = m as ContactMethodKind;
    }
    const methods = person.contactMethods.filter((m) => m.isVerified && (kind === undefined || m.kind === kind));
    if (methods.length === 0) {
      const what = kind === undefined ? 'verified contact method' : `verified ${CONTACT_METHOD_LABEL[kind]} contact method`;
      throw new AppError('VALIDATION', `Cannot send a test: ${person.name} has no ${what}. Add one under people.${person.id}.contact_methods in incident-response.yaml.`, { issues: [{ path: 'method', message: `no ${what}` }] });
    }
    const notifier = this.notifier();
    const results: ContactTestDto[] = [];
    for (const m of methods) {
      const now = this.clock.now();
      const id = this.newId();
      const outcome = await notifier.deliver({
        id, idempotencyKey: `contact-test:${id}`, channel: m.kind, address: m.address, purpose: 'notify',
        subject: 'Test page from incident-response',
        text: `This is a test of your ${CONTACT_METHOD_LABEL[m.kind]} contact method (${m.id}), sent at ${new Date(now).toISOString()} at the request of ${principal.name}. Nothing is wrong; no reply is needed.`,
        recipientName: person.name, attempt: 1, createdAt: now,
      }, TEST_TIMEOUT_MS).catch((error: unknown) => ({ kind: 'failed' as const, reason: error instanceof Error ? error.message : String(error) }));
      const record: ContactTestRecord = {
        id, personId: person.id, contactMethodId: m.id, method: m.kind, at: now,
        outcome: outcome.kind === 'delivered' ? 'delivered' : 'failed',
        detail: outcome.kind === 'delivered' ? outcome.detail : outcome.reason,
        requestedBy: principal.name,
      };
      await this.store.recordContactTest(record);
      results.push({ ...record, at: new Date(record.at).toISOString() });
    }
    return results;
  }

  /** Verified methods never tested, or whose latest test failed, in the 30 days before `now`. */
  async findings(now: EpochMs = this.clock.now()): Promise<ContactMethodFinding[]> {
    const tests = await this.store.listContactTests(epochMs(now - 30 * 86_400_000));
    return findUntestedContactMethods(this.people(), tests.map((t) => ({ personId: t.personId, contactMethodId: t.contactMethodId, at: t.at, isDelivered: t.outcome === 'delivered', detail: t.detail })), now);
  }
}
