import type { ContactMethodKind, StoredOverride } from '../../domain/oncall/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import type { AdminAuditRecord } from './alert-store.js';

/** How a contact-method test ended: the channel accepted it, or why not. */
export const CONTACT_TEST_OUTCOMES = ['delivered', 'failed'] as const;
export type ContactTestOutcome = (typeof CONTACT_TEST_OUTCOMES)[number];

/** One test message sent to one of a person's contact methods. */
export interface ContactTestRecord {
  readonly id: string;
  readonly personId: string;
  readonly contactMethodId: string;
  readonly method: ContactMethodKind;
  readonly at: EpochMs;
  readonly outcome: ContactTestOutcome;
  /** What the channel answered (a provider id, an HTTP status), never an address or a secret. */
  readonly detail: string;
  readonly requestedBy: string;
}

export interface OverrideFilter {
  /** Only overrides still running or to come at this instant (ending after it). */
  readonly endsAfter: EpochMs;
  readonly scheduleId?: string;
}

/** On-call overrides made at runtime and contact-method tests, on the same database as the incidents. */
export interface OnCallStore {
  /** Stores the override with its admin audit line, in one transaction. */
  createOverride(override: StoredOverride, audit: AdminAuditRecord): Promise<void>;
  /** Live (not deleted) overrides matching the filter, oldest made first. */
  listOverrides(filter: OverrideFilter): Promise<StoredOverride[]>;
  /** A live override by id; undefined when unknown or deleted. */
  findOverride(id: string): Promise<StoredOverride | undefined>;
  /** Marks the override deleted with its audit line; undefined when it was unknown or already deleted. */
  deleteOverride(id: string, audit: AdminAuditRecord): Promise<StoredOverride | undefined>;
  recordContactTest(record: ContactTestRecord): Promise<void>;
  /** Tests at or after `since`, newest first. */
  listContactTests(since: EpochMs): Promise<ContactTestRecord[]>;
}
