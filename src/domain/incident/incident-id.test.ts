import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMs } from '../time/index.js';
import { formatIncidentId, incidentCounterKey, incidentDayKey, incidentIdPrefix, isIncidentId, parseIncidentId } from './index.js';

describe('incident ids', () => {
  const at = (iso: string) => epochMs(Date.parse(iso));
  const cases: [string, string][] = [
    ['2026-11-28T00:00:00.000Z', '2026-1128'],
    ['2026-11-28T23:59:59.999Z', '2026-1128'],
    ['2026-11-29T00:00:00.000Z', '2026-1129'],
    // 23:30 in New York on the 28th is already the 29th in UTC: numbering follows the UTC day.
    ['2026-11-28T23:30:00-05:00', '2026-1129'],
    ['2026-12-31T23:59:59.999Z', '2026-1231'],
    ['2027-01-01T00:00:00.000Z', '2027-0101'],
  ];
  for (const [instant, day] of cases) it(`${instant} belongs to day ${day}`, () => assert.equal(incidentDayKey(at(instant)), day));

  it('formats three digits and grows past 999', () => {
    assert.equal(formatIncidentId('2026-1128', 1), 'INC-2026-1128-001');
    assert.equal(formatIncidentId('2026-1128', 42), 'INC-2026-1128-042');
    assert.equal(formatIncidentId('2026-1128', 1000), 'INC-2026-1128-1000');
  });

  it('accepts ids in any case and rejects anything else', () => {
    assert.equal(parseIncidentId('inc-2026-1128-001'), 'INC-2026-1128-001');
    assert.throws(() => parseIncidentId('INC-001'), /expected INC-YYYY-MMDD-NNN/);
    assert.throws(() => parseIncidentId("INC-2026-1128-001' or 1=1"), /is not an incident id/);
  });
});

describe('security incident ids', () => {
  it('numbers incidents declared as security apart, as SEC-YYYY-MMDD-NNN', () => {
    assert.equal(incidentIdPrefix('security'), 'SEC');
    assert.equal(incidentIdPrefix('outage'), 'INC');
    assert.equal(formatIncidentId('2026-1128', 7, 'SEC'), 'SEC-2026-1128-007');
    assert.notEqual(incidentCounterKey('SEC', '2026-1128'), incidentCounterKey('INC', '2026-1128'));
    assert.equal(incidentCounterKey('INC', '2026-1128'), '2026-1128', 'the counters of existing databases keep counting');
  });

  it('accepts both prefixes in any case', () => {
    assert.equal(parseIncidentId('sec-2026-1128-001'), 'SEC-2026-1128-001');
    assert.ok(isIncidentId('SEC-2026-1128-001'));
    assert.throws(() => parseIncidentId('SECX-2026-1128-001'), /expected INC-YYYY-MMDD-NNN or SEC-YYYY-MMDD-NNN/);
  });
});
