#!/usr/bin/env node
// Runs every test file with node:test (via tsx) and fails when none ran. On Node 20 a glob
// passed to --test is not expanded, so the files are listed here explicitly.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const roots = ['src', 'test'];
const only = process.argv.slice(2);
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) files.push(p);
  }
}
for (const r of roots) walk(r);
files.sort();
const selected = only.length > 0 ? files.filter((f) => only.some((o) => f.includes(o))) : files;
if (selected.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const tap = join(mkdtempSync(join(tmpdir(), 'ir-tests-')), 'report.tap');
const result = spawnSync(
  process.execPath,
  [
    '--import', 'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...selected,
  ],
  { stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1' } },
);
const report = readFileSync(tap, 'utf8');
const count = (name) => Number((report.match(new RegExp(`^# ${name} (\\d+)$`, "m")) ?? [])[1] ?? 0);
const tests = count('tests');
const pass = count('pass');
const fail = count('fail');
const skipped = count('skipped') + count('todo');
console.log(`\ntests: ${pass} passed, ${fail} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (tests === 0) {
  console.error('no tests ran');
  process.exit(1);
}
if (skipped > 0) {
  console.error('skipped or todo tests are not allowed');
  process.exit(1);
}
process.exit(result.status === 0 && fail === 0 ? 0 : 1);
