import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_BUSINESS_CALENDAR } from '../calendar/index.js';
import {
  applyIncidentEvent, decideDeclare, decideImpactAssessment, decideResolve, decideSatisfaction,
  type DecisionContext, type IncidentEvent, type IncidentEventData, type IncidentState,
} from '../incident/index.js';
import { DEFAULT_SEVERITY_POLICY } from '../policy/index.js';
import { MINUTE, epochMs, type EpochMs } from '../time/index.js';
import { DEFAULT_WORKFLOWS } from '../workflow/index.js';
import { advanceReportFacts, computeIncidentFacts, computeMonthlyReport, computeReportMonth, factsFromReportRow, previousReportMonth } from './index.js';

const ctx = (now: EpochMs): DecisionContext => ({ now, policy: DEFAULT_SEVERITY_POLICY, calendar: DEFAULT_BUSINESS_CALENDAR, workflows: DEFAULT_WORKFLOWS });

function story(id: string, iso: string, service: string, steps: [number, (s: IncidentState) => IncidentEventData[]][]): IncidentEvent[] {
  const at = epochMs(Date.parse(iso));
  const events: IncidentEvent[] = [{ incidentId: id, version: 1, at, actor: 'alice', data: decideDeclare({ severity: 'high', incidentType: 'outage', environment: 'production', service }, ctx(at)) }];
  let state = applyIncidentEvent(undefined, events[0]!);
  for (const [minutes, decide] of steps) {
    for (const data of decide(state)) {
      const e: IncidentEvent = { incidentId: id, version: state.version + 1, at: epochMs(at + minutes * MINUTE), actor: 'bob', data };
      state = applyIncidentEvent(state, e);
      events.push(e);
    }
  }
  return events;
}

const resolve = (s: IncidentState) => decideResolve(s, 'fixed');
const rate = (score: number, who: string) => (s: IncidentState) => decideSatisfaction(s, score, who);

describe('the monthly report\'s customer satisfaction and business impact', () => {
  const month = computeReportMonth('2026-12', 'UTC');
  const histories = [
    // November: one answer of 3.
    story('INC-2026-1110-001', '2026-11-10T10:00:00Z', 'search', [[30, resolve], [60, rate(3, 'x')]]),
    // December: assessed checkout outage, 40 minutes at 850/min; answers 5 and 4 (the 2 replaced by 4).
    story('INC-2026-1203-001', '2026-12-03T10:00:00Z', 'checkout', [
      [5, (s) => decideImpactAssessment(s, { customersAffected: 12_000, revenuePerMinute: 850, currency: 'USD' })],
      [40, resolve], [60, rate(5, 'a')], [61, rate(2, 'b')], [62, rate(4, 'b')],
    ]),
    // December: no assessment, costed by the configured 100/min for search over 20 minutes.
    story('INC-2026-1204-001', '2026-12-04T10:00:00Z', 'search', [[20, resolve]]),
  ];
  const defaults = (service: string | undefined) => ({ currency: 'USD', ...(service === 'search' ? { revenuePerMinute: 100 } : {}) });
  const input = { month, previousMonth: previousReportMonth(month), generatedAt: epochMs(Date.parse('2026-12-31T00:00:00Z')), impactDefaults: defaults };

  it('averages each respondent\'s last answer and compares with the previous month', () => {
    const r = computeMonthlyReport({ ...input, incidents: histories.map(computeIncidentFacts) });
    assert.deepEqual(r.satisfaction, { scores: 2, average: 4.5, previousAverage: 3, text: '4.5/5.0 (+1.5 vs. November) from 2 answers' });
  });

  it('adds up the cost of assessed and configured incidents, and the customers affected', () => {
    const r = computeMonthlyReport({ ...input, incidents: histories.map(computeIncidentFacts) });
    assert.deepEqual(r.impact, { incidents: 2, customersAffected: 12_000, cost: 850 * 40 + 100 * 20, currency: 'USD', text: 'USD 36,000 revenue at risk, 12,000 customers affected across 2 incidents' });
  });

  it('the projection row gives the same report as the events', () => {
    const rows = histories.map((events) => factsFromReportRow(advanceReportFacts(undefined, events, events.reduce<IncidentState | undefined>((s, e) => applyIncidentEvent(s, e), undefined)!)));
    const fromRows = computeMonthlyReport({ ...input, incidents: rows });
    const fromEvents = computeMonthlyReport({ ...input, incidents: histories.map(computeIncidentFacts) });
    assert.deepEqual(fromRows.satisfaction, fromEvents.satisfaction);
    assert.deepEqual(fromRows.impact, fromEvents.impact);
  });

  it('says so when nothing was answered or assessed', () => {
    const r = computeMonthlyReport({ ...input, impactDefaults: () => ({ currency: 'EUR' }), incidents: [computeIncidentFacts(histories[2]!)] });
    assert.equal(r.satisfaction.text, 'no survey answers this month');
    assert.equal(r.impact.text, 'no impact assessed or configured');
  });
});
