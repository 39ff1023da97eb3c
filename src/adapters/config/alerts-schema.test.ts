import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../domain/errors/index.js';
import { parseConfig } from './load-config.js';

function problems(yaml: string): string {
  try {
    parseConfig(yaml, 'ir.yaml');
  } catch (e) {
    if (e instanceof AppError) return e.message;
    throw e;
  }
  return assert.fail('expected the config to be refused');
}

describe('alerts, integrations.webhooks and heartbeats in the config file', () => {
  it('replaces the built-in alert policy key by key', () => {
    const c = parseConfig('alerts:\n  grouping: { window: 10m, group_by: [team] }\n  flap: { threshold: 4 }\n  auto_resolve: { services: { checkout: false } }\n', 'ir.yaml');
    assert.equal(c.alerts.grouping.windowMs, 600_000);
    assert.deepEqual(c.alerts.grouping.groupBy, ['team']);
    assert.equal(c.alerts.flap.maxChanges, 4);
    assert.equal(c.alerts.flap.windowMs, 1_800_000);
    assert.deepEqual(c.alerts.autoResolve, { default: true, services: { checkout: false } });
  });
  it('reports bad matchers, durations, webhooks and heartbeats with line and column', () => {
    const text = problems([
      'alerts:',
      '  grouping: { window: soon }',
      '  routing:',
      '    - match: [\'team=~"(\']',
      'integrations:',
      '  webhooks:',
      '    - name: a',
      '      mapping: { summary: t }',
      '      signing_secret_env: whsec_abc',
      'heartbeats:',
      '  - { name: job, interval: 5m }',
      '  - { name: job, interval: 5m, severity: urgent }',
    ].join('\n'));
    assert.match(text, /ir\.yaml:2:\d+: alerts\.grouping\.window: /);
    assert.match(text, /ir\.yaml:4:\d+: alerts\.routing\[0\]\.match\[0\]: .*not a label matcher/);
    assert.match(text, /ir\.yaml:8:\d+: integrations\.webhooks\[0\]\.mapping.*dedup_key/);
    assert.match(text, /ir\.yaml:9:\d+: integrations\.webhooks\[0\]\.signing_secret_env: /);
    assert.match(text, /ir\.yaml:12:\d+: heartbeats\[1\]\.(name|severity)/);
  });
  it('limits silences to 24 h for responders, 7 d for commanders and 90 d for admins unless configured', () => {
    const defaults = parseConfig('alerts: {}\n', 'ir.yaml').alerts.silences.maxDurationMs;
    assert.deepEqual(defaults, { responder: 86_400_000, commander: 604_800_000, admin: 7_776_000_000 });
    const c = parseConfig('alerts:\n  silences:\n    max_duration: { responder: 2h, admin: 365d }\n', 'ir.yaml').alerts.silences.maxDurationMs;
    assert.deepEqual(c, { responder: 7_200_000, commander: 604_800_000, admin: 31_536_000_000 });
    assert.match(problems('alerts:\n  silences:\n    max_duration: { viewer: 1h }\n'), /ir\.yaml:3:\d+: alerts\.silences\.max_duration/);
  });
  it('reads heartbeats with their defaults', () => {
    const c = parseConfig('heartbeats:\n  - { name: nightly-backup, interval: 5m, grace: 1m, service: backups }\n', 'ir.yaml');
    assert.deepEqual(c.heartbeats, [{ name: 'nightly-backup', intervalMs: 300_000, graceMs: 60_000, service: 'backups', severity: 'high', incidentType: 'outage', environment: 'production' }]);
  });
});
