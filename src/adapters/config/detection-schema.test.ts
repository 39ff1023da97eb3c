import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../domain/errors/index.js';
import { parseConfig } from './index.js';

describe('detection: in the config file', () => {
  it('reads the section with its defaults', () => {
    const config = parseConfig(`
detection:
  rules_file: triggers.yaml
  prometheus: { url: 'http://127.0.0.1:9090/' }
  metrics:
    error_rate: { prometheus: '100 * sum(rate(errors[5m])) / sum(rate(requests[5m]))' }
  health_checks:
    - { name: checkout, url: 'https://checkout.example.com/healthz', expect_status: '200-299', availability_metric: checkout_up }
  log_collection:
    sources:
      - { name: app, file: /var/log/app.log, max_bytes: 1024 }
      - { name: loki, loki: { url: 'http://loki:3100', query: '{app="checkout"}' } }
  remediation:
    scale: { http: { url: 'https://k8s.internal/scale', headers: { authorization: 'Bearer \${K8S_TOKEN}' } }, dry_run: true }
`, 'c.yaml');
    const d = config.detection!;
    assert.equal(d.intervalMs, 15_000);
    assert.deepEqual(d.prometheus, { url: 'http://127.0.0.1:9090', timeoutMs: 5000, metrics: [{ metric: 'error_rate', query: '100 * sum(rate(errors[5m])) / sum(rate(requests[5m]))' }] });
    assert.deepEqual(d.healthChecks[0], {
      name: 'checkout', url: 'https://checkout.example.com/healthz', intervalMs: 30_000, timeoutMs: 5000, windowMs: 300_000,
      availabilityMetric: 'checkout_up', responseTimeMetric: 'response_time', expectStatus: { min: 200, max: 299 },
    });
    assert.deepEqual(d.logSources.map((s) => s.kind), ['file', 'loki']);
    assert.deepEqual(d.remediation.scale, {
      call: { kind: 'http', method: 'POST', url: 'https://k8s.internal/scale', headers: { authorization: 'Bearer ${K8S_TOKEN}' } },
      timeoutMs: 30_000, isDryRun: true, requiresApproval: false,
    });
    assert.equal(parseConfig('severity_policy: {}\n', 'c.yaml').detection, undefined);
  });

  it('reads how the health panel shows a metric, and refuses an unknown unit or group by line', () => {
    const config = parseConfig(`
detection:
  rules_file: triggers.yaml
  prometheus: { url: 'http://127.0.0.1:9090' }
  metrics:
    pg_pool_waiting: { prometheus: 'sum(pg_pool_waiting)', label: Connection pool waits, unit: number, group: database }
`, 'c.yaml');
    assert.deepEqual(config.detection!.prometheus!.metrics, [{ metric: 'pg_pool_waiting', query: 'sum(pg_pool_waiting)', hints: { label: 'Connection pool waits', unit: 'number', group: 'database' } }]);
    const bad = `detection:
  rules_file: triggers.yaml
  prometheus: { url: 'http://127.0.0.1:9090' }
  metrics:
    q: { prometheus: 'x', unit: seconds, group: storage }
`;
    assert.throws(() => parseConfig(bad, 'c.yaml'), (e) => {
      assert.ok(e instanceof AppError);
      const text = e.issues.map((i) => `${i.path} ${i.line ?? ''}`).join('\n');
      assert.match(text, /detection\.metrics\.q\.unit 5/);
      assert.match(text, /detection\.metrics\.q\.group 5/);
      return true;
    });
  });

  it('names the file, line, column and key of every problem', () => {
    const text = `detection:
  rules_file: triggers.yaml
  interval: 15 parsecs
  metrics:
    error_rate: { prometheus: 'x' }
  health_checks:
    - { name: a, url: 'ftp://x' }
    - { name: b, url: 'http://b', availability_metric: error_rate }
  log_collection:
    sources: [{ name: both, file: /a, command: [ls] }]
  remediation:
    failovr: { command: [x] }
`;
    assert.throws(() => parseConfig(text, 'c.yaml'), (e) => {
      assert.ok(e instanceof AppError && e.code === 'CONFIG_INVALID');
      assert.deepEqual(e.message.split('\n').slice(1), [
        "  c.yaml:3:13: detection.interval: unknown unit 'parsecs' in '15 parsecs' (use ms, s, m, h, d or w)",
        '  c.yaml:7:23: detection.health_checks[0].url: expected an http(s) URL such as https://checkout.example.com/healthz',
        '  c.yaml:10:15: detection.log_collection.sources[0]: give only one of file, command',
        "  c.yaml:12:5: detection.remediation.failovr: unknown key 'failovr' — did you mean 'failover'? (isolate_suspicious_sources, failover, reroute_traffic, scale)",
      ]);
      return true;
    });
  });

  it('checks the section as a whole once its fields are valid: Prometheus for queried metrics, one source per metric name', () => {
    const text = `detection:
  rules_file: triggers.yaml
  metrics:
    error_rate: { prometheus: 'x' }
  health_checks:
    - { name: b, url: 'http://b', availability_metric: error_rate }
`;
    assert.throws(() => parseConfig(text, 'c.yaml'), (e) => {
      assert.ok(e instanceof AppError);
      assert.deepEqual(e.message.split('\n').slice(1), [
        '  c.yaml:4:5: detection.metrics: metrics are queried from Prometheus: add prometheus.url',
        "  c.yaml:6:56: detection.health_checks[0].availability_metric: 'error_rate' is already provided by metrics; give this check its own availability_metric",
      ]);
      return true;
    });
  });
});
