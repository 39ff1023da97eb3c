import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMs } from '../time/index.js';
import { findShiftStart, onCallTimeline, type Schedule } from './index.js';

const utc = (iso: string) => epochMs(Date.parse(`${iso}Z`));
const schedule: Schedule = {
  id: 's', name: 'S',
  layers: [{ id: 'l', name: 'L', restrictions: [], rotation: { timeZone: 'UTC', startDate: '2026-11-01', handOffTime: '09:00', length: { unit: 'days', count: 1 }, participantIds: ['a', 'b'] } }],
  overrides: [{ id: 'o', personId: 'x', startAt: utc('2026-11-10T12:00'), endAt: utc('2026-11-10T18:00') }],
};
const alone: Schedule = { ...schedule, layers: [{ ...schedule.layers[0]!, rotation: { ...schedule.layers[0]!.rotation, participantIds: ['a'] } }], overrides: [] };

describe('findShiftStart', () => {
  const table: [string, Schedule, string, string | undefined][] = [
    ['mid-turn: the hand-off that began it', schedule, '2026-11-05T20:00', '2026-11-05T09:00'],
    ['at the hand-off itself', schedule, '2026-11-05T09:00', '2026-11-05T09:00'],
    ['during an override: its start', schedule, '2026-11-10T15:00', '2026-11-10T12:00'],
    ['after an override: when it ended', schedule, '2026-11-10T20:00', '2026-11-10T18:00'],
    ['one participant for weeks: the first hand-off', alone, '2027-02-01T00:00', '2026-11-01T09:00'],
    ['before the rotation starts: nobody', schedule, '2026-10-01T00:00', undefined],
  ];
  for (const [name, s, at, expected] of table) {
    it(name, () => assert.equal(findShiftStart(s, utc(at)), expected === undefined ? undefined : utc(expected)));
  }
  it('is where a timeline from far back has its shift in progress start', () => {
    for (let t: number = utc('2026-11-02T00:00'); t < utc('2026-11-12T00:00'); t += 5 * 3_600_000) {
      const shift = onCallTimeline(schedule, utc('2026-11-01T00:00'), epochMs(t + 1)).at(-1);
      assert.equal(findShiftStart(schedule, epochMs(t)), shift?.startAt, new Date(t).toISOString());
    }
  });
});
