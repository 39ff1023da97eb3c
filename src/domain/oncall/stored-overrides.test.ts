import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMs } from '../time/index.js';
import { checkOverride, withStoredOverrides, type StoredOverride } from './stored-overrides.js';
import { parseWallInstant } from './parse-wall-instant.js';
import { whoIsOnCall } from './who-is-on-call.js';
import type { Schedule } from './schedule.js';

const at = (iso: string) => epochMs(Date.parse(iso));

const schedule: Schedule = {
  id: 'primary',
  name: 'Primary',
  layers: [{ id: 'l1', name: 'Weekly', restrictions: [], rotation: { timeZone: 'Europe/Berlin', startDate: '2026-11-02', handOffTime: '09:00', length: { unit: 'weeks', count: 1 }, participantIds: ['alice', 'bob'] } }],
  // From the configuration file: carol covers the whole of 10 November.
  overrides: [{ id: 'yaml-1', personId: 'carol', startAt: at('2026-11-10T00:00:00Z'), endAt: at('2026-11-11T00:00:00Z') }],
};

function stored(partial: Partial<StoredOverride> & Pick<StoredOverride, 'id' | 'personId' | 'startAt' | 'endAt'>): StoredOverride {
  return { scheduleId: 'primary', note: '', createdBy: 'test', createdAt: epochMs(0), ...partial };
}

describe('stored overrides', () => {
  it('win over a configured override covering the same time', () => {
    const [merged] = withStoredOverrides([schedule], [stored({ id: 'db-1', personId: 'dave', startAt: at('2026-11-10T12:00:00Z'), endAt: at('2026-11-10T18:00:00Z') })]);
    assert.equal(whoIsOnCall(merged!, at('2026-11-10T13:00:00Z'))?.personId, 'dave');
    // Outside the stored override the configured one still decides, and outside both the rotation.
    assert.equal(whoIsOnCall(merged!, at('2026-11-10T08:00:00Z'))?.personId, 'carol');
    assert.equal(whoIsOnCall(merged!, at('2026-11-12T08:00:00Z'))?.personId, 'bob');
  });

  it('the one made last wins among stored overrides, whatever order they are read in', () => {
    const span = { startAt: at('2026-11-12T00:00:00Z'), endAt: at('2026-11-13T00:00:00Z') };
    const [merged] = withStoredOverrides([schedule], [
      stored({ id: 'b', personId: 'erin', createdAt: epochMs(2), ...span }),
      stored({ id: 'a', personId: 'dave', createdAt: epochMs(1), ...span }),
    ]);
    assert.equal(whoIsOnCall(merged!, at('2026-11-12T10:00:00Z'))?.personId, 'erin');
  });

  it('with --replaces applies only where the replaced person is on call', () => {
    const [merged] = withStoredOverrides([schedule], [stored({ id: 'r', personId: 'dave', replacesPersonId: 'alice', startAt: at('2026-11-02T00:00:00Z'), endAt: at('2026-11-20T00:00:00Z') })]);
    assert.equal(whoIsOnCall(merged!, at('2026-11-03T10:00:00Z'))?.personId, 'dave');
    assert.equal(whoIsOnCall(merged!, at('2026-11-12T10:00:00Z'))?.personId, 'bob');
  });

  it('leave schedules they do not name untouched', () => {
    const other = { ...schedule, id: 'other' };
    const merged = withStoredOverrides([schedule, other], [stored({ id: 'x', personId: 'dave', startAt: at('2026-11-12T00:00:00Z'), endAt: at('2026-11-13T00:00:00Z') })]);
    assert.equal(merged[1], other);
  });

  const people = [{ id: 'alice' }, { id: 'bob' }, { id: 'dave' }];
  const now = at('2026-11-01T00:00:00Z');
  const cases: { name: string; request: Parameters<typeof checkOverride>[0]; field?: string }[] = [
    { name: 'a valid override', request: { scheduleId: 'primary', personId: 'dave', startAt: at('2026-11-02T00:00Z'), endAt: at('2026-11-03T00:00Z') } },
    { name: 'an unknown schedule', request: { scheduleId: 'nope', personId: 'dave', startAt: at('2026-11-02T00:00Z'), endAt: at('2026-11-03T00:00Z') }, field: 'schedule' },
    { name: 'an unknown person', request: { scheduleId: 'primary', personId: 'zed', startAt: at('2026-11-02T00:00Z'), endAt: at('2026-11-03T00:00Z') }, field: 'person' },
    { name: 'replacing oneself', request: { scheduleId: 'primary', personId: 'dave', replacesPersonId: 'dave', startAt: at('2026-11-02T00:00Z'), endAt: at('2026-11-03T00:00Z') }, field: 'replaces' },
    { name: 'an end before the start', request: { scheduleId: 'primary', personId: 'dave', startAt: at('2026-11-03T00:00Z'), endAt: at('2026-11-02T00:00Z') }, field: 'to' },
    { name: 'an override already over', request: { scheduleId: 'primary', personId: 'dave', startAt: at('2026-10-02T00:00Z'), endAt: at('2026-10-03T00:00Z') }, field: 'to' },
    { name: 'more than 90 days', request: { scheduleId: 'primary', personId: 'dave', startAt: at('2026-11-02T00:00Z'), endAt: at('2027-03-02T00:00Z') }, field: 'to' },
  ];
  for (const c of cases) {
    it(`checkOverride: ${c.name}`, () => {
      const check = checkOverride(c.request, [schedule], people, now);
      if (c.field === undefined) assert.equal(check.ok, true);
      else assert.equal(check.ok ? undefined : check.field, c.field);
    });
  }
});

describe('parseWallInstant', () => {
  const table: { text: string; zone: string; at?: string; refused?: RegExp }[] = [
    { text: '2026-11-28T22:00Z', zone: 'America/New_York', at: '2026-11-28T22:00:00.000Z' },
    { text: '2026-11-28T22:00+01:00', zone: 'America/New_York', at: '2026-11-28T21:00:00.000Z' },
    { text: '2026-11-28 22:00', zone: 'Europe/Berlin', at: '2026-11-28T21:00:00.000Z' },
    { text: '2026-07-01 09:30', zone: 'Europe/Berlin', at: '2026-07-01T07:30:00.000Z' },
    { text: '2026-11-28', zone: 'Asia/Kolkata', at: '2026-11-27T18:30:00.000Z' },
    // Spring forward in New York: 02:00–03:00 on 8 March 2026 does not exist.
    { text: '2026-03-08 02:30', zone: 'America/New_York', refused: /does not exist in America\/New_York/ },
    { text: '2026-03-08 03:00', zone: 'America/New_York', at: '2026-03-08T07:00:00.000Z' },
    // Fall back in New York: 01:00–02:00 on 1 November 2026 happens twice.
    { text: '2026-11-01 01:30', zone: 'America/New_York', refused: /happens twice .* -04:00 for the first or -05:00 for the second/ },
    { text: '2026-11-01T01:30-05:00', zone: 'America/New_York', at: '2026-11-01T06:30:00.000Z' },
    // Berlin's fall back: 02:00–03:00 on 25 October 2026 happens twice.
    { text: '2026-10-25 02:30', zone: 'Europe/Berlin', refused: /\+02:00 for the first or \+01:00 for the second/ },
    { text: 'next tuesday', zone: 'Europe/Berlin', refused: /is not a time/ },
    { text: '2026-02-30 10:00', zone: 'Europe/Berlin', refused: /is not a time/ },
  ];
  for (const row of table) {
    it(`${row.text} in ${row.zone}`, () => {
      const parsed = parseWallInstant(row.text, row.zone);
      if (row.at !== undefined) assert.deepEqual(parsed.ok ? new Date(parsed.at).toISOString() : parsed.reason, row.at);
      else assert.match(parsed.ok ? 'accepted' : parsed.reason, row.refused!);
    });
  }
});
