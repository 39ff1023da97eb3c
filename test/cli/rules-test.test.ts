import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';

describe('rules test', () => {
  it('replays the documented rules over a recorded series and says when each fired and resolved', async () => {
    const r = await runBin(['rules', 'test', resolve('examples/triggers.yaml'), '--series', resolve('examples/series.csv')], { cwd: tempDir() });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^critical_outage: fires when any of 3 conditions holds, for 5m$/m);
    assert.match(r.stdout, /2026-03-02T10:25:00Z {2}\+25m {4}FIRING {4}error_rate > 50%, response_time > 30s/);
    assert.match(r.stdout, /2026-03-02T10:35:00Z {2}\+35m {4}resolved {2}after 10m firing/);
    const json = JSON.parse((await runBin(['rules', 'test', resolve('examples/triggers.yaml'), '--series', resolve('examples/series.csv'), '--json'], { cwd: tempDir() })).stdout);
    assert.ok(Array.isArray(json.rules));
  });

  it('points at the line and column of a mistake in a rule', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'rules.yaml'), 'triggers:\n  outage:\n    conditions: ["error_rate >> 50%"]\n    duration: 5 minutes\n    actions: ["page_oncall_engineer()"]\n');
    writeFileSync(join(cwd, 'series.csv'), 'timestamp,error_rate\n2026-03-02T10:00:00Z,10\n');
    const r = await runBin(['rules', 'test', 'rules.yaml', '--series', 'series.csv'], { cwd });
    assert.equal(r.code, 6, r.stdout + r.stderr);
    assert.match(r.stderr, /rules\.yaml:3:\d+: /);
  });
});
