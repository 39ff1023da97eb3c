import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { epochMs, hours, type DurationMs } from '../time/index.js';
import { addBusinessTime, checkBusinessCalendar, isWithinBusinessHours, resolvePolicyDuration, type BusinessCalendar } from './index.js';

const nyc: BusinessCalendar = { timeZone: 'America/New_York', workingDays: [1, 2, 3, 4, 5], opensAt: '09:00', closesAt: '17:00', holidays: ['2026-11-26'] };
const berlin: BusinessCalendar = { timeZone: 'Europe/Berlin', workingDays: [1, 2, 3, 4, 5], opensAt: '09:00', closesAt: '17:00', holidays: ['2026-12-25', '2026-12-26'] };
const sydney: BusinessCalendar = { timeZone: 'Australia/Sydney', workingDays: [1, 2, 3, 4, 5], opensAt: '08:30', closesAt: '17:30', holidays: [] };

const local = (cal: BusinessCalendar, iso: string) => epochMs(DateTime.fromISO(iso, { zone: cal.timeZone }).toMillis());
const show = (cal: BusinessCalendar, ms: number) => DateTime.fromMillis(ms, { zone: cal.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm ccc");

describe('addBusinessTime', () => {
  const cases: { name: string; cal: BusinessCalendar; start: string; add: DurationMs; want: string }[] = [
    { name: 'inside one day', cal: nyc, start: '2026-11-23T10:00', add: hours(4), want: '2026-11-23T14:00 Mon' },
    { name: 'carries over the evening', cal: nyc, start: '2026-11-23T15:00', add: hours(4), want: '2026-11-24T11:00 Tue' },
    { name: 'starts at the next opening when declared at night', cal: nyc, start: '2026-11-23T22:00', add: hours(4), want: '2026-11-24T13:00 Tue' },
    { name: 'skips the weekend', cal: nyc, start: '2026-11-20T15:00', add: hours(4), want: '2026-11-23T11:00 Mon' },
    { name: 'declared on Saturday starts Monday', cal: nyc, start: '2026-11-21T12:00', add: hours(4), want: '2026-11-23T13:00 Mon' },
    { name: 'skips a holiday (Thanksgiving)', cal: nyc, start: '2026-11-25T15:00', add: hours(4), want: '2026-11-27T11:00 Fri' },
    // US DST ends Sunday 2026-11-01 (02:00 → 01:00): Friday 15:00 EDT + 4h = Monday 11:00 EST.
    { name: 'across the autumn DST change in New York', cal: nyc, start: '2026-10-30T15:00', add: hours(4), want: '2026-11-02T11:00 Mon' },
    // US DST starts Sunday 2026-03-08 (02:00 → 03:00).
    { name: 'across the spring DST change in New York', cal: nyc, start: '2026-03-06T16:00', add: hours(4), want: '2026-03-09T12:00 Mon' },
    // EU DST starts Sunday 2026-03-29, ends Sunday 2026-10-25.
    { name: 'across the spring DST change in Berlin', cal: berlin, start: '2026-03-27T14:00', add: hours(4), want: '2026-03-30T10:00 Mon' },
    { name: 'across the autumn DST change in Berlin', cal: berlin, start: '2026-10-23T16:30', add: hours(4), want: '2026-10-26T12:30 Mon' },
    { name: 'skips Christmas holidays in Berlin', cal: berlin, start: '2026-12-24T16:00', add: hours(4), want: '2026-12-28T12:00 Mon' },
    // Sydney DST starts Sunday 2026-10-04 (southern hemisphere).
    { name: 'across DST in Sydney', cal: sydney, start: '2026-10-02T15:30', add: hours(4), want: '2026-10-05T10:30 Mon' },
    { name: 'five business days is a working week', cal: nyc, start: '2026-11-16T10:00', add: hours(40), want: '2026-11-23T10:00 Mon' },
    { name: 'exactly at closing time stays on that day', cal: nyc, start: '2026-11-23T13:00', add: hours(4), want: '2026-11-23T17:00 Mon' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(show(c.cal, addBusinessTime(local(c.cal, c.start), c.add, c.cal)), c.want));
  }

  it('counts real elapsed hours, not wall-clock differences, across DST', () => {
    const start = local(nyc, '2026-10-30T15:00');
    const end = addBusinessTime(start, hours(4), nyc);
    // Friday 15:00 EDT to Monday 11:00 EST is 68 wall hours plus the extra autumn hour.
    assert.equal((end - start) / 3_600_000, 69);
  });
});

describe('policy durations', () => {
  it('business days use the length of the working day', () => {
    const start = local(nyc, '2026-11-16T09:00');
    assert.equal(show(nyc, resolvePolicyDuration(start, { kind: 'business-days', days: 1 }, nyc)), '2026-11-16T17:00 Mon');
    assert.equal(show(nyc, resolvePolicyDuration(start, { kind: 'business-days', days: 5 }, nyc)), '2026-11-20T17:00 Fri');
    // The week of Thanksgiving has four working days, so five business days end the next Monday.
    const thanksgivingWeek = local(nyc, '2026-11-23T09:00');
    assert.equal(show(nyc, resolvePolicyDuration(thanksgivingWeek, { kind: 'business-days', days: 5 }, nyc)), '2026-11-30T17:00 Mon');
  });
  it('wall durations ignore the calendar', () => {
    const start = local(nyc, '2026-11-21T23:50');
    assert.equal(show(nyc, resolvePolicyDuration(start, { kind: 'wall', ms: hours(1) }, nyc)), '2026-11-22T00:50 Sun');
  });
});

describe('calendar checks', () => {
  it('reports every problem with its key', () => {
    const problems = checkBusinessCalendar({ timeZone: 'Europe/Berln', workingDays: [], opensAt: '18:00', closesAt: '09:00', holidays: ['2026-13-01'] });
    assert.deepEqual(problems.map((p) => p.path), ['time_zone', 'working_days', 'hours.end', 'holidays[0]']);
  });
  it('knows when the office is open', () => {
    assert.equal(isWithinBusinessHours(local(berlin, '2026-11-23T10:00'), berlin), true);
    assert.equal(isWithinBusinessHours(local(berlin, '2026-11-22T10:00'), berlin), false);
    assert.equal(isWithinBusinessHours(local(berlin, '2026-12-25T10:00'), berlin), false);
  });
});
