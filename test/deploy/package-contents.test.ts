import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[]; scripts: Record<string, string> };

describe('the npm package', () => {
  // --ignore-scripts: the file list, without rebuilding dist/ under other tests' feet (`npm test` builds first).
  const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repo, encoding: 'utf8' });
  const files = (): string[] => {
    assert.equal(pack.status, 0, pack.stderr);
    return (JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
  };

  it('ships the executable its bin points at, the docs, the config schema and the examples', () => {
    const list = files();
    assert.deepEqual(Object.values(pkg.bin), ['dist/incident-response.mjs']);
    for (const required of ['dist/incident-response.mjs', 'package.json', 'README.md', 'docs/config.schema.json', 'docs/deploy.md', 'examples/incident-response.yaml', 'Dockerfile', 'deploy/incident-response.service', 'deploy/helm/incident-response/Chart.yaml']) {
      assert.ok(list.includes(required), `${required} is not in the package`);
    }
    assert.ok(list.some((f) => f.startsWith('dist/chunks/')), 'the lazily loaded chunks are not in the package');
  });

  it('ships no tests, benchmarks, CI scripts or sources', () => {
    const unwanted = files().filter((f) => /^(test|bench|\.ci|src|scripts|test-artifacts)\//.test(f) || /\.test\.ts$/.test(f) || /\.ts$/.test(f) || f.startsWith('.'));
    assert.deepEqual(unwanted, []);
  });

  it('builds dist/ before packing (prepare runs on npm pack and on npm ci), and the quick start still builds and runs the demo', () => {
    assert.equal(pkg.scripts['prepare'], 'node scripts/build.mjs');
    assert.match(pkg.scripts['start']!, /^node scripts\/build\.mjs && node dist\/incident-response\.mjs demo$/);
  });
});
