// `promtool check metrics` (Debian's prometheus package, /usr/bin/promtool, provisioned by
// scripts/provision-test-deps.mjs) reads /metrics from a listening server and finds nothing to lint:
// exit 0 and no output, for an anonymous scrape and for one that also counts security incidents.
// On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { declare, startHarness, type Harness } from '../http/http-harness.js';

const PROMTOOL = '/usr/bin/promtool';

function promtoolCheck(exposition: string): { status: number | null; output: string } {
  const r = spawnSync(PROMTOOL, ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if (r.error !== undefined) throw new Error(`Cannot run ${PROMTOOL} (${r.error.message}): install Debian's prometheus package (node scripts/provision-test-deps.mjs).`);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

for (const kind of STORE_KINDS) {
  describe(`/metrics passes promtool check metrics: ${kind}`, () => {
    let h: Harness;
    let base: string;
    before(async () => {
      h = await startHarness(kind);
      base = await h.listen();
      // Requests and incidents so every series family has samples, security ones among them.
      await declare(h, { title: 'Checkout errors', severity: 'high', type: 'outage', environment: 'production' });
      await declare(h, { title: 'Leaked key', severity: 'critical', type: 'security', environment: 'production' }, 'security-admin');
      await fetch(`${base}/healthz`);
      await fetch(`${base}/api/v1/incidents/INC-NOPE`);
    });
    after(async () => {
      await h?.close();
    });

    it('an anonymous scrape lints clean', async () => {
      const res = await fetch(`${base}/metrics`);
      assert.equal(res.status, 200);
      const body = await res.text();
      assert.match(body, /^ir_http_requests_total\{/m);
      assert.match(body, /^nodejs_eventloop_lag_seconds /m, 'the process defaults are still exposed');
      assert.deepEqual(promtoolCheck(body), { status: 0, output: '' });
    });

    it('an admin scrape with confidential counts lints clean', async () => {
      const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
      assert.equal(res.status, 200);
      const body = await res.text();
      assert.match(body, /confidential="true"/);
      assert.deepEqual(promtoolCheck(body), { status: 0, output: '' });
    });

    it('the linter does fail on what it should (a gauge named _total)', () => {
      const bad = '# HELP x_total A gauge.\n# TYPE x_total gauge\nx_total 1\n';
      const r = promtoolCheck(bad);
      assert.notEqual(r.output, '');
    });
  });
}
