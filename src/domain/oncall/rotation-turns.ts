import { epochMs, type EpochMs } from '../time/index.js';
import type { Rotation, RotationUnit } from './schedule.js';
import { parseLocalDate, parseTimeOfDay, resolveWallTime, wallMs, wallOf } from './wall-time.js';

const UNIT_MS: Record<RotationUnit, number> = {
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 7 * 86_400_000,
};

/** One person's turn: hand-off number `index` (0 = the first) and who holds it. */
export interface RotationTurn {
  readonly index: number;
  readonly personId: string;
  readonly startAt: EpochMs;
  readonly endAt: EpochMs;
}

function firstWall(rotation: Rotation): number | undefined {
  const date = parseLocalDate(rotation.startDate);
  const time = parseTimeOfDay(rotation.handOffTime);
  return date === undefined || time === undefined ? undefined : date + time * 60_000;
}

function stepMs(rotation: Rotation): number {
  return UNIT_MS[rotation.length.unit] * rotation.length.count;
}

/**
 * When hand-off number `index` happens: the first hand-off's wall time plus `index` turns of wall
 * time, resolved in the rotation's zone. Two hand-offs can resolve to the same instant (an hourly
 * rotation whose hand-off falls into a spring-forward gap); that turn is then empty.
 */
export function rotationHandOffAt(rotation: Rotation, index: number): EpochMs | undefined {
  const first = firstWall(rotation);
  if (first === undefined || !(stepMs(rotation) > 0)) return undefined;
  return resolveWallTime(wallMs(first + index * stepMs(rotation)), rotation.timeZone);
}

/** The turn in progress at `at`, or undefined before the rotation starts or when it has nobody. */
export function findRotationTurn(rotation: Rotation, at: EpochMs): RotationTurn | undefined {
  const first = firstWall(rotation);
  const step = stepMs(rotation);
  const n = rotation.participantIds.length;
  if (first === undefined || !(step > 0) || n === 0) return undefined;
  const handOff = (k: number) => resolveWallTime(wallMs(first + k * step), rotation.timeZone);
  // The wall clock gives the turn to within one; DST edges are settled against real hand-offs.
  let k = Math.floor((wallOf(at, rotation.timeZone) - first) / step);
  while (handOff(k) > at) k--;
  while (handOff(k + 1) <= at) k++;
  if (k < 0) return undefined;
  const personId = rotation.participantIds[k % n];
  if (personId === undefined) return undefined;
  return { index: k, personId, startAt: handOff(k), endAt: epochMs(handOff(k + 1)) };
}
