import type { EpochMs } from '../time/index.js';

/** How long one person's turn lasts; days and weeks are counted in calendar days of the zone. */
export const ROTATION_UNITS = ['hours', 'days', 'weeks'] as const;
export type RotationUnit = (typeof ROTATION_UNITS)[number];

export interface RotationLength {
  readonly unit: RotationUnit;
  readonly count: number;
}

export const DAILY: RotationLength = { unit: 'days', count: 1 };
export const WEEKLY: RotationLength = { unit: 'weeks', count: 1 };

/**
 * Participants take turns in order. The first turn starts on `startDate` at `handOffTime`, both
 * read as wall time in `timeZone`; every later hand-off is that wall time again (see docs/oncall.md
 * for what happens when the wall time is skipped or repeated by DST).
 */
export interface Rotation {
  readonly timeZone: string;
  /** Local date of the first hand-off, YYYY-MM-DD. */
  readonly startDate: string;
  /** Local wall time of every hand-off, HH:MM. */
  readonly handOffTime: string;
  readonly length: RotationLength;
  readonly participantIds: readonly string[];
}

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5];
export const EVERY_DAY: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

/**
 * A window in the rotation's zone that starts on each listed weekday at `startTime` and ends at
 * `endTime`; an end at or before the start means the window crosses midnight into the next day.
 */
export interface Restriction {
  readonly days: readonly IsoWeekday[];
  readonly startTime: string;
  readonly endTime: string;
}

/** One layer of a schedule. With restrictions, the layer only covers time inside them. */
export interface ScheduleLayer {
  readonly id: string;
  readonly name: string;
  readonly rotation: Rotation;
  readonly restrictions: readonly Restriction[];
}

/**
 * "Take my shift": `personId` is on call from `startAt` to `endAt`. With `replacesPersonId`, only
 * where that person would have been on call (two such overrides make a swap).
 */
export interface Override {
  readonly id: string;
  readonly personId: string;
  readonly startAt: EpochMs;
  readonly endAt: EpochMs;
  readonly replacesPersonId?: string;
}

/** Layers are listed lowest first; a later (higher) layer wins where it has someone. Later overrides win too. */
export interface Schedule {
  readonly id: string;
  readonly name: string;
  readonly layers: readonly ScheduleLayer[];
  readonly overrides: readonly Override[];
}

/** The pseudo layer reported when an override decides who is on call. */
export const OVERRIDE_LAYER = 'override';

export interface OnCallAssignment {
  readonly personId: string;
  /** The id of the layer that decided, or OVERRIDE_LAYER. */
  readonly layer: string;
  readonly override?: Override;
}

export interface OnCallShift {
  readonly scheduleId: string;
  readonly personId: string;
  readonly startAt: EpochMs;
  readonly endAt: EpochMs;
  readonly layer: string;
  readonly overrideId?: string;
}

export interface CoverageGap {
  readonly scheduleId: string;
  readonly startAt: EpochMs;
  readonly endAt: EpochMs;
}
