import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMs } from './instant.js';
import { formatInZone, zoneLabel } from './zoned-time.js';

describe('times in a person\'s zone', () => {
  const cases: [string, string, string][] = [
    ['2026-11-28T14:30:00Z', 'UTC', '2026-11-28 14:30 UTC'],
    ['2026-11-28T14:30:00Z', 'Europe/Berlin', '2026-11-28 15:30 CET'],
    ['2026-07-01T14:30:00Z', 'Europe/Berlin', '2026-07-01 16:30 CEST'],
    ['2026-11-28T14:30:00Z', 'America/New_York', '2026-11-28 09:30 EST'],
    ['2026-11-28T23:30:00Z', 'Asia/Kolkata', '2026-11-29 05:00 GMT+5:30'],
    ['2026-11-28T14:30:00Z', 'Europe/London', '2026-11-28 14:30 GMT'],
    ['2026-07-01T14:30:00Z', 'Europe/London', '2026-07-01 15:30 BST'],
  ];
  for (const [iso, zone, expected] of cases) {
    it(`reads ${iso} in ${zone} as ${expected}`, () => assert.equal(formatInZone(epochMs(Date.parse(iso)), zone), expected));
  }

  it('names the zone as it was at each side of a DST change', () => {
    // New York springs forward at 2026-03-08 07:00 UTC.
    assert.equal(zoneLabel(epochMs(Date.parse('2026-03-08T06:59:00Z')), 'America/New_York'), 'EST');
    assert.equal(zoneLabel(epochMs(Date.parse('2026-03-08T07:00:00Z')), 'America/New_York'), 'EDT');
    assert.equal(formatInZone(epochMs(Date.parse('2026-03-08T07:00:00Z')), 'America/New_York'), '2026-03-08 03:00 EDT');
  });
});
