import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_BUSINESS_CALENDAR } from '../calendar/index.js';
import { DEFAULT_SEVERITY_POLICY } from '../policy/index.js';
import { computeIncidentFacts, computeMonthMetrics } from '../reporting/index.js';
import { epochMs, MINUTE, type EpochMs } from '../time/index.js';
import { DEFAULT_WORKFLOWS } from '../workflow/index.js';
import {
  applyIncidentEvent, decideClose, decideDeclare, decideReopen, decideResolve, describeIncidentEvent,
  type DecisionContext, type IncidentEvent, type IncidentEventData, type IncidentState,
} from './index.js';

const T0 = epochMs(Date.parse('2026-11-28T14:30:00Z'));
const at = (m: number): EpochMs => epochMs(T0 + m * MINUTE);
const ctxAt = (now: EpochMs): DecisionContext => ({ now, policy: DEFAULT_SEVERITY_POLICY, calendar: DEFAULT_BUSINESS_CALENDAR, workflows: DEFAULT_WORKFLOWS });

function story(id: string) {
  const events: IncidentEvent[] = [];
  let state: IncidentState | undefined;
  const apply = (data: readonly IncidentEventData[], when: EpochMs) => {
    for (const d of data) {
      const e: IncidentEvent = { incidentId: id, version: (state?.version ?? 0) + 1, at: when, actor: 'dana', data: d };
      events.push(e);
      state = applyIncidentEvent(state, e);
    }
  };
  apply([decideDeclare({ severity: 'critical', incidentType: 'outage', environment: 'production', title: 'Checkout API down' }, ctxAt(T0))], T0);
  return { events, apply, get state() { return state!; } };
}

describe('an incident declared by mistake', () => {
  it('is resolved with its reason, says so on the timeline, and closes without a post-incident review', () => {
    const s = story('INC-2026-1128-001');
    s.apply(decideResolve(s.state, 'Synthetic check misfired; nothing was down', 'declared-by-mistake'), at(5));
    assert.equal(s.state.status, 'resolved');
    assert.equal(s.state.resolutionReason, 'declared-by-mistake');
    assert.equal(describeIncidentEvent(s.events.at(-1)!), 'closed as declared by mistake by dana: Synthetic check misfired; nothing was down (kept on record, left out of MTTR)');
    s.apply(decideClose(s.state, ['critical']), at(6));
    assert.equal(s.state.status, 'closed');
    assert.equal(s.events.length, 3, 'the record is kept');
  });

  it('still needs its review when it was really fixed, and reopening clears the reason', () => {
    const s = story('INC-2026-1128-002');
    s.apply(decideResolve(s.state, 'Rolled back'), at(5));
    assert.equal(s.state.resolutionReason, undefined);
    assert.throws(() => decideClose(s.state, ['critical']), /post-incident review/);
    const m = story('INC-2026-1128-003');
    m.apply(decideResolve(m.state, 'Wrong service', 'declared-by-mistake'), at(5));
    m.apply(decideReopen(m.state, 'It was real after all', ctxAt(at(7))), at(7));
    assert.equal(m.state.resolutionReason, undefined);
  });

  it('is counted in the month but left out of the time to resolve (MTTR)', () => {
    const fixed = story('INC-2026-1128-004');
    fixed.apply(decideResolve(fixed.state, 'Rolled back'), at(40));
    const mistaken = story('INC-2026-1128-005');
    mistaken.apply(decideResolve(mistaken.state, 'Duplicate of INC-2026-1128-004', 'declared-by-mistake'), at(2));
    const facts = [computeIncidentFacts(fixed.events), computeIncidentFacts(mistaken.events)];
    assert.equal(facts[1]!.resolveMs, undefined);
    const metrics = computeMonthMetrics(facts);
    assert.equal(metrics.total, 2);
    assert.equal(metrics.resolve.meanMs, 40 * MINUTE);
  });
});
