import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAppError } from '../errors/index.js';
import { epochMs, type EpochMs } from '../time/index.js';
import { DEFAULT_WORKFLOWS } from '../workflow/index.js';
import { applyIncidentEvent, decideImpactAssessment, decideSatisfaction, describeImpact, satisfactionOf, type IncidentEvent, type IncidentEventData, type IncidentState } from './index.js';

const T0 = Date.parse('2026-12-06T14:00:00Z');
const at = (min: number): EpochMs => epochMs(T0 + min * 60_000);

function declared(): IncidentState {
  return applyIncidentEvent(undefined, {
    incidentId: 'INC-2026-1206-001', version: 1, at: at(0), actor: 'alice',
    data: { kind: 'declared', title: 'Checkout down', severity: 'critical', incidentType: 'outage', environment: 'production', service: 'checkout', responseDueAt: at(5), nextUpdateDueAt: at(15), workflow: DEFAULT_WORKFLOWS.outage, impactStartedAt: at(-10) },
  });
}

function apply(state: IncidentState, data: IncidentEventData, minute: number, actor = 'bob'): IncidentState {
  const e: IncidentEvent = { incidentId: state.id, version: state.version + 1, at: at(minute), actor, data };
  return applyIncidentEvent(state, e);
}

const invalid = (fn: () => unknown, path: string) => assert.throws(fn, (e) => isAppError(e) && e.code === 'VALIDATION' && e.issues.some((i) => i.path === path));

test('an assessment keeps the last figure of each kind, and costs the minutes of impact from its start', () => {
  let s = declared();
  const [first] = decideImpactAssessment(s, { customersAffected: 12_000, customersTotal: 50_000, revenuePerMinute: 850, currency: 'USD' });
  s = apply(s, first!, 20);
  const [second] = decideImpactAssessment(s, { customersAffected: 18_000, note: 'EU and US checkout' });
  s = apply(s, second!, 30);
  assert.deepEqual({ ...s.impact }, { customersAffected: 18_000, customersTotal: 50_000, revenuePerMinute: 850, currency: 'USD', note: 'EU and US checkout', source: 'entered', assessedAt: at(30), assessedBy: 'bob' });
  const now = describeImpact(s, { currency: 'EUR' }, at(35))!;
  assert.equal(now.minutes, 45);
  assert.equal(now.cost, 38_250);
  assert.equal(now.isFinal, false);
  assert.equal(now.text, '18,000 of 50,000 customers affected (36%); USD 850/min at risk; USD 38,250 over 45 min so far; EU and US checkout');
  s = apply(s, { kind: 'resolved', summary: 'pool restored' }, 65);
  const final = describeImpact(s, { currency: 'EUR' }, at(999))!;
  assert.equal(final.minutes, 75);
  assert.equal(final.cost, 63_750);
  assert.equal(final.isFinal, true);
});

test('configured figures fill what an assessment leaves out; nothing known is no impact', () => {
  const s = declared();
  assert.equal(describeImpact(s, { currency: 'USD' }, at(20)), undefined);
  const configured = describeImpact(s, { currency: 'EUR', revenuePerMinute: 100, customersTotal: 900 }, at(20))!;
  assert.equal(configured.text, 'EUR 100/min at risk; EUR 3,000 over 30 min so far');
  assert.equal(configured.customersTotal, 900);
});

test('bad figures are refused naming the field', () => {
  const s = declared();
  invalid(() => decideImpactAssessment(s, { customersAffected: -1 }), 'customersAffected');
  invalid(() => decideImpactAssessment(s, { customersAffected: 2.5 }), 'customersAffected');
  invalid(() => decideImpactAssessment(s, { revenuePerMinute: Number.NaN }), 'revenuePerMinute');
  invalid(() => decideImpactAssessment(s, { currency: 'usd' }), 'currency');
  invalid(() => decideImpactAssessment(s, { customersAffected: 10, customersTotal: 5 }), 'customersAffected');
  invalid(() => decideImpactAssessment(s, {}), 'customersAffected');
});

test('survey answers: only after resolution, 1 to 5, a respondent\'s last answer counts', () => {
  let s = declared();
  assert.throws(() => decideSatisfaction(s, 4, 'r1'), (e) => isAppError(e) && e.code === 'INVALID_TRANSITION');
  s = apply(s, { kind: 'resolved', summary: 'fixed' }, 40);
  invalid(() => decideSatisfaction(s, 6, 'r1'), 'score');
  invalid(() => decideSatisfaction(s, 0, 'r1'), 'score');
  for (const [score, who] of [[2, 'r1'], [5, 'r2'], [4, 'r1']] as const) s = apply(s, decideSatisfaction(s, score, who)[0]!, 50, 'customer survey');
  assert.deepEqual(satisfactionOf(s), { count: 2, sum: 9 });
});
