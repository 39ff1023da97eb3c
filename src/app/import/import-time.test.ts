import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { restrictionsFor, turnFromSeconds, wallOfInstant } from './import-time.js';

describe('import time arithmetic', () => {
  it('cuts a window longer than a day into day-long restrictions', () => {
    // Monday 09:00 for 4 days and 8 hours: Mon–Thu 09:00–09:00, then Fri 09:00–17:00.
    assert.deepEqual(restrictionsFor([1], 9 * 60, 4 * 1440 + 480), [
      { days: ['mon', 'tue', 'wed', 'thu'], start: '09:00', end: '09:00' },
      { days: ['fri'], start: '09:00', end: '17:00' },
    ]);
    assert.deepEqual(restrictionsFor([1, 2, 3, 4, 5, 6, 7], 18 * 60, 14 * 60), [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '18:00', end: '08:00' }]);
    assert.equal(restrictionsFor([1, 2, 3, 4, 5, 6, 7], 0, 1440), 'always');
    assert.equal(restrictionsFor([3], 0, 7 * 1440), 'always');
  });

  it('reads turn lengths in weeks, days or hours, rounding the rest to whole hours', () => {
    assert.deepEqual(turnFromSeconds(604_800), { turn: 'weekly', unit: 'weeks', count: 1, isExact: true });
    assert.deepEqual(turnFromSeconds(2 * 86_400), { turn: '2 days', unit: 'days', count: 2, isExact: true });
    assert.deepEqual(turnFromSeconds(43_200), { turn: '12 hours', unit: 'hours', count: 12, isExact: true });
    assert.deepEqual(turnFromSeconds(5_400), { turn: '2 hours', unit: 'hours', count: 2, isExact: false });
  });

  it('reads an instant as the wall clock of a zone, on both sides of a DST change', () => {
    assert.equal(new Date(wallOfInstant('2026-11-01T05:30:00Z', 'America/New_York')!).toISOString(), '2026-11-01T01:30:00.000Z');
    assert.equal(new Date(wallOfInstant('2026-11-01T06:30:00Z', 'America/New_York')!).toISOString(), '2026-11-01T01:30:00.000Z');
    assert.equal(wallOfInstant('2026-11-01T01:30:00', 'America/New_York'), undefined);
  });
});
