import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { parseLocalDate, parseTimeOfDay, resolveWallTime, wallMs } from './wall-time.js';

const resolve = (zone: string, date: string, time: string) =>
  resolveWallTime(wallMs(parseLocalDate(date)! + parseTimeOfDay(time)! * 60_000), zone);
const show = (zone: string, ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mmZZ");

describe('resolveWallTime', () => {
  const cases: { name: string; zone: string; date: string; time: string; want: string }[] = [
    { name: 'an ordinary wall time in New York', zone: 'America/New_York', date: '2026-06-01', time: '09:00', want: '2026-06-01T09:00-04:00' },
    { name: 'a repeated New York time (fall back, Nov 1) is its first occurrence', zone: 'America/New_York', date: '2026-11-01', time: '01:30', want: '2026-11-01T01:30-04:00' },
    { name: 'a skipped New York time (spring forward, Mar 8) is the first instant after the gap', zone: 'America/New_York', date: '2026-03-08', time: '02:30', want: '2026-03-08T03:00-04:00' },
    { name: 'a repeated Berlin time (Oct 25) is its first occurrence', zone: 'Europe/Berlin', date: '2026-10-25', time: '02:30', want: '2026-10-25T02:30+02:00' },
    { name: 'a skipped Berlin time (Mar 29) is the first instant after the gap', zone: 'Europe/Berlin', date: '2026-03-29', time: '02:30', want: '2026-03-29T03:00+02:00' },
    { name: 'a repeated Sydney time (Apr 5) is its first occurrence', zone: 'Australia/Sydney', date: '2026-04-05', time: '02:30', want: '2026-04-05T02:30+11:00' },
    { name: 'a skipped Sydney time (Oct 4) is the first instant after the gap', zone: 'Australia/Sydney', date: '2026-10-04', time: '02:30', want: '2026-10-04T03:00+11:00' },
    { name: 'the start of the Berlin gap itself moves to 03:00', zone: 'Europe/Berlin', date: '2026-03-29', time: '02:00', want: '2026-03-29T03:00+02:00' },
    { name: 'the end of the New York gap is an ordinary time', zone: 'America/New_York', date: '2026-03-08', time: '03:00', want: '2026-03-08T03:00-04:00' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(show(c.zone, resolve(c.zone, c.date, c.time)), c.want));
});

describe('parsing local dates and times', () => {
  it('rejects dates that do not exist', () => assert.equal(parseLocalDate('2026-02-30'), undefined));
  it('rejects times that are not HH:MM', () => assert.equal(parseTimeOfDay('24:00'), undefined));
});
