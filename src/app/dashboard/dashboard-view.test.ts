import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncidentType } from '../../domain/classification/index.js';
import { epochMs } from '../../domain/time/index.js';
import type { FeedEvent, IncidentSummaryDto } from '../incidents/index.js';
import { composeDashboard, describeElapsed, metricHintsOf } from './index.js';

const NOW = Date.parse('2026-12-06T14:32:00Z');

function incident(id: string, severity: string, declaredAt: string, responseState = 'running', updateState = 'running'): IncidentSummaryDto {
  return {
    id, title: `${id} title`, severity, severityLabel: `SEV-${['critical', 'high', 'medium', 'low'].indexOf(severity) + 1}`, type: 'outage', environment: 'production', service: 'checkout', status: 'investigating',
    publicStatus: 'investigating', declaredAt, acknowledgedAt: null, resolvedAt: null, lastUpdateAt: null, commander: null,
    clocks: { response: { dueAt: declaredAt, state: responseState, metAt: null }, nextUpdate: { dueAt: null, state: updateState } },
    complianceFlagCount: 0, asOf: declaredAt,
  };
}

function feed(seq: number, incidentId: string, kind: string, at: string, text: string): FeedEvent {
  return { seq, incidentId, incidentType: 'outage' as IncidentType, entry: { seq, version: seq, at, actor: 'x', kind, text } as FeedEvent['entry'] };
}

test('active incidents come most urgent first: severity, then a breached clock, then the oldest', () => {
  const view = composeDashboard({
    now: epochMs(NOW),
    incidents: [
      incident('INC-5', 'medium', '2026-12-06T10:00:00Z'),
      incident('INC-4', 'high', '2026-12-06T14:00:00Z'),
      incident('INC-3', 'high', '2026-12-06T14:10:00Z', 'overdue'),
      incident('INC-2', 'critical', '2026-12-06T13:47:00Z'),
      incident('INC-1', 'high', '2026-12-06T12:32:00Z'),
    ],
    activity: [], health: undefined, isHealthConfigured: false, metricHints: {},
  });
  assert.deepEqual(view.activeIncidents.map((i) => i.id), ['INC-2', 'INC-3', 'INC-1', 'INC-4', 'INC-5']);
  assert.equal(view.activeIncidents[0]!.elapsed, '45 minutes');
  assert.equal(view.activeIncidents[2]!.elapsed, '2 hours');
  assert.equal(view.activeIncidents[1]!.isResponseBreached, true);
  assert.deepEqual(view.counts, { critical: 1, high: 3, medium: 1, low: 0 });
  assert.deepEqual(view.health, { isConfigured: false, groups: [] });
});

test('anomalies mix alerts, changes and rule firings newest first; remediation only of active incidents', () => {
  const view = composeDashboard({
    now: epochMs(NOW),
    incidents: [incident('INC-1', 'critical', '2026-12-06T14:00:00Z')],
    activity: [
      feed(1, 'INC-1', 'alert-linked', '2026-12-06T14:25:00Z', 'Spike in database connection errors'),
      feed(2, 'INC-0', 'action-recorded', '2026-12-06T14:26:00Z', 'rollback of a resolved incident'),
      feed(3, 'INC-1', 'action-recorded', '2026-12-06T14:27:00Z', 'Database connection pool increased'),
      feed(4, 'INC-1', 'change-noted', '2026-12-06T14:30:00Z', 'Customer report surge'),
    ],
    health: { at: epochMs(NOW - 5000), samples: { error_rate: 12.3 }, baselines: { error_rate: 4.2 }, recentFirings: [{ rule: 'high_error_rate', at: epochMs(Date.parse('2026-12-06T14:28:00Z')), holding: ['error_rate > 5%'] }] },
    isHealthConfigured: true, metricHints: {},
  });
  assert.deepEqual(view.anomalies.map((a) => a.text), ['Customer report surge', 'rule high_error_rate fired: error_rate > 5%', 'Spike in database connection errors']);
  assert.deepEqual(view.remediation.map((a) => a.text), ['Database connection pool increased']);
  assert.equal(view.health.groups[0]!.rows[0]!.text, 'Error rate: 12.3% (↑ 8.1% from baseline)');
  assert.equal(view.health.at, '2026-12-06T14:31:55.000Z');
});

test('elapsed time reads as the product writes it', () => {
  assert.equal(describeElapsed(20_000), 'under a minute');
  assert.equal(describeElapsed(60_000), '1 minute');
  assert.equal(describeElapsed(3 * 3_600_000 + 5 * 60_000), '3 hours 5 minutes');
  assert.equal(describeElapsed(52 * 3_600_000), '2 days 4 hours');
});

test('health checks show as external dependencies named after the check', () => {
  const hints = metricHintsOf({
    rulesFile: 'r.yaml', intervalMs: 1 as never, pushMaxAgeMs: 1 as never, allowPrivateAddresses: [], evidenceDir: 'e', logSources: [], remediation: {},
    prometheus: { url: 'http://p', timeoutMs: 1 as never, metrics: [{ metric: 'pg_errors', query: 'x', hints: { group: 'database', unit: 'number' } }] },
    healthChecks: [{ name: 'stripe', url: 'https://s', intervalMs: 1 as never, timeoutMs: 1 as never, windowMs: 1 as never, availabilityMetric: 'stripe_up', responseTimeMetric: 'stripe_ms', expectStatus: { min: 200, max: 399 } }],
  });
  assert.deepEqual(hints, {
    pg_errors: { group: 'database', unit: 'number' },
    stripe_up: { group: 'external', unit: 'percent', label: 'stripe availability' },
    stripe_ms: { group: 'external', unit: 'ms', label: 'stripe response time' },
  });
});
