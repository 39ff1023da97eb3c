import { AppError, assertNever } from '../errors/index.js';
import type { EpochMs } from '../time/index.js';
import {
  COMPLIANCE_OBLIGATIONS, COMPLIANCE_REGIME_LABEL, type ComplianceObligationKey, type ComplianceRegime, type NotificationPhase,
} from './compliance-regimes.js';
import type { ComplianceContact, ComplianceSettings } from './compliance-settings.js';

/** An incident flagged as touching a regulated class of data, from the moment the organisation knew. */
export interface ComplianceFlag {
  readonly regime: ComplianceRegime;
  /** When the organisation became aware (GDPR) or discovered the breach (HIPAA): the clock starts here. */
  readonly awareAt: EpochMs;
  readonly flaggedAt: EpochMs;
  readonly flaggedBy: string;
  /** How many individuals are affected, when known (HIPAA: 500 or more also means HHS and media). */
  readonly individuals?: number;
  /** GDPR Art. 34: a high risk to the data subjects' rights means telling them too. */
  readonly highRisk: boolean;
  readonly note?: string;
}

/** One notification made: to whom, under which obligation, which phase of a phased report. */
export interface ComplianceNotification {
  readonly regime: ComplianceRegime;
  readonly obligation: ComplianceObligationKey;
  readonly to: string;
  readonly phase: NotificationPhase;
  readonly at: EpochMs;
  readonly by: string;
  readonly note?: string;
}

/** The compliance part of an incident: its flags and every notification recorded. */
export interface ComplianceRecord {
  readonly flags: Readonly<Partial<Record<ComplianceRegime, ComplianceFlag>>>;
  readonly notifications: readonly ComplianceNotification[];
}

export const EMPTY_COMPLIANCE_RECORD: ComplianceRecord = { flags: {}, notifications: [] };

/** Event data of the compliance events (part of the incident's event union). */
export interface ComplianceFlaggedData {
  readonly kind: 'compliance-flagged';
  readonly regime: ComplianceRegime;
  readonly awareAt: EpochMs;
  readonly individuals?: number;
  readonly highRisk?: boolean;
  readonly note?: string;
}

export interface ComplianceNotifiedData {
  readonly kind: 'compliance-notified';
  readonly regime: ComplianceRegime;
  readonly obligation: ComplianceObligationKey;
  readonly to: string;
  readonly phase: NotificationPhase;
  readonly note?: string;
}

export function applyComplianceFlagged(record: ComplianceRecord | undefined, d: ComplianceFlaggedData, at: EpochMs, by: string): ComplianceRecord {
  const r = record ?? EMPTY_COMPLIANCE_RECORD;
  const previous = r.flags[d.regime];
  const flag: ComplianceFlag = {
    regime: d.regime,
    awareAt: d.awareAt,
    // Re-flagging (a corrected awareness time or head count) keeps when it was first flagged.
    flaggedAt: previous?.flaggedAt ?? at,
    flaggedBy: previous?.flaggedBy ?? by,
    ...(d.individuals !== undefined ? { individuals: d.individuals } : previous?.individuals !== undefined ? { individuals: previous.individuals } : {}),
    highRisk: d.highRisk ?? previous?.highRisk ?? false,
    ...(d.note !== undefined ? { note: d.note } : previous?.note !== undefined ? { note: previous.note } : {}),
  };
  return { ...r, flags: { ...r.flags, [d.regime]: flag } };
}

export function applyComplianceNotified(record: ComplianceRecord | undefined, d: ComplianceNotifiedData, at: EpochMs, by: string): ComplianceRecord {
  const r = record ?? EMPTY_COMPLIANCE_RECORD;
  const n: ComplianceNotification = { regime: d.regime, obligation: d.obligation, to: d.to, phase: d.phase, at, by, ...(d.note !== undefined ? { note: d.note } : {}) };
  return { ...r, notifications: [...r.notifications, n] };
}

export interface FlagInput {
  readonly regime: ComplianceRegime;
  readonly awareAt: EpochMs;
  readonly individuals?: number;
  readonly highRisk?: boolean;
  readonly note?: string;
}

export const NOTE_MAX = 2000;

/** The event that flags (or corrects a flag); none when it would change nothing. */
export function decideComplianceFlag(record: ComplianceRecord | undefined, input: FlagInput, now: EpochMs): ComplianceFlaggedData[] {
  if (input.awareAt > now) {
    throw new AppError('VALIDATION', `--aware-at is in the future (${new Date(input.awareAt).toISOString()}); give when the organisation became aware`, {
      issues: [{ path: 'awareAt', message: 'in the future' }],
    });
  }
  if (input.individuals !== undefined && (!Number.isSafeInteger(input.individuals) || input.individuals < 0)) {
    throw new AppError('VALIDATION', `--individuals must be a whole number of at least 0, not ${input.individuals}`, { issues: [{ path: 'individuals', message: 'not a count' }] });
  }
  const note = input.note?.trim();
  if (note !== undefined && note.length > NOTE_MAX) throw new AppError('VALIDATION', `--note is longer than ${NOTE_MAX} characters`, { issues: [{ path: 'note', message: 'too long' }] });
  const existing = record?.flags[input.regime];
  if (
    existing !== undefined && existing.awareAt === input.awareAt &&
    (input.individuals === undefined || existing.individuals === input.individuals) &&
    (input.highRisk === undefined || existing.highRisk === input.highRisk) &&
    (note === undefined || note === '' || existing.note === note)
  ) return [];
  return [{
    kind: 'compliance-flagged',
    regime: input.regime,
    awareAt: input.awareAt,
    ...(input.individuals !== undefined ? { individuals: input.individuals } : {}),
    ...(input.highRisk !== undefined ? { highRisk: input.highRisk } : {}),
    ...(note ? { note } : {}),
  }];
}

export interface NotifyInput {
  readonly regime: ComplianceRegime;
  readonly to: string;
  readonly phase: NotificationPhase;
  /** When not given: the obligation whose configured contact is named `to`, else the regime's first. */
  readonly obligation?: ComplianceObligationKey;
  readonly note?: string;
}

/** Records a notification made. Refused for a regime the incident is not flagged with. */
export function decideComplianceNotification(record: ComplianceRecord | undefined, input: NotifyInput, settings: ComplianceSettings, incidentId: string): ComplianceNotifiedData[] {
  if (record?.flags[input.regime] === undefined) {
    throw new AppError('INVALID_TRANSITION', `${incidentId} is not flagged ${COMPLIANCE_REGIME_LABEL[input.regime]}. Flag it first with "incident-response compliance flag ${incidentId} ${input.regime} --aware-at TIME".`);
  }
  const to = input.to.trim();
  if (to === '') throw new AppError('VALIDATION', '--to must name who was notified', { issues: [{ path: 'to', message: 'must not be empty' }] });
  if (to.length > 500) throw new AppError('VALIDATION', '--to is longer than 500 characters', { issues: [{ path: 'to', message: 'too long' }] });
  const note = input.note?.trim();
  if (note !== undefined && note.length > NOTE_MAX) throw new AppError('VALIDATION', `--note is longer than ${NOTE_MAX} characters`, { issues: [{ path: 'note', message: 'too long' }] });
  const obligation = input.obligation ?? obligationForRecipient(input.regime, to, settings);
  return [{ kind: 'compliance-notified', regime: input.regime, obligation, to, phase: input.phase, ...(note ? { note } : {}) }];
}

/** The configured contacts each obligation names. */
export function obligationContacts(obligation: ComplianceObligationKey, s: ComplianceSettings): readonly ComplianceContact[] {
  switch (obligation) {
    case 'authority': return s.gdpr.authorities;
    case 'data-subjects': return [];
    case 'individuals': return [];
    case 'hhs': return s.hipaa.hhs;
    case 'media': return [];
    case 'acquirer': return s.pciDss.acquirers;
    case 'card-brands': return s.pciDss.cardBrands;
    case 'disclosure-committee': return s.sox.disclosureCommittee;
    case 'auditor': return s.sox.auditors;
    default: return assertNever(obligation);
  }
}

function obligationForRecipient(regime: ComplianceRegime, to: string, s: ComplianceSettings): ComplianceObligationKey {
  const wanted = to.toLowerCase();
  const keys = COMPLIANCE_OBLIGATIONS[regime] as readonly ComplianceObligationKey[];
  for (const key of keys) {
    if (obligationContacts(key, s).some((c) => c.name.toLowerCase() === wanted || c.reach?.toLowerCase() === wanted)) return key;
  }
  return keys[0]!;
}
