import { formatDuration, type DurationMs, type EpochMs } from '../time/index.js';
import { COMPLIANCE_REGIME_LABEL } from './compliance-regimes.js';
import { computeComplianceChecklist, type ComplianceObligation } from './compliance-checklist.js';
import type { ComplianceRecord } from './compliance-record.js';
import type { ComplianceSettings } from './compliance-settings.js';

/** The compliance part of one incident, as the planner reads it. */
export interface ComplianceSubject {
  readonly incidentId: string;
  readonly title: string;
  readonly record: ComplianceRecord | undefined;
}

/** A reminder that is due now. Delivering it twice with the same key must send it once. */
export interface ComplianceReminder {
  /** `compliance:INC-…:gdpr:authority:before:4h` or `…:late:2`: stable across runs and instances. */
  readonly idempotencyKey: string;
  readonly incidentId: string;
  readonly regime: ComplianceObligation['regime'];
  readonly obligation: ComplianceObligation['key'];
  readonly kind: 'before-due' | 'late';
  readonly dueAt: EpochMs;
  readonly message: string;
}

/**
 * Which reminders are due at `now` for open obligations (pending, overdue, or in progress with a
 * deadline not yet met by any report). Before the deadline only the nearest lead time reached is
 * planned (a planner that ran late does not send three reminders at once); after it, one reminder
 * per `lateRepeatMs` that has started. Pure: the caller delivers and remembers the keys.
 */
export function planComplianceReminders(subjects: readonly ComplianceSubject[], now: EpochMs, settings: ComplianceSettings): ComplianceReminder[] {
  const out: ComplianceReminder[] = [];
  const leads = [...settings.reminderLeadMs].sort((a, b) => a - b);
  for (const subject of subjects) {
    for (const o of computeComplianceChecklist(subject.record, settings, now)) {
      if (o.dueAt === undefined || o.firstNotifiedAt !== undefined) continue;
      if (o.status !== 'pending' && o.status !== 'overdue') continue;
      const base = `compliance:${subject.incidentId}:${o.regime}:${o.key}`;
      const what = `${COMPLIANCE_REGIME_LABEL[o.regime]}: ${o.title.toLowerCase()} for ${subject.incidentId} (${subject.title})`;
      if (now < o.dueAt) {
        const left = o.dueAt - now;
        const lead = leads.find((l) => left <= l);
        if (lead === undefined) continue;
        out.push({
          idempotencyKey: `${base}:before:${leadKey(lead)}`,
          incidentId: subject.incidentId, regime: o.regime, obligation: o.key, kind: 'before-due', dueAt: o.dueAt,
          message: `${what} is due in ${formatDuration(left as DurationMs)} (${new Date(o.dueAt).toISOString()}).`,
        });
      } else {
        const round = Math.floor((now - o.dueAt) / settings.lateRepeatMs);
        out.push({
          idempotencyKey: `${base}:late:${round}`,
          incidentId: subject.incidentId, regime: o.regime, obligation: o.key, kind: 'late', dueAt: o.dueAt,
          message: `${what} is LATE: it was due ${new Date(o.dueAt).toISOString()} (${formatDuration((now - o.dueAt) as DurationMs)} ago). Record it with "incident-response compliance notify ${subject.incidentId} ${o.regime} --to …".`,
        });
      }
    }
  }
  return out;
}

function leadKey(ms: DurationMs): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${Math.round(ms / 60_000)}m`;
}
