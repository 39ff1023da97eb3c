import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { epochMs, type EpochMs } from '../time/index.js';
import { DAILY, WEEKLY, onCallTimeline, whoIsOnCall, type RotationLength, type Schedule } from './index.js';

const local = (zone: string, iso: string): EpochMs => epochMs(DateTime.fromISO(iso, { zone }).toMillis());
const show = (zone: string, ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mmZZ");

function rotating(zone: string, startDate: string, handOffTime: string, length: RotationLength, participantIds = ['ann', 'bob', 'cat']): Schedule {
  return {
    id: 'primary', name: 'Primary', overrides: [],
    layers: [{ id: 'l1', name: 'Layer 1', restrictions: [], rotation: { timeZone: zone, startDate, handOffTime, length, participantIds } }],
  };
}

/** The shifts that start inside [from, to): local start and real length in hours. */
function shiftsStartingBetween(schedule: Schedule, zone: string, from: string, to: string): string[] {
  const fromAt = local(zone, from);
  const toAt = local(zone, to);
  return onCallTimeline(schedule, epochMs(fromAt - 30 * 86_400_000), epochMs(toAt + 30 * 86_400_000))
    .filter((s) => s.startAt >= fromAt && s.startAt < toAt)
    .map((s) => `${show(zone, s.startAt)} ${(s.endAt - s.startAt) / 3_600_000}h`);
}

describe('daily rotations across the 2026 DST changes', () => {
  const cases: { name: string; zone: string; handOff: string; from: string; to: string; want: string[] }[] = [
    {
      name: 'New York, fall back: the shift over the repeated hour is 25 h and hands off once, at the first 01:30',
      zone: 'America/New_York', handOff: '01:30', from: '2026-10-31', to: '2026-11-03',
      want: ['2026-10-31T01:30-04:00 24h', '2026-11-01T01:30-04:00 25h', '2026-11-02T01:30-05:00 24h'],
    },
    {
      name: 'New York, spring forward: a 02:30 hand-off happens at 03:00 on the day 02:30 is skipped',
      zone: 'America/New_York', handOff: '02:30', from: '2026-03-07', to: '2026-03-10',
      want: ['2026-03-07T02:30-05:00 23.5h', '2026-03-08T03:00-04:00 23.5h', '2026-03-09T02:30-04:00 24h'],
    },
    {
      name: 'New York, spring forward: a 09:00 hand-off stays at 09:00 and the short night makes a 23 h shift',
      zone: 'America/New_York', handOff: '09:00', from: '2026-03-07', to: '2026-03-09',
      want: ['2026-03-07T09:00-05:00 23h', '2026-03-08T09:00-04:00 24h'],
    },
    {
      name: 'Berlin, fall back: a daily 02:30 hand-off on the day 02:30 happens twice hands off once, at the first',
      zone: 'Europe/Berlin', handOff: '02:30', from: '2026-10-24', to: '2026-10-27',
      want: ['2026-10-24T02:30+02:00 24h', '2026-10-25T02:30+02:00 25h', '2026-10-26T02:30+01:00 24h'],
    },
    {
      name: 'Berlin, spring forward: a 02:30 hand-off happens at 03:00',
      zone: 'Europe/Berlin', handOff: '02:30', from: '2026-03-28', to: '2026-03-31',
      want: ['2026-03-28T02:30+01:00 23.5h', '2026-03-29T03:00+02:00 23.5h', '2026-03-30T02:30+02:00 24h'],
    },
    {
      name: 'Berlin, fall back: a 09:00 hand-off makes one 25 h shift',
      zone: 'Europe/Berlin', handOff: '09:00', from: '2026-10-24', to: '2026-10-26',
      want: ['2026-10-24T09:00+02:00 25h', '2026-10-25T09:00+01:00 24h'],
    },
    {
      name: 'Sydney, fall back (Apr 5): the 02:30 hand-off happens once, at the first 02:30',
      zone: 'Australia/Sydney', handOff: '02:30', from: '2026-04-04', to: '2026-04-07',
      want: ['2026-04-04T02:30+11:00 24h', '2026-04-05T02:30+11:00 25h', '2026-04-06T02:30+10:00 24h'],
    },
    {
      name: 'Sydney, spring forward (Oct 4): a 02:30 hand-off happens at 03:00',
      zone: 'Australia/Sydney', handOff: '02:30', from: '2026-10-03', to: '2026-10-06',
      want: ['2026-10-03T02:30+10:00 23.5h', '2026-10-04T03:00+11:00 23.5h', '2026-10-05T02:30+11:00 24h'],
    },
    {
      name: 'Sydney, spring forward: an 08:00 hand-off makes one 23 h shift',
      zone: 'Australia/Sydney', handOff: '08:00', from: '2026-10-03', to: '2026-10-05',
      want: ['2026-10-03T08:00+10:00 23h', '2026-10-04T08:00+11:00 24h'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(shiftsStartingBetween(rotating(c.zone, '2026-01-01', c.handOff, DAILY), c.zone, c.from, c.to), c.want));
  }
});

describe('weekly rotations across the 2026 DST changes', () => {
  const cases: { name: string; zone: string; startDate: string; handOff: string; want: string }[] = [
    { name: 'New York, the week of Mar 8 is 167 h', zone: 'America/New_York', startDate: '2026-03-02', handOff: '09:00', want: '2026-03-02T09:00-05:00 167h' },
    { name: 'New York, the week of Nov 1 is 169 h', zone: 'America/New_York', startDate: '2026-10-26', handOff: '09:00', want: '2026-10-26T09:00-04:00 169h' },
    { name: 'Berlin, the week of Mar 29 is 167 h', zone: 'Europe/Berlin', startDate: '2026-03-23', handOff: '10:00', want: '2026-03-23T10:00+01:00 167h' },
    { name: 'Berlin, the week of Oct 25 is 169 h', zone: 'Europe/Berlin', startDate: '2026-10-19', handOff: '10:00', want: '2026-10-19T10:00+02:00 169h' },
    { name: 'Sydney, the week of Apr 5 is 169 h', zone: 'Australia/Sydney', startDate: '2026-04-01', handOff: '08:00', want: '2026-04-01T08:00+11:00 169h' },
    { name: 'Sydney, the week of Oct 4 is 167 h', zone: 'Australia/Sydney', startDate: '2026-09-30', handOff: '08:00', want: '2026-09-30T08:00+10:00 167h' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const from = `${c.startDate}T00:00`;
      const to = `${c.startDate}T23:59`;
      assert.deepEqual(shiftsStartingBetween(rotating(c.zone, c.startDate, c.handOff, WEEKLY), c.zone, from, to), [c.want]);
    });
  }
});

describe('rotation turns', () => {
  const zone = 'Europe/Berlin';
  const schedule = rotating(zone, '2026-06-01', '09:00', DAILY);
  const cases: { at: string; want: string | undefined }[] = [
    { at: '2026-06-01T08:59', want: undefined },
    { at: '2026-06-01T09:00', want: 'ann' },
    { at: '2026-06-02T08:59', want: 'ann' },
    { at: '2026-06-02T09:00', want: 'bob' },
    { at: '2026-06-03T12:00', want: 'cat' },
    { at: '2026-06-04T12:00', want: 'ann' },
  ];
  for (const c of cases) {
    it(`participants take turns in order and wrap around (${c.at} → ${c.want ?? 'nobody'})`, () =>
      assert.equal(whoIsOnCall(schedule, local(zone, c.at))?.personId, c.want));
  }

  it('a 12-hour rotation hands off at 08:00 and 20:00 local, the spring night being 11 h', () => {
    const ny = 'America/New_York';
    const s = rotating(ny, '2026-03-01', '08:00', { unit: 'hours', count: 12 });
    assert.deepEqual(shiftsStartingBetween(s, ny, '2026-03-07T12:00', '2026-03-08T12:00'), ['2026-03-07T20:00-05:00 11h', '2026-03-08T08:00-04:00 12h']);
  });

  it('a three-day rotation hands off every third day at the wall time', () => {
    const s = rotating(zone, '2026-10-19', '09:00', { unit: 'days', count: 3 });
    assert.deepEqual(shiftsStartingBetween(s, zone, '2026-10-19', '2026-10-29'), [
      '2026-10-19T09:00+02:00 72h', '2026-10-22T09:00+02:00 73h', '2026-10-25T09:00+01:00 72h', '2026-10-28T09:00+01:00 72h',
    ]);
  });

  it('an hourly rotation skips the participant whose hand-off falls into the spring gap', () => {
    const ny = 'America/New_York';
    const s = rotating(ny, '2026-03-08', '00:00', { unit: 'hours', count: 1 }, ['h0', 'h1', 'h2', 'h3']);
    const shifts = onCallTimeline(s, local(ny, '2026-03-08T00:00'), local(ny, '2026-03-08T05:00'));
    assert.deepEqual(shifts.map((x) => `${x.personId} ${show(ny, x.startAt)}`), [
      'h0 2026-03-08T00:00-05:00', 'h1 2026-03-08T01:00-05:00', 'h3 2026-03-08T03:00-04:00', 'h0 2026-03-08T04:00-04:00',
    ]);
  });
});
