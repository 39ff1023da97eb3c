import { addDuration, epochMs, type EpochMs } from '../time/index.js';
import {
  COMPLIANCE_OBLIGATIONS, COMPLIANCE_REGIMES, type ComplianceObligationKey, type ComplianceRegime,
} from './compliance-regimes.js';
import { obligationContacts, type ComplianceFlag, type ComplianceNotification, type ComplianceRecord } from './compliance-record.js';
import type { ComplianceContact, ComplianceSettings } from './compliance-settings.js';

/**
 * - `done`: notified (the final phase, or any phase when the obligation is not phased);
 * - `in-progress`: an initial or follow-up report went out, a final one is still owed (GDPR);
 * - `pending` / `overdue`: nothing sent yet, before / after the deadline;
 * - `not-required`: the facts recorded do not trigger it (Art. 34 without high risk, HIPAA media below 500).
 */
export const OBLIGATION_STATUSES = ['done', 'in-progress', 'pending', 'overdue', 'not-required'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/** One line of an incident's compliance checklist. */
export interface ComplianceObligation {
  readonly regime: ComplianceRegime;
  readonly key: ComplianceObligationKey;
  readonly title: string;
  /** The rule in a few words ("GDPR Art. 33: within 72 h of awareness"). */
  readonly basis: string;
  readonly contacts: readonly ComplianceContact[];
  /** Undefined for "without undue delay" obligations with no fixed deadline. */
  readonly dueAt: EpochMs | undefined;
  readonly status: ObligationStatus;
  /** When the deadline was met (the first report sent), if it was. */
  readonly firstNotifiedAt: EpochMs | undefined;
  readonly notifications: readonly ComplianceNotification[];
}

const HOURS = (ms: number) => `${Math.round(ms / 3_600_000)} h`;
const DAYS = (ms: number) => `${Math.round(ms / 86_400_000)} days`;
const within = (ms: number) => (ms % 86_400_000 === 0 && ms >= 7 * 86_400_000 ? DAYS(ms) : HOURS(ms));

/**
 * HIPAA breaches of fewer than 500 individuals go to HHS in the annual log: within 60 days of the
 * end of the calendar year of discovery (1 March, or 29 February, of the next year, UTC).
 */
function endOfYearPlus60Days(at: EpochMs): EpochMs {
  const year = new Date(at).getUTCFullYear();
  return epochMs(Date.UTC(year + 1, 0, 1) + 60 * 86_400_000 - 1);
}

interface Rule {
  readonly title: string;
  readonly basis: string;
  readonly required: boolean;
  readonly dueAt: EpochMs | undefined;
  /** Phased obligations are done only with a final report; others with any report. */
  readonly phased: boolean;
}

function rule(flag: ComplianceFlag, key: ComplianceObligationKey, s: ComplianceSettings): Rule {
  const large = (flag.individuals ?? 0) >= s.hipaa.largeBreachThreshold;
  switch (key) {
    case 'authority':
      return { title: 'Notify the supervisory authority', basis: `GDPR Art. 33: within ${within(s.gdpr.authorityWithinMs)} of awareness; may be reported in phases`, required: true, dueAt: addDuration(flag.awareAt, s.gdpr.authorityWithinMs), phased: true };
    case 'data-subjects':
      return { title: 'Communicate the breach to the data subjects', basis: 'GDPR Art. 34: without undue delay when high risk to their rights', required: flag.highRisk, dueAt: undefined, phased: false };
    case 'individuals':
      return { title: 'Notify the affected individuals', basis: `HIPAA 45 CFR 164.404: within ${within(s.hipaa.individualsWithinMs)} of discovery`, required: true, dueAt: addDuration(flag.awareAt, s.hipaa.individualsWithinMs), phased: false };
    case 'hhs':
      return large
        ? { title: 'Notify HHS', basis: `HIPAA 164.408: ${s.hipaa.largeBreachThreshold} or more individuals, within ${within(s.hipaa.individualsWithinMs)}`, required: true, dueAt: addDuration(flag.awareAt, s.hipaa.individualsWithinMs), phased: false }
        : { title: 'Log the breach for HHS', basis: `HIPAA 164.408(c): under ${s.hipaa.largeBreachThreshold} individuals, within 60 days of the end of the year`, required: true, dueAt: endOfYearPlus60Days(flag.awareAt), phased: false };
    case 'media':
      return { title: 'Notify prominent media outlets', basis: `HIPAA 164.406: more than ${s.hipaa.largeBreachThreshold} residents of a state or jurisdiction`, required: large, dueAt: large ? addDuration(flag.awareAt, s.hipaa.individualsWithinMs) : undefined, phased: false };
    case 'acquirer':
      return { title: 'Notify the acquirer', basis: `PCI DSS 12.10.1: immediately (configured: within ${within(s.pciDss.notifyWithinMs)})`, required: true, dueAt: addDuration(flag.awareAt, s.pciDss.notifyWithinMs), phased: true };
    case 'card-brands':
      return { title: 'Notify the card brands', basis: `PCI DSS 12.10.1: immediately (configured: within ${within(s.pciDss.notifyWithinMs)})`, required: true, dueAt: addDuration(flag.awareAt, s.pciDss.notifyWithinMs), phased: true };
    case 'disclosure-committee':
      return { title: 'Notify the disclosure committee', basis: `SOX 302/404: within ${within(s.sox.notifyWithinMs)} (configured)`, required: true, dueAt: addDuration(flag.awareAt, s.sox.notifyWithinMs), phased: false };
    case 'auditor':
      return { title: 'Notify the external auditor', basis: `SOX 404: within ${within(s.sox.notifyWithinMs)} (configured)`, required: true, dueAt: addDuration(flag.awareAt, s.sox.notifyWithinMs), phased: false };
  }
}

function statusOf(r: Rule, sent: readonly ComplianceNotification[], now: EpochMs): ObligationStatus {
  if (sent.length > 0) {
    if (!r.phased) return 'done';
    return sent.some((n) => n.phase === 'final') ? 'done' : 'in-progress';
  }
  if (!r.required) return 'not-required';
  return r.dueAt !== undefined && now > r.dueAt ? 'overdue' : 'pending';
}

/** The checklist of every flag of an incident, in regime order; deadlines are relative to awareness. */
export function computeComplianceChecklist(record: ComplianceRecord | undefined, settings: ComplianceSettings, now: EpochMs): ComplianceObligation[] {
  if (record === undefined) return [];
  const out: ComplianceObligation[] = [];
  for (const regime of COMPLIANCE_REGIMES) {
    const flag = record.flags[regime];
    if (flag === undefined) continue;
    for (const key of COMPLIANCE_OBLIGATIONS[regime] as readonly ComplianceObligationKey[]) {
      const r = rule(flag, key, settings);
      const sent = record.notifications.filter((n) => n.regime === regime && n.obligation === key);
      out.push({
        regime,
        key,
        title: r.title,
        basis: r.basis,
        contacts: obligationContacts(key, settings),
        dueAt: r.dueAt,
        status: statusOf(r, sent, now),
        firstNotifiedAt: sent[0]?.at,
        notifications: sent,
      });
    }
  }
  return out;
}

/** Whether the deadline was met: the first report went out by the due time. */
export function wasOnTime(o: ComplianceObligation): boolean | undefined {
  if (o.dueAt === undefined || o.firstNotifiedAt === undefined) return undefined;
  return o.firstNotifiedAt <= o.dueAt;
}

