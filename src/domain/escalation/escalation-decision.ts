import type { ContactMethodKind } from '../oncall/index.js';
import type { EpochMs } from '../time/index.js';

/** Where an escalation stands. `generation` is the fencing token: acknowledging bumps it. */
export interface EscalationState {
  readonly startedAt: EpochMs;
  readonly generation: number;
  readonly acknowledgedAt?: EpochMs;
  readonly resolvedAt?: EpochMs;
  /** Planned steps already notified, counted across repeats. */
  readonly stepsDone: number;
}

export interface PlannedMessage {
  readonly personId: string;
  readonly personName: string;
  readonly via: ContactMethodKind;
  readonly contactMethodId: string;
  readonly address: string;
  /** Why this person: "on call for schedule primary", "lead of team payments". */
  readonly reason: string;
  /** Not before this instant (a personal rule "voice at 5 min"); only sent if the generation is still current. */
  readonly sendAt: EpochMs;
  readonly isPage: boolean;
  readonly idempotencyKey: string;
}

export interface UnreachablePerson {
  readonly personId: string;
  readonly reason: string;
}

export const DONE_REASONS = ['acknowledged', 'exhausted', 'resolved', 'not-paged'] as const;
export type DoneReason = (typeof DONE_REASONS)[number];

export type EscalationDecision =
  | {
    readonly kind: 'notify';
    readonly generation: number;
    readonly step: number;
    readonly repeat: number;
    /** The new `stepsDone` once these messages are in the outbox. */
    readonly stepsDone: number;
    readonly messages: readonly PlannedMessage[];
    readonly unreachable: readonly UnreachablePerson[];
    /** When to plan again; undefined after the last step. */
    readonly nextCheckAt: EpochMs | undefined;
  }
  | { readonly kind: 'wait'; readonly generation: number; readonly until: EpochMs }
  | { readonly kind: 'done'; readonly generation: number; readonly reason: DoneReason };

/** A timer or message made for an older generation does nothing. */
export function isStale(timerGeneration: number, state: Pick<EscalationState, 'generation'>): boolean {
  return timerGeneration !== state.generation;
}

/** `incidentId:generation:step:repeat:personId:method`, the same however often it is planned. */
export function messageIdempotencyKey(parts: {
  incidentId: string; generation: number; step: number; repeat: number; personId: string; via: ContactMethodKind;
}): string {
  return `${parts.incidentId}:${parts.generation}:${parts.step}:${parts.repeat}:${parts.personId}:${parts.via}`;
}
