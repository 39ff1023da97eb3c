import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_BUSINESS_CALENDAR } from '../calendar/index.js';
import {
  decideAcknowledge, decideDeclare, decideRecordAction, decideReopen, decideResolve, decideSeverityChange, type DecisionContext,
  type DeclareInput, type IncidentEvent, type IncidentEventData, type IncidentState, applyIncidentEvent,
} from '../incident/index.js';
import { DEFAULT_SEVERITY_POLICY } from '../policy/index.js';
import { MINUTE, durationMs, epochMs, type EpochMs } from '../time/index.js';
import { DEFAULT_WORKFLOWS } from '../workflow/index.js';
import {
  computeIncidentFacts, computeMonthlyReport, computeReportMonth, computeTrend, previousReportMonth, summarizeDurations, type IncidentFacts,
} from './index.js';

const ctx = (now: EpochMs): DecisionContext => ({ now, policy: DEFAULT_SEVERITY_POLICY, calendar: DEFAULT_BUSINESS_CALENDAR, workflows: DEFAULT_WORKFLOWS });
const utc = (iso: string) => epochMs(Date.parse(iso));

/** A little story of one incident: `steps` are [minutes after declaration, decide]. */
function story(id: string, declaredIso: string, input: Partial<DeclareInput>, steps: [number, (s: IncidentState, c: DecisionContext) => IncidentEventData[]][] = []): IncidentEvent[] {
  const at = utc(declaredIso);
  const events: IncidentEvent[] = [{ incidentId: id, version: 1, at, actor: 'alice', data: decideDeclare({ severity: 'critical', incidentType: 'outage', environment: 'production', ...input }, ctx(at)) }];
  let state = applyIncidentEvent(undefined, events[0]!);
  for (const [minutes, decide] of steps) {
    const when = epochMs(at + minutes * MINUTE);
    for (const data of decide(state, ctx(when))) {
      const e: IncidentEvent = { incidentId: id, version: state.version + 1, at: when, actor: 'bob', data };
      state = applyIncidentEvent(state, e);
      events.push(e);
    }
  }
  return events;
}

const ack = (s: IncidentState) => decideAcknowledge(s);
const resolve = (s: IncidentState) => decideResolve(s, 'fixed');

describe('summarizeDurations', () => {
  const table: [number[], number | null, number | null][] = [
    [[], null, null],
    [[10], 10, 10],
    [[30, 10, 20], 20, 20],
    [[1, 2, 3, 10], 4, 2.5],
  ];
  for (const [values, mean, median] of table) {
    it(`mean ${mean} and median ${median} of [${values.join(', ')}]`, () => {
      const s = summarizeDurations(values.map(durationMs));
      assert.deepEqual(s, { count: values.length, meanMs: mean, medianMs: median });
    });
  }
});

describe('computeReportMonth', () => {
  it('draws UTC months from midnight to midnight, and knows the previous month across a year', () => {
    const jan = computeReportMonth('2027-01');
    assert.equal(jan.startAt, utc('2027-01-01T00:00:00Z'));
    assert.equal(jan.endAt, utc('2027-02-01T00:00:00Z'));
    assert.equal(jan.label, 'January 2027');
    const dec = previousReportMonth(jan);
    assert.equal(dec.key, '2026-12');
    assert.equal(dec.endAt, jan.startAt);
  });

  it('draws months in another zone at local midnight', () => {
    const nov = computeReportMonth('2026-11', 'Europe/Berlin');
    assert.equal(nov.startAt, utc('2026-10-31T23:00:00Z'));
    assert.equal(nov.endAt, utc('2026-11-30T23:00:00Z'));
  });

  for (const bad of ['2026-13', '2026-1', 'November', '']) {
    it(`refuses '${bad}'`, () => assert.throws(() => computeReportMonth(bad), /month must look like 2026-11/));
  }
});

describe('computeIncidentFacts', () => {
  it('measures detection, first acknowledgement and resolution from declaration', () => {
    const f = computeIncidentFacts(story('A', '2026-11-10T10:00:00Z', { impactStartedAt: utc('2026-11-10T09:52:00Z') }, [[5, ack], [90, resolve]]));
    assert.equal(f.detectMs, 8 * MINUTE);
    assert.equal(f.acknowledgeMs, 5 * MINUTE);
    assert.equal(f.resolveMs, 90 * MINUTE);
    assert.equal(f.isResponseMet, true, 'SEV-1 target is 15 minutes');
    assert.equal(f.isWithinSla, true);
  });

  it('keeps the first acknowledgement of a reopened incident and its last resolution', () => {
    const f = computeIncidentFacts(story('B', '2026-11-10T10:00:00Z', {}, [[5, ack], [30, resolve], [60, (s, c) => decideReopen(s, 'came back', c)], [70, ack], [120, resolve]]));
    assert.equal(f.acknowledgeMs, 5 * MINUTE);
    assert.equal(f.resolveMs, 120 * MINUTE);
    assert.equal(f.state.reopenCount, 1);
    assert.equal(f.isWithinSla, true);
  });

  it('counts a reopened incident that is open again as unresolved', () => {
    const f = computeIncidentFacts(story('C', '2026-11-10T10:00:00Z', {}, [[5, ack], [30, resolve], [60, (s, c) => decideReopen(s, undefined, c)]]));
    assert.equal(f.resolveMs, undefined);
    assert.equal(f.isResolved, false);
    assert.equal(f.isWithinSla, false, 'within SLA needs the incident resolved');
  });

  it('misses the response target when acknowledged late, even if resolved', () => {
    const f = computeIncidentFacts(story('D', '2026-11-10T10:00:00Z', {}, [[20, ack], [30, resolve]]));
    assert.equal(f.isResponseMet, false);
    assert.equal(f.isWithinSla, false);
  });

  it('judges the response against the target of a severity changed before it', () => {
    const f = computeIncidentFacts(story('E', '2026-11-10T10:00:00Z', {}, [[2, (s, c) => decideSeverityChange(s, 'high', 'smaller', c)], [40, ack], [50, resolve]]));
    assert.equal(f.isResponseMet, true, 'SEV-2 allows an hour');
  });

  it('has no detection time without an impact start, and lists completed actions', () => {
    const f = computeIncidentFacts(story('F', '2026-11-10T10:00:00Z', {}, [
      [3, (s) => decideRecordAction(s, { action: 'collect_logs()', status: 'running' })],
      [4, (s) => decideRecordAction(s, { action: 'collect_logs()', status: 'done' })],
    ]));
    assert.equal(f.detectMs, undefined);
    assert.deepEqual(f.completedActions.map((a) => a.action), ['collect_logs()']);
  });
});

describe('computeTrend', () => {
  const table: [Parameters<typeof computeTrend>, string, string][] = [
    [['response', 85, 100, 'October'], 'improved', 'Response time improved by 15% vs. October'],
    [['detection', 122, 100, 'October'], 'worse', 'Detection time worsened by 22% vs. October'],
    [['resolution', 100, 100, 'October'], 'unchanged', 'Resolution time unchanged vs. October'],
    [['response', 10, null, 'October'], 'no-data', 'Response time: no data for October to compare'],
    [['response', null, 10, 'October'], 'no-data', 'Response time: no data for this month to compare'],
    [['sla', 0.87, 0.8, 'October'], 'improved', 'Share resolved within SLA improved by 7 points vs. October'],
    [['sla', 0.5, 0.75, 'October'], 'worse', 'Share resolved within SLA worsened by 25 points vs. October'],
    [['resolution', 5, 0, 'October'], 'worse', 'Resolution time worsened vs. October (was zero)'],
  ];
  for (const [args, direction, text] of table) {
    it(text, () => {
      const t = computeTrend(...args);
      assert.equal(t.direction, direction);
      assert.equal(t.text, text);
    });
  }
});

describe('computeMonthlyReport', () => {
  const nov = computeReportMonth('2026-11');
  const oct = previousReportMonth(nov);
  const report = (incidents: IncidentFacts[]) => computeMonthlyReport({ month: nov, previousMonth: oct, incidents, generatedAt: utc('2026-12-01T08:00:00Z') });

  it('places incidents by declaration time, with the first and last millisecond of the month inside', () => {
    const r = report([
      computeIncidentFacts(story('last-oct', '2026-10-31T23:59:59.999Z', {})),
      computeIncidentFacts(story('first-nov', '2026-11-01T00:00:00.000Z', {})),
      computeIncidentFacts(story('last-nov', '2026-11-30T23:59:59.999Z', {})),
      computeIncidentFacts(story('first-dec', '2026-12-01T00:00:00.000Z', {})),
    ]);
    assert.deepEqual(r.incidents.map((i) => i.id), ['first-nov', 'last-nov']);
    assert.equal(r.previous.total, 1);
  });

  it('totals by severity, averages, SLA share, and compares with the previous month', () => {
    const r = report([
      computeIncidentFacts(story('o1', '2026-10-05T10:00:00Z', {}, [[10, ack], [120, resolve]])),
      computeIncidentFacts(story('n1', '2026-11-05T10:00:00Z', { impactStartedAt: utc('2026-11-05T09:50:00Z') }, [[4, ack], [60, resolve]])),
      computeIncidentFacts(story('n2', '2026-11-06T10:00:00Z', { severity: 'medium', service: 'search' }, [[12, ack], [180, resolve]])),
      computeIncidentFacts(story('n3', '2026-11-07T10:00:00Z', { severity: 'low', incidentType: 'performance', environment: 'staging' }, [[20, ack]])),
    ]);
    assert.equal(r.current.total, 3);
    assert.deepEqual(r.current.bySeverity, { critical: 1, high: 0, medium: 1, low: 1 });
    assert.deepEqual(r.current.detect, { count: 1, meanMs: 10 * MINUTE, medianMs: 10 * MINUTE });
    assert.deepEqual(r.current.acknowledge, { count: 3, meanMs: 12 * MINUTE, medianMs: 12 * MINUTE });
    assert.deepEqual(r.current.resolve, { count: 2, meanMs: 120 * MINUTE, medianMs: 120 * MINUTE });
    assert.equal(r.current.withinSla, 2, 'n3 met its response target but is not resolved');
    assert.equal(r.current.slaShare, 2 / 3);
    const texts = r.trends.map((t) => t.text);
    assert.ok(texts.includes('Response time worsened by 20% vs. October'), texts.join(' / '));
    assert.ok(texts.includes('Resolution time unchanged vs. October'), texts.join(' / '));
    assert.ok(texts.includes('Detection time: no data for October to compare'), texts.join(' / '));
    assert.deepEqual(r.breakdowns.type.map((b) => [b.key, b.total]), [['outage', 2], ['performance', 1]]);
    assert.deepEqual(r.breakdowns.service.map((b) => b.key), ['(none)', 'search']);
    assert.equal(r.satisfaction.text, 'no survey answers this month');
  });

  it('says there is nothing to compare when the previous month is empty', () => {
    const r = report([computeIncidentFacts(story('n1', '2026-11-05T10:00:00Z', {}, [[4, ack], [60, resolve]]))]);
    assert.equal(r.previous.total, 0);
    assert.equal(r.previous.slaShare, null);
    assert.ok(r.trends.every((t) => t.direction === 'no-data'));
    assert.match(r.trends.find((t) => t.metric === 'sla')!.text, /no data for October/);
  });

  it('has no shares or means for an empty month', () => {
    const r = report([]);
    assert.equal(r.current.total, 0);
    assert.equal(r.current.slaShare, null);
    assert.equal(r.current.resolve.meanMs, null);
    assert.deepEqual(r.incidents, []);
  });

  it('counts actions completed inside the month, whichever month their incident was declared in', () => {
    const r = report([
      computeIncidentFacts(story('o1', '2026-10-31T20:00:00Z', {}, [[24 * 60, (s) => decideRecordAction(s, { action: 'rotate_keys()', status: 'done' })]])),
      computeIncidentFacts(story('n1', '2026-11-05T10:00:00Z', {}, [[5, (s) => decideRecordAction(s, { action: 'restart()', status: 'failed' })], [60, resolve]])),
    ]);
    assert.equal(r.improvements.actionsCompleted, 1);
    assert.equal(r.improvements.actions[0]!.incidentId, 'o1');
    assert.deepEqual(r.improvements.resolutions, [{ incidentId: 'n1', summary: 'fixed' }]);
  });
});
