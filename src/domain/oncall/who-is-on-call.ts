import type { EpochMs } from '../time/index.js';
import { isWithinRestrictions } from './restriction-windows.js';
import { findRotationTurn } from './rotation-turns.js';
import { OVERRIDE_LAYER, type OnCallAssignment, type Schedule } from './schedule.js';

/** Who the layers put on call at `at`, before overrides: the highest layer that has someone. */
function whoTheLayersPutOnCall(schedule: Schedule, at: EpochMs): OnCallAssignment | undefined {
  for (let i = schedule.layers.length - 1; i >= 0; i--) {
    const layer = schedule.layers[i];
    if (!layer) continue;
    const turn = findRotationTurn(layer.rotation, at);
    if (!turn) continue;
    if (!isWithinRestrictions(layer.restrictions, layer.rotation.timeZone, at)) continue;
    return { personId: turn.personId, layer: layer.id };
  }
  return undefined;
}

/**
 * Who is on call for `schedule` at `at`. Overrides are applied on top of the layers, the last
 * listed winning; one with `replacesPersonId` applies only where the layers put that person on
 * call, so a swap is two such overrides.
 */
export function whoIsOnCall(schedule: Schedule, at: EpochMs): OnCallAssignment | undefined {
  const base = whoTheLayersPutOnCall(schedule, at);
  for (let i = schedule.overrides.length - 1; i >= 0; i--) {
    const o = schedule.overrides[i];
    if (!o || at < o.startAt || at >= o.endAt) continue;
    if (o.replacesPersonId !== undefined && o.replacesPersonId !== base?.personId) continue;
    return { personId: o.personId, layer: OVERRIDE_LAYER, override: o };
  }
  return base;
}
