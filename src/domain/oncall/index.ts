// On-call: people and how to reach them, teams, and schedules (rotations, layers, restrictions,
// overrides) with DST-correct "who is on call", timelines, gaps, hand-offs and iCal feeds.
export { CONTACT_METHOD_KINDS, CONTACT_METHOD_LABEL, IS_PAGING_METHOD, findWorkingContactMethod, hasWorkingContactMethod } from './person.js';
export type { ContactMethod, ContactMethodKind, NotificationRule, Person } from './person.js';
export { TEAM_ROLES, teamPeople } from './team.js';
export type { Team, TeamRole } from './team.js';
export { ROTATION_UNITS, DAILY, WEEKLY, WEEKDAYS, EVERY_DAY, OVERRIDE_LAYER } from './schedule.js';
export type {
  Rotation, RotationLength, RotationUnit, IsoWeekday, Restriction, ScheduleLayer, Override, Schedule,
  OnCallAssignment, OnCallShift, CoverageGap,
} from './schedule.js';
export { findRotationTurn } from './rotation-turns.js';
export type { RotationTurn } from './rotation-turns.js';
export { whoIsOnCall } from './who-is-on-call.js';
export { onCallTimeline } from './on-call-timeline.js';
export { findCoverageGaps } from './find-coverage-gaps.js';
export { nextHandOff } from './next-hand-off.js';
export { findShiftStart } from './find-shift-start.js';
export type { HandOff } from './next-hand-off.js';
export { renderOnCallCalendar, foldICalLine, escapeICalText } from './render-ical.js';
export type { OnCallCalendarInput } from './render-ical.js';
export { checkSchedule } from './check-schedule.js';
export { MAX_OVERRIDE_MS, checkOverride, withStoredOverrides } from './stored-overrides.js';
export type { OverrideCheck, OverrideRequest, StoredOverride } from './stored-overrides.js';
export { parseWallInstant } from './parse-wall-instant.js';
export { findPersonNamed } from './find-person-named.js';
export { CONTACT_TEST_WINDOW_MS, findUntestedContactMethods } from './contact-method-checks.js';
export type { ContactMethodFinding, ContactTestResult } from './contact-method-checks.js';
export type { WallInstantParse } from './parse-wall-instant.js';
