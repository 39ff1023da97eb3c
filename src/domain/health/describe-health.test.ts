import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeHealth, describeMetric, healthRow } from './index.js';

test('the product description\'s health overview reads as written: units and change from baseline', () => {
  const groups = describeHealth(
    { error_rate: 12.3, response_time: 2400, throughput: 1247 / 60, cpu_usage: 89, memory_usage: 76 },
    { error_rate: 4.2, response_time: 600, throughput: 2267.3 / 60, cpu_usage: 55, memory_usage: 64 },
  );
  assert.equal(groups.length, 1);
  assert.equal(groups[0]!.title, 'Application');
  assert.deepEqual(groups[0]!.rows.map((r) => r.text), [
    'Error rate: 12.3% (↑ 8.1% from baseline)',
    'Response time: 2.4s (↑ 1.8s from baseline)',
    'Throughput: 1,247 req/min (↓ 45% from baseline)',
    'CPU usage: 89% (↑ 34% from baseline)',
    'Memory usage: 76% (↑ 12% from baseline)',
  ]);
});

test('metrics fall into the product\'s groups by name, and configuration overrides the guess', () => {
  const groups = describeHealth(
    { db_connection_errors: 14, dns_failures: 3, availability: 97.5, stripe_latency: 850 },
    {},
    { availability: { group: 'external', label: 'Checkout availability' }, stripe_latency: { group: 'external' } },
  );
  assert.deepEqual(groups.map((g) => g.title), ['Database', 'Network', 'External dependencies']);
  assert.deepEqual(groups[2]!.rows.map((r) => r.text), ['Response time: 850ms', 'Checkout availability: 97.5%']);
  assert.equal(groups[0]!.rows[0]!.text, 'Db connection errors: 14');
  assert.equal(describeMetric('db_connections').label, 'Connections');
});

test('a steady metric, a zero baseline and a health check that is down', () => {
  const d = describeMetric('queue_depth');
  assert.equal(healthRow(d, 40, 40).text, 'Queue depth: 40 (→ 0 from baseline)');
  assert.equal(healthRow(d, 5, 0).text, 'Queue depth: 5 (↑ 5 from baseline)');
  assert.equal(healthRow(describeMetric('checkout_up', { group: 'external' }), false, undefined).text, 'Checkout up: down');
  assert.equal(healthRow(describeMetric('p99_latency'), 61_000, 1000).valueText, '1min');
});

test('an empty reading has no groups', () => {
  assert.deepEqual(describeHealth({}, {}), []);
});
