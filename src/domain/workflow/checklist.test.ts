import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INCIDENT_TYPES } from '../classification/index.js';
import { epochMs, MINUTE } from '../time/index.js';
import { computeChecklist, DEFAULT_WORKFLOWS, findStep } from './index.js';

const T0 = epochMs(Date.parse('2026-11-28T14:30:00Z'));
const at = (m: number) => epochMs(T0 + m * MINUTE);

describe('workflows', () => {
  it('every type has phases in order, unique step keys and at least three phases of concrete steps', () => {
    for (const type of INCIDENT_TYPES) {
      const w = DEFAULT_WORKFLOWS[type];
      assert.equal(w.type, type);
      assert.ok(w.phases.length >= 3, type);
      const keys = w.phases.flatMap((p) => p.steps.map((s) => s.key));
      assert.equal(new Set(keys).size, keys.length, `${type} has duplicate step keys`);
      for (const [i, p] of w.phases.entries()) {
        assert.ok(p.steps.length >= 3, `${type}/${p.key}`);
        const next = w.phases[i + 1];
        if (next) assert.equal(p.endMin, next.startMin, `${type}/${p.key} must end where the next phase starts`);
      }
    }
  });

  it('the outage workflow has the documented windows: 0–15, 15–60, resolution after', () => {
    const c = computeChecklist(DEFAULT_WORKFLOWS.outage, T0, {}, T0, true);
    assert.deepEqual(c.phases.map((p) => [p.title, p.window]), [
      ['Immediate Actions', '0–15 min'], ['Investigation Phase', '15–60 min'], ['Resolution Phase', 'from 60 min (varies)'],
    ]);
    assert.equal(new Date(c.phases[0]!.endsAt!).toISOString(), '2026-11-28T14:45:00.000Z');
    assert.equal(c.phases[2]!.endsAt, undefined);
  });

  it('the security workflow has 0–30 min, 30 min–2 h, 2–24 h', () => {
    const c = computeChecklist(DEFAULT_WORKFLOWS.security, T0, {}, T0, true);
    assert.deepEqual(c.phases.map((p) => p.window), ['0–30 min', '30 min–2 h', '2–24 h']);
  });

  it('the data workflow starts by stopping the writes and snapshotting', () => {
    const first = DEFAULT_WORKFLOWS.data.phases[0]!.steps.map((s) => s.key);
    assert.deepEqual(first.slice(0, 2), ['stop-writes', 'snapshot']);
  });
});

describe('checklist', () => {
  it('marks open steps of a finished phase overdue, and nothing in a phase still running', () => {
    const c = computeChecklist(DEFAULT_WORKFLOWS.outage, T0, { 'confirm-scope': { at: at(3), by: 'bob' } }, at(20), true);
    assert.deepEqual(c.phases[0]!.steps.map((s) => s.status), ['done', 'overdue', 'overdue', 'overdue', 'overdue']);
    assert.ok(c.phases[1]!.steps.every((s) => s.status === 'open'));
    assert.deepEqual([c.done, c.total, c.overdue], [1, 15, 4]);
  });
  it('at exactly the end of a phase nothing is overdue yet', () => {
    const c = computeChecklist(DEFAULT_WORKFLOWS.outage, T0, {}, at(15), true);
    assert.equal(c.overdue, 0);
  });
  it('a resolved incident has no overdue steps', () => {
    const c = computeChecklist(DEFAULT_WORKFLOWS.outage, T0, {}, at(600), false);
    assert.equal(c.overdue, 0);
  });
  it('finds steps by key and by number and explains unknown ones', () => {
    assert.equal(findStep(DEFAULT_WORKFLOWS.outage, '1.3').stepKey, 'establish-comms');
    assert.equal(findStep(DEFAULT_WORKFLOWS.outage, 'Primary-Fix').stepKey, 'primary-fix');
    assert.throws(() => findStep(DEFAULT_WORKFLOWS.outage, '9.9'), /unknown step '9.9' in the outage workflow/);
  });
});
