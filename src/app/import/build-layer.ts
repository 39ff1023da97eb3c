import type { ImportedLayer, ImportedRestriction } from './import-model.js';
import { rotate, turnsBetween, wallClock, wallDate, wallPlusTurns, type TurnUnit } from './import-time.js';

export interface RotationInput {
  readonly name: string;
  readonly timeZone: string;
  /** Wall time (ms of a UTC calendar) of turn 0, which `participants[0]` holds. */
  readonly firstHandOffWall: number;
  readonly turn: { readonly turn: string; readonly unit: TurnUnit; readonly count: number };
  readonly participants: readonly string[];
  /** When the layer takes effect, if later than turn 0 (PagerDuty's `start` after `rotation_virtual_start`). */
  readonly activeFromWall?: number;
  readonly restrictions?: readonly ImportedRestriction[];
}

/**
 * One of our layers from a source rotation. A layer that takes effect after its rotation began
 * starts here at the hand-off of the turn in progress then, with the participants rotated so that
 * the same person holds that turn; `startsMidTurn` says the source layer began inside that turn.
 */
export function buildLayer(input: RotationInput): { layer: ImportedLayer; startsMidTurn: boolean } {
  const minute = 60_000;
  const first = Math.floor(input.firstHandOffWall / minute) * minute;
  const activeFrom = input.activeFromWall;
  const k = activeFrom === undefined ? 0 : turnsBetween(first, activeFrom, input.turn.unit, input.turn.count);
  const start = wallPlusTurns(first, input.turn.unit, input.turn.count, k);
  const layer: ImportedLayer = {
    name: input.name,
    time_zone: input.timeZone,
    start_date: wallDate(start),
    hand_off_time: wallClock(start),
    turn: input.turn.turn,
    participants: rotate(input.participants, k),
    ...(input.restrictions === undefined || input.restrictions.length === 0 ? {} : { restrictions: input.restrictions }),
  };
  return { layer, startsMidTurn: activeFrom !== undefined && activeFrom > start };
}
