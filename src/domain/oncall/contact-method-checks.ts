import type { EpochMs } from '../time/index.js';
import type { ContactMethodKind, Person } from './person.js';

/** What a contact-method test recorded (the store's record, reduced to what the check needs). */
export interface ContactTestResult {
  readonly personId: string;
  readonly contactMethodId: string;
  readonly at: EpochMs;
  readonly isDelivered: boolean;
  readonly detail: string;
}

export interface ContactMethodFinding {
  readonly personId: string;
  readonly personName: string;
  readonly contactMethodId: string;
  readonly method: ContactMethodKind;
  /** never-tested: no test in the window; failing: the latest test in the window did not arrive. */
  readonly finding: 'never-tested' | 'failing';
  readonly lastTestAt?: EpochMs;
  readonly detail?: string;
}

/** How far back a test counts. */
export const CONTACT_TEST_WINDOW_MS = 30 * 86_400_000;

/**
 * Verified contact methods that have no test in the 30 days before `now`, or whose latest test in
 * that window failed. Unverified methods are already reported as unusable elsewhere.
 */
export function findUntestedContactMethods(people: readonly Person[], results: readonly ContactTestResult[], now: EpochMs): ContactMethodFinding[] {
  const latest = new Map<string, ContactTestResult>();
  for (const r of results) {
    if (r.at < now - CONTACT_TEST_WINDOW_MS || r.at > now) continue;
    const key = `${r.personId}\u0000${r.contactMethodId}`;
    const seen = latest.get(key);
    if (seen === undefined || r.at > seen.at) latest.set(key, r);
  }
  const findings: ContactMethodFinding[] = [];
  for (const person of people) {
    for (const method of person.contactMethods) {
      if (!method.isVerified) continue;
      const last = latest.get(`${person.id}\u0000${method.id}`);
      const base = { personId: person.id, personName: person.name, contactMethodId: method.id, method: method.kind };
      if (last === undefined) findings.push({ ...base, finding: 'never-tested' });
      else if (!last.isDelivered) findings.push({ ...base, finding: 'failing', lastTestAt: last.at, detail: last.detail });
    }
  }
  return findings;
}
