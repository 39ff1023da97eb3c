import { durationMs, epochMs, type DurationMs, type EpochMs } from '../time/index.js';

export const UPDATE_REMINDER_KINDS = ['due-soon', 'late'] as const;
export type UpdateReminderKind = (typeof UPDATE_REMINDER_KINDS)[number];

export type UpdateReminderDecision =
  | { readonly kind: 'wait'; readonly until: EpochMs }
  | {
    readonly kind: 'remind';
    readonly reminder: UpdateReminderKind;
    readonly dueAt: EpochMs;
    /** How late the update is (0 before it is due). */
    readonly lateByMs: DurationMs;
    /** The same for every call inside one reminder period, so the outbox sends it once. */
    readonly idempotencyKey: string;
    readonly nextCheckAt: EpochMs;
  };

/**
 * Reminders for the next stakeholder update: one `remindBeforeMs` before it is due, then one
 * each `lateEveryMs` (default: `remindBeforeMs`) while it is late. Stateless: calling again in
 * the same period returns the same key, and a new status update simply moves `nextUpdateDueAt`.
 */
export function planUpdateReminders(nextUpdateDueAt: EpochMs, now: EpochMs, remindBeforeMs: DurationMs, lateEveryMs: DurationMs = remindBeforeMs): UpdateReminderDecision {
  const remindAt = nextUpdateDueAt - Math.max(0, remindBeforeMs);
  if (now < remindAt) return { kind: 'wait', until: epochMs(remindAt) };
  if (now < nextUpdateDueAt) {
    return { kind: 'remind', reminder: 'due-soon', dueAt: nextUpdateDueAt, lateByMs: durationMs(0), idempotencyKey: `update:${nextUpdateDueAt}:due-soon`, nextCheckAt: nextUpdateDueAt };
  }
  const every = lateEveryMs > 0 ? lateEveryMs : 60_000;
  const period = Math.floor((now - nextUpdateDueAt) / every);
  return {
    kind: 'remind',
    reminder: 'late',
    dueAt: nextUpdateDueAt,
    lateByMs: durationMs(now - nextUpdateDueAt),
    idempotencyKey: `update:${nextUpdateDueAt}:late:${period}`,
    nextCheckAt: epochMs(nextUpdateDueAt + (period + 1) * every),
  };
}
