import { AppError, unknownValueMessage } from '../../domain/errors/index.js';
import { findShiftStart, nextHandOff, onCallTimeline, renderOnCallCalendar, whoIsOnCall, type OnCallShift, type Person, type Schedule } from '../../domain/oncall/index.js';
import { DAY, epochMs, type EpochMs } from '../../domain/time/index.js';

export interface OnCallDirectoryView {
  readonly people: readonly Person[];
  readonly schedules: readonly Schedule[];
}

/** Who holds one schedule at an instant, until when, and who comes next. */
export interface OnCallRow {
  readonly scheduleId: string;
  readonly scheduleName: string;
  readonly onCall: { readonly personId: string; readonly name: string; readonly layer: string } | undefined;
  readonly until: EpochMs | undefined;
  readonly next: { readonly personId: string | undefined; readonly name: string | undefined; readonly at: EpochMs } | undefined;
}

export function findSchedule(directory: OnCallDirectoryView, id: string): Schedule {
  const s = directory.schedules.find((x) => x.id === id);
  if (s) return s;
  const ids = directory.schedules.map((x) => x.id);
  throw new AppError('NOT_FOUND', unknownValueMessage('schedule', id, ids.length > 0 ? ids : ['none configured']), { hint: 'Schedules are configured under schedules: in incident-response.yaml (docs/configuration.md).' });
}

/** Who is on call at `at` on each schedule (or one): the same answer for the CLI, the API and the web app. */
export function onCallAt(directory: OnCallDirectoryView, at: EpochMs, scheduleId?: string): OnCallRow[] {
  const schedules = scheduleId === undefined ? directory.schedules : [findSchedule(directory, scheduleId)];
  const name = (id: string) => directory.people.find((p) => p.id === id)?.name ?? id;
  return schedules.map((s) => {
    const now = whoIsOnCall(s, at);
    const next = nextHandOff(s, at);
    return {
      scheduleId: s.id,
      scheduleName: s.name,
      onCall: now === undefined ? undefined : { personId: now.personId, name: name(now.personId), layer: now.layer },
      until: next?.at,
      next: next === undefined ? undefined : { personId: next.toPersonId, name: next.toPersonId === undefined ? undefined : name(next.toPersonId), at: next.at },
    };
  });
}

export type CalendarSubject = { readonly person: string } | { readonly schedule: string };

/**
 * The iCalendar (RFC 5545) feed of on-call shifts for one person (across schedules) or one schedule,
 * `days` ahead of `from`. The shift in progress at `from` is shown from its real start, so its
 * event (UID, DTSTART) is the same whenever the feed is fetched.
 */
export function onCallCalendar(directory: OnCallDirectoryView, subject: CalendarSubject, from: EpochMs, days: number, uidDomain?: string): string {
  const to = epochMs(from + days * DAY);
  const timeline = (s: Schedule) => onCallTimeline(s, findShiftStart(s, from) ?? from, to);
  let shifts: OnCallShift[];
  let calendarName: string;
  if ('schedule' in subject) {
    const s = findSchedule(directory, subject.schedule);
    shifts = timeline(s);
    calendarName = `On call: ${s.name}`;
  } else {
    const person = directory.people.find((p) => p.id === subject.person);
    if (!person) throw new AppError('NOT_FOUND', unknownValueMessage('person', subject.person, directory.people.map((p) => p.id)));
    shifts = directory.schedules.flatMap(timeline).sort((a, b) => a.startAt - b.startAt);
    calendarName = `On call: ${person.name}`;
  }
  return renderOnCallCalendar({
    calendarName, shifts, generatedAt: from,
    personNames: Object.fromEntries(directory.people.map((p) => [p.id, p.name])),
    ...('person' in subject ? { personId: subject.person } : {}),
    ...(uidDomain !== undefined ? { uidDomain } : {}),
  });
}
