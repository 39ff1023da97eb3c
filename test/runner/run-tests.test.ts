// The test runner (scripts/run-tests.mjs) on fixture files in test/runner/fixtures/, which its
// discovery skips because their names do not end in .test.ts.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../support/cli.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = 'test/runner/fixtures';

/** Alive and not a zombie (an orphan killed under a PID 1 that does not reap stays a zombie). */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

interface RunnerRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The last line printed: the verdict. */
  verdict: string;
}

/** Runs the runner from the repository root; a runner that does not end within 120 s is killed and fails the test. */
function runRunner(args: readonly string[], env: Record<string, string> = {}): Promise<RunnerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/run-tests.mjs', ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const limit = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      if (signal !== null) reject(new Error(`the runner did not end by itself (killed by ${signal}):\n${stdout}\n${stderr}`));
      else resolve({ code, stdout, stderr, verdict: stdout.trimEnd().split('\n').at(-1) ?? '' });
    });
  });
}

describe('the test runner', () => {
  it('stops a file that runs out of time, stops the processes a failed file left running, and counts cancelled tests as failed', async () => {
    const pids = join(tempDir('ir-runner-'), 'pids.json');
    const run = await runRunner(
      ['--file-timeout=10', `${FIXTURES}/hangs.fixture.ts`, `${FIXTURES}/leaves-children.fixture.ts`, `${FIXTURES}/cancelled.fixture.ts`],
      { IR_FIXTURE_PIDS: pids },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    assert.equal(run.code, 1, output);
    assert.match(run.stdout, /run-tests: test\/runner\/fixtures\/hangs\.fixture\.ts did not finish within 10 s; it was stopped and counts as failed\./);
    assert.match(run.stdout, /run-tests: stopped \d+ process(es)? that test\/runner\/fixtures\/leaves-children\.fixture\.ts left running:/);
    const started = JSON.parse(readFileSync(pids, 'utf8')) as number[];
    assert.equal(started.length, 3);
    assert.deepEqual(started.filter(isRunning), [], `still running after the runner ended:\n${output}`);
    assert.match(run.stdout, /Failed files:\n {2}test\/runner\/fixtures\/cancelled\.fixture\.ts: 2 cancelled\n {2}test\/runner\/fixtures\/hangs\.fixture\.ts: 1 cancelled, stopped after 10 s\n {2}test\/runner\/fixtures\/leaves-children\.fixture\.ts: 1 failed\n/);
    assert.equal(run.verdict, 'tests: 1 passed, 4 failed (3 of them cancelled)');
  });

  it('kills a file whose node:test process never ends by itself, after the file timeout and as long again', async () => {
    const run = await runRunner(['--file-timeout=3', `${FIXTURES}/stops-its-runner.fixture.ts`]);
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /run-tests: test\/runner\/fixtures\/stops-its-runner\.fixture\.ts did not finish within 3 s; it was stopped and counts as failed\./);
    assert.match(run.stdout, /Failed files:\n {2}test\/runner\/fixtures\/stops-its-runner\.fixture\.ts: stopped after 3 s\n/);
    assert.equal(run.verdict, 'tests: 0 passed, 1 failed');
  });

  it('fails when no test ran', async () => {
    const run = await runRunner([`${FIXTURES}/no-tests.fixture.ts`]);
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stderr, /No tests ran: the selected files define no tests\./);
    assert.equal(run.verdict, 'tests: 0 passed, 0 failed');
  });

  it('fails when a test is skipped or todo', async () => {
    const run = await runRunner([`${FIXTURES}/skips.fixture.ts`]);
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stderr, /2 tests are skipped or todo, which is not allowed/);
    assert.equal(run.verdict, 'tests: 1 passed, 0 failed, 2 skipped');
  });

  it('does not discover the fixtures as tests of the suite', async () => {
    const run = await runRunner(['test/runner/fixtures/']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^No test files match test\/runner\/fixtures\/: /);
  });
});
