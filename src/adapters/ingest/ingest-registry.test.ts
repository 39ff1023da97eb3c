import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { epochMs } from '../../domain/time/index.js';
import { createIngestRegistry } from './ingest-registry.js';
import { parseInstant } from './parse-instant.js';

describe('ingest registry', () => {
  const registry = createIngestRegistry({ findGenericWebhook: () => undefined });
  it('lists every source once, with unique routes', () => {
    assert.deepEqual(registry.sources.map((s) => s.name), [
      'alertmanager-webhook', 'alertmanager-api', 'pagerduty-events', 'pagerduty-change', 'opsgenie', 'sns-cloudwatch', 'datadog', 'newrelic', 'splunk', 'elastic', 'generic-webhook',
    ]);
    const paths = registry.sources.flatMap((s) => s.routes.map((r) => `${r.method} ${r.path}`));
    assert.equal(new Set(paths).size, paths.length);
    assert.equal(registry.findSource('opsgenie')?.name, 'opsgenie');
    assert.equal(registry.findSource('nope'), undefined);
  });
  it('every source answers the three outcomes without knowing who asks', () => {
    const ctx = { receivedAt: epochMs(0), headers: {}, params: {}, query: {}, newId: () => 'x' };
    for (const s of registry.sources) {
      const ok = s.accepted({ ok: true, signals: [] }, ctx);
      assert.ok(ok.status >= 200 && ok.status < 300, s.name);
      const bad = s.rejected({ ok: false, reason: 'invalid', errors: [{ path: 'a', message: 'b' }] }, ctx);
      assert.ok(bad.status >= 400 && bad.status < 500, s.name);
      const busy = s.overloaded(7, ctx);
      assert.ok(busy.status === 429 ? busy.headers['retry-after'] === '7' : busy.status === 503, s.name);
      assert.ok(s.maxBodyBytes > 0 && s.contentTypes.length > 0, s.name);
    }
  });
});

describe('parseInstant', () => {
  const table: [string | number | undefined, number | undefined][] = [
    ['2023-02-06T13:08:45.828Z', Date.UTC(2023, 1, 6, 13, 8, 45, 828)],
    ['2018-08-03T09:52:26.739266876+02:00', Date.UTC(2018, 7, 3, 7, 52, 26, 739)],
    ['2015-07-17T08:42:58.315+0000', Date.UTC(2015, 6, 17, 8, 42, 58, 315)],
    ['2024-01-15 10:30:00 UTC', Date.UTC(2024, 0, 15, 10, 30)],
    ['1406662672000', 1406662672000],
    [1406662672, 1406662672000],
    ['0001-01-01T00:00:00Z', undefined],
    ['soon', undefined],
    [undefined, undefined],
  ];
  for (const [input, expected] of table) {
    it(`${String(input)} → ${String(expected)}`, () => assert.equal(parseInstant(input), expected));
  }
});
