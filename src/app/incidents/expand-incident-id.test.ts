import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMs } from '../../domain/time/index.js';
import { expandActionItemRef, expandIncidentId } from './index.js';

const NOW = epochMs(Date.parse('2026-11-28T14:30:00Z'));
const NEW_YEAR = epochMs(Date.parse('2027-01-02T09:00:00Z'));

describe('expandIncidentId', () => {
  const cases: [typed: string, now: number, id: string][] = [
    ['INC-2026-1128-001', NOW, 'INC-2026-1128-001'],
    ['sec-2025-0101-012', NOW, 'SEC-2025-0101-012'],
    ['007', NOW, 'INC-2026-1128-007'],
    ['7', NOW, 'INC-2026-1128-007'],
    ['1234', NOW, 'INC-2026-1128-1234'],
    ['inc-007', NOW, 'INC-2026-1128-007'],
    ['SEC-007', NOW, 'SEC-2026-1128-007'],
    ['sec-3', NOW, 'SEC-2026-1128-003'],
    ['1126-002', NOW, 'INC-2026-1126-002'],
    ['SEC-1126-002', NOW, 'SEC-2026-1126-002'],
    ['2025-1206-007', NOW, 'INC-2025-1206-007'],
    [' 1128-001 ', NOW, 'INC-2026-1128-001'],
    // A day still ahead this year can only mean last year's.
    ['1231-004', NEW_YEAR, 'INC-2026-1231-004'],
    ['0102-001', NEW_YEAR, 'INC-2027-0102-001'],
    ['001', NEW_YEAR, 'INC-2027-0102-001'],
  ];
  for (const [typed, now, id] of cases) {
    it(`reads '${typed}' on ${new Date(now).toISOString().slice(0, 10)} as ${id}`, () => {
      assert.equal(expandIncidentId(typed, epochMs(now)), id);
    });
  }

  it('refuses what is neither an id nor a short form, naming the field and the short forms', () => {
    for (const bad of ['', 'INC', 'A1', '12-007', "007' or 1=1", 'INC-2026-1128', 'XYZ-007', '1234567']) {
      assert.throws(() => expandIncidentId(bad, NOW), (e: Error & { code?: string; issues?: { path: string }[] }) => {
        assert.equal(e.code, 'VALIDATION');
        assert.equal(e.issues?.[0]?.path, 'id');
        assert.match(e.message, /is not an incident id.*short form: 007 \(today, UTC\)/);
        return true;
      });
    }
  });

  it('refuses a month-day that is not a day', () => {
    assert.throws(() => expandIncidentId('1332-001', NOW), /'1332-001' is not an incident id: 1332 is not a day \(MMDD\)/);
    assert.throws(() => expandIncidentId('0229-001', NOW), /0229 is not a day of 2026/);
    assert.equal(expandIncidentId('2028-0229-001', NOW), 'INC-2028-0229-001');
  });
});

describe('expandActionItemRef', () => {
  it('expands the incident part of an action item reference', () => {
    assert.equal(expandActionItemRef('007-a1', NOW), 'INC-2026-1128-007-A1');
    assert.equal(expandActionItemRef('SEC-1127-002-A12', NOW), 'SEC-2026-1127-002-A12');
    assert.equal(expandActionItemRef('INC-2026-1128-001-A1', NOW), 'INC-2026-1128-001-A1');
    assert.throws(() => expandActionItemRef('007', NOW), /is not an action item.*007-A1/);
  });
});
