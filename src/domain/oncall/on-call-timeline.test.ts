import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { epochMs } from '../time/index.js';
import { EVERY_DAY, onCallTimeline, whoIsOnCall, type Schedule } from './index.js';

// A busy schedule over both Sydney DST changes: an 8-hour rotation, a night layer crossing
// midnight with a hand-off inside the spring gap, and overrides (one conditional).
const zone = 'Australia/Sydney';
const at = (iso: string) => epochMs(DateTime.fromISO(iso, { zone }).toMillis());
const busy: Schedule = {
  id: 'busy', name: 'Busy',
  layers: [
    { id: 'base', name: 'Base', restrictions: [], rotation: { timeZone: zone, startDate: '2026-03-01', handOffTime: '07:00', length: { unit: 'hours', count: 8 }, participantIds: ['a', 'b', 'c'] } },
    { id: 'nights', name: 'Nights', restrictions: [{ days: EVERY_DAY, startTime: '23:00', endTime: '02:30' }], rotation: { timeZone: zone, startDate: '2026-03-01', handOffTime: '02:30', length: { unit: 'days', count: 1 }, participantIds: ['n', 'm'] } },
  ],
  overrides: [
    { id: 'o1', personId: 'x', startAt: at('2026-04-04T20:00'), endAt: at('2026-04-05T04:00') },
    { id: 'o2', personId: 'y', replacesPersonId: 'b', startAt: at('2026-10-03T00:00'), endAt: at('2026-10-05T00:00') },
  ],
};

describe('onCallTimeline', () => {
  for (const [from, to] of [['2026-04-03T00:00', '2026-04-07T00:00'], ['2026-10-02T00:00', '2026-10-06T00:00']] as const) {
    it(`agrees with whoIsOnCall at every minute-aligned quarter hour (${from.slice(0, 10)} … ${to.slice(0, 10)})`, () => {
      const shifts = onCallTimeline(busy, at(from), at(to));
      for (let t: number = at(from); t < at(to); t += 15 * 60_000) {
        const shift = shifts.find((s) => s.startAt <= t && t < s.endAt);
        assert.equal(shift?.personId, whoIsOnCall(busy, epochMs(t))?.personId, new Date(t).toISOString());
      }
    });
  }
  it('shifts are contiguous and never overlap while someone is on call', () => {
    const shifts = onCallTimeline(busy, at('2026-10-02T00:00'), at('2026-10-06T00:00'));
    for (let i = 1; i < shifts.length; i++) assert.equal(shifts[i]?.startAt, shifts[i - 1]?.endAt);
  });
  it('neighbouring shifts always differ in person, layer or override', () => {
    const shifts = onCallTimeline(busy, at('2026-04-03T00:00'), at('2026-04-07T00:00'));
    for (let i = 1; i < shifts.length; i++) {
      const [p, s] = [shifts[i - 1]!, shifts[i]!];
      assert.notDeepEqual([p.personId, p.layer, p.overrideId], [s.personId, s.layer, s.overrideId]);
    }
  });
  it('clips shifts to the requested range', () => {
    const shifts = onCallTimeline(busy, at('2026-06-01T12:00'), at('2026-06-01T13:00'));
    assert.deepEqual(shifts.map((s) => [s.startAt, s.endAt]), [[at('2026-06-01T12:00'), at('2026-06-01T13:00')]]);
  });
  it('is empty for an empty range', () => assert.deepEqual(onCallTimeline(busy, at('2026-06-01T12:00'), at('2026-06-01T12:00')), []));
});
