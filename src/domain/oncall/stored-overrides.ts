import type { EpochMs } from '../time/index.js';
import type { Person } from './person.js';
import type { Override, Schedule } from './schedule.js';

/**
 * An override made at runtime ("take my shift", "cover Tuesday night") and kept in the store, as
 * opposed to one written under `schedules.<id>.overrides` in the configuration file.
 */
export interface StoredOverride extends Override {
  readonly scheduleId: string;
  /** Why, in the words of whoever made it ("cover Tuesday night"); may be empty. */
  readonly note: string;
  readonly createdBy: string;
  readonly createdAt: EpochMs;
}

/**
 * The schedules with the stored overrides placed after the configured ones. `whoIsOnCall` lets
 * the last listed override win, so where a stored override and a configured one cover the same
 * time the stored one decides; among stored overrides the one made last wins.
 */
export function withStoredOverrides(schedules: readonly Schedule[], stored: readonly StoredOverride[]): Schedule[] {
  if (stored.length === 0) return [...schedules];
  const bySchedule = new Map<string, StoredOverride[]>();
  for (const o of [...stored].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))) {
    bySchedule.set(o.scheduleId, [...(bySchedule.get(o.scheduleId) ?? []), o]);
  }
  return schedules.map((s) => {
    const extra = bySchedule.get(s.id);
    return extra === undefined ? s : { ...s, overrides: [...s.overrides, ...extra] };
  });
}

/** An override as asked for, before it is stored. */
export interface OverrideRequest {
  readonly scheduleId: string;
  readonly personId: string;
  readonly startAt: EpochMs;
  readonly endAt: EpochMs;
  readonly replacesPersonId?: string;
}

/** The longest one override may last: longer cover belongs in the rotation itself. */
export const MAX_OVERRIDE_MS = 90 * 86_400_000;

export type OverrideCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly field: 'schedule' | 'person' | 'replaces' | 'from' | 'to'; readonly reason: string; readonly known?: readonly string[] };

/** Whether an override may be stored: it names a configured schedule and people, and its span is sensible. */
export function checkOverride(request: OverrideRequest, schedules: readonly Pick<Schedule, 'id'>[], people: readonly Pick<Person, 'id'>[], now: EpochMs): OverrideCheck {
  if (!schedules.some((s) => s.id === request.scheduleId)) {
    return { ok: false, field: 'schedule', reason: `there is no schedule '${request.scheduleId}'`, known: schedules.map((s) => s.id) };
  }
  if (!people.some((p) => p.id === request.personId)) {
    return { ok: false, field: 'person', reason: `there is nobody with id '${request.personId}' in people:`, known: people.map((p) => p.id) };
  }
  if (request.replacesPersonId !== undefined) {
    if (!people.some((p) => p.id === request.replacesPersonId)) {
      return { ok: false, field: 'replaces', reason: `there is nobody with id '${request.replacesPersonId}' in people:`, known: people.map((p) => p.id) };
    }
    if (request.replacesPersonId === request.personId) return { ok: false, field: 'replaces', reason: 'a person cannot replace themselves' };
  }
  if (request.endAt <= request.startAt) return { ok: false, field: 'to', reason: 'the override must end after it starts' };
  if (request.endAt <= now) return { ok: false, field: 'to', reason: 'the override would already be over' };
  if (request.endAt - request.startAt > MAX_OVERRIDE_MS) return { ok: false, field: 'to', reason: 'an override may last at most 90 days; change the rotation for longer cover' };
  return { ok: true };
}
