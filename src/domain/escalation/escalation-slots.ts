import { assertNever } from '../errors/index.js';
import { epochMs, MINUTE, type EpochMs } from '../time/index.js';
import type { EscalationTarget } from './escalation-policy.js';
import type { EscalationSnapshot } from './escalation-snapshot.js';

/** One planned step: when it fires, whom it reaches, and whether it pages or only notifies. */
export interface EscalationSlot {
  readonly step: number;
  readonly repeat: number;
  readonly at: EpochMs;
  readonly targets: readonly EscalationTarget[];
  readonly isNotifyOnly: boolean;
}

/**
 * Every step the snapshot will ever fire for an escalation started at `startedAt`, in order.
 *
 * Severity shapes it: SEV-1 adds the team's executives at T+0, SEV-2 the team's leads; SEV-3
 * notifies only the assignee (the first step's targets when nobody is assigned) without paging,
 * once; SEV-4 plans nothing. When the response target passes before a step is due, that step is
 * pulled forward to the target and the steps after it keep their delays from there.
 */
export function planEscalationSlots(snapshot: EscalationSnapshot, startedAt: EpochMs): EscalationSlot[] {
  const { policy } = snapshot;
  const first = policy.steps[0];
  switch (snapshot.mode) {
    case 'none':
      return [];
    case 'assigned-member': {
      const targets: EscalationTarget[] = snapshot.assigneeId !== undefined ? [{ kind: 'person', personId: snapshot.assigneeId }] : [...(first?.targets ?? [])];
      return [{ step: 0, repeat: 0, at: startedAt, targets, isNotifyOnly: true }];
    }
    case 'leadership':
    case 'team-lead-and-oncall':
      break;
    default:
      return assertNever(snapshot.mode);
  }
  const extra: EscalationTarget[] = snapshot.teamId === undefined ? [] : [{ kind: 'team', teamId: snapshot.teamId, who: snapshot.mode === 'leadership' ? 'executives' : 'lead' }];
  const slots: EscalationSlot[] = [];
  let at: number = startedAt;
  let isPulled = false;
  for (let repeat = 0; repeat <= Math.max(0, policy.repeat); repeat++) {
    policy.steps.forEach((step, index) => {
      const delay = index === 0 && repeat > 0 ? policy.repeatAfterMinutes : step.delayMinutes;
      at += Math.max(0, delay) * MINUTE;
      if (!isPulled && snapshot.responseDueAt !== undefined && at > snapshot.responseDueAt) {
        at = Math.max(snapshot.responseDueAt, slots[slots.length - 1]?.at ?? startedAt);
        isPulled = true;
      }
      const targets = index === 0 && repeat === 0 ? [...step.targets, ...extra] : step.targets;
      slots.push({ step: index, repeat, at: epochMs(at), targets, isNotifyOnly: false });
    });
  }
  return slots;
}
