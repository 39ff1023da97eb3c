import { MINUTE, epochMs, type EpochMs } from '../time/index.js';
import type { IncidentState } from './incident-state.js';

/**
 * A deadline as a person sees it: met (in time or late), running, due soon (amber) or overdue (red).
 * Due soon = less than a fifth of the span left, or less than 5 minutes.
 */
export type ClockState = 'met' | 'met-late' | 'running' | 'due-soon' | 'overdue' | 'stopped';

export interface SlaClock {
  readonly dueAt: EpochMs | undefined;
  readonly state: ClockState;
  readonly metAt: EpochMs | undefined;
}

export interface SlaClocks {
  readonly response: SlaClock;
  readonly nextUpdate: SlaClock;
}

/** When a running clock turns "due soon": a fifth of its span, or 5 minutes if longer, before it is due. */
export function dueSoonAt(startedAt: EpochMs, dueAt: EpochMs): EpochMs {
  return epochMs(dueAt - Math.max(5 * MINUTE, (dueAt - startedAt) / 5));
}

function running(startedAt: EpochMs, dueAt: EpochMs, now: EpochMs): ClockState {
  if (now > dueAt) return 'overdue';
  return now >= dueSoonAt(startedAt, dueAt) ? 'due-soon' : 'running';
}

/** What the clocks are computed from: an incident's state, or the columns of a list row. */
export type SlaClockFacts = Pick<IncidentState, 'acknowledgedAt' | 'resolvedAt' | 'responseDueAt' | 'responseClockStartedAt' | 'nextUpdateDueAt'> & {
  readonly lastUpdate: { readonly at: EpochMs } | undefined;
};

export function computeSlaClocks(state: SlaClockFacts, now: EpochMs): SlaClocks {
  const ackAt = state.acknowledgedAt ?? (state.resolvedAt !== undefined ? state.resolvedAt : undefined);
  const response: SlaClock = ackAt !== undefined
    ? { dueAt: state.responseDueAt, metAt: ackAt, state: ackAt <= state.responseDueAt ? 'met' : 'met-late' }
    : { dueAt: state.responseDueAt, metAt: undefined, state: running(state.responseClockStartedAt, state.responseDueAt, now) };
  const updateFrom = state.lastUpdate?.at ?? state.responseClockStartedAt;
  const nextUpdate: SlaClock = state.nextUpdateDueAt === undefined
    ? { dueAt: undefined, metAt: undefined, state: 'stopped' }
    : { dueAt: state.nextUpdateDueAt, metAt: undefined, state: running(updateFrom, state.nextUpdateDueAt, now) };
  return { response, nextUpdate };
}
