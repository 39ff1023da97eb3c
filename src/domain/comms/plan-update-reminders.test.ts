import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMs, minutes, type EpochMs } from '../time/index.js';
import { planUpdateReminders, type UpdateReminderDecision } from './index.js';

// The next status update is due at T+30 (SEV-1 cadence); remind 5 minutes before.
const T0 = Date.UTC(2026, 10, 28, 14, 30);
const T = (m: number): EpochMs => epochMs(T0 + m * 60_000);
const due = T(30);

describe('planUpdateReminders', () => {
  const cases: { name: string; now: EpochMs; want: UpdateReminderDecision }[] = [
    { name: 'waits until five minutes before the update is due', now: T(10), want: { kind: 'wait', until: T(25) } },
    {
      name: 'reminds that the update is due soon', now: T(25),
      want: { kind: 'remind', reminder: 'due-soon', dueAt: due, lateByMs: minutes(0), idempotencyKey: `update:${due}:due-soon`, nextCheckAt: due },
    },
    {
      name: 'gives the same due-soon reminder however often it is asked', now: T(29),
      want: { kind: 'remind', reminder: 'due-soon', dueAt: due, lateByMs: minutes(0), idempotencyKey: `update:${due}:due-soon`, nextCheckAt: due },
    },
    {
      name: 'reminds that the update is late once it is due', now: T(30),
      want: { kind: 'remind', reminder: 'late', dueAt: due, lateByMs: minutes(0), idempotencyKey: `update:${due}:late:0`, nextCheckAt: T(35) },
    },
    {
      name: 'reminds again each period while the update stays late', now: T(41),
      want: { kind: 'remind', reminder: 'late', dueAt: due, lateByMs: minutes(11), idempotencyKey: `update:${due}:late:2`, nextCheckAt: T(45) },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(planUpdateReminders(due, c.now, minutes(5)), c.want));

  it('repeats late reminders at their own interval when one is given', () => {
    const d = planUpdateReminders(due, T(45), minutes(5), minutes(30));
    assert.deepEqual(d.kind === 'remind' ? [d.idempotencyKey, d.nextCheckAt] : d, [`update:${due}:late:0`, T(60)]);
  });
});
