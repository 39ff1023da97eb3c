#!/usr/bin/env node
// Runs the test files with node:test (via tsx), two at a time, each in its own process group and
// within a time limit, and stops whatever a file left running when it ends. Fails when a test failed
// or was cancelled, when a file ran out of time, when no test ran, or when any test was skipped/todo.
//
// Usage: node scripts/run-tests.mjs [--file-timeout=SECONDS] [PATH-SUBSTRING | FILE]...
//   PATH-SUBSTRING   the *.test.ts files under src/ and test/ whose path contains it (default: all)
//   FILE             an existing file, run even if its name does not end in .test.ts (fixtures)
//   --file-timeout   a file still running after SECONDS is stopped and fails (default 600, or
//                    IR_TEST_FILE_TIMEOUT); it is also node:test's default timeout per test
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const CONCURRENCY = 2;
/** How long after node:test's own timeout for a file the runner kills it itself (at most the timeout again). */
const GRACE_MS = 20_000;
const TAG_VARIABLE = 'IR_TEST_PROCESS_TAG';

const options = { fileTimeoutS: Number(process.env['IR_TEST_FILE_TIMEOUT'] ?? 600) };
const only = [];
for (const arg of process.argv.slice(2)) {
  const m = /^--file-timeout=(.*)$/.exec(arg);
  if (m) options.fileTimeoutS = Number(m[1]);
  else if (arg.startsWith('--')) usage(`Unknown option ${arg}.`);
  else only.push(arg);
}
if (!(options.fileTimeoutS > 0)) usage('The file timeout must be a positive number of seconds (--file-timeout=SECONDS or IR_TEST_FILE_TIMEOUT).');
const fileTimeoutMs = Math.round(options.fileTimeoutS * 1000);

const discovered = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) discovered.push(p);
  }
}
for (const root of ['src', 'test']) walk(root);
discovered.sort();
const named = only.filter((o) => existsSync(o) && statSync(o).isFile());
const selected = only.length === 0 ? discovered : [...new Set([...discovered.filter((f) => only.some((o) => f.includes(o))), ...named])];
if (selected.length === 0) {
  console.error(`No test files match ${only.join(' ')}: give part of a path under src/ or test/, or an existing file.`);
  process.exit(1);
}

const runTag = randomBytes(6).toString('hex');
// A runner started from inside a test (the runner's own tests) must not act as that test's child.
const { NODE_TEST_CONTEXT: _context, ...inherited } = process.env;
const running = new Set();
const results = [];

// ---------------------------------------------------------------------------------------------
// Processes: /proc is read to find what a test file started, so that nothing outlives its file.

/** pid → { ppid, pgrp, start, state } for every process, or an empty map without /proc. */
function processTable() {
  const table = new Map();
  let names;
  try {
    names = readdirSync('/proc');
  } catch {
    return table;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: the fields after it start at the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { state: fields[0], ppid: Number(fields[1]), pgrp: Number(fields[2]), start: Number(fields[19]) });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

function descendants(table, roots) {
  const children = new Map();
  for (const [pid, p] of table) {
    if (!children.has(p.ppid)) children.set(p.ppid, []);
    children.get(p.ppid).push(pid);
  }
  const found = new Set();
  const queue = [...roots];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop()) ?? []) {
      if (!found.has(child)) {
        found.add(child);
        queue.push(child);
      }
    }
  }
  return found;
}

function carriesTag(pid, tag) {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`${TAG_VARIABLE}=${tag}`);
  } catch {
    return false;
  }
}

function commandLine(pid) {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return cmd.length > 100 ? `${cmd.slice(0, 99)}…` : cmd;
  } catch {
    return '?';
  }
}

/**
 * Every live process a file started: those seen below it while it ran (same pid and start time),
 * those in its process group, those carrying its tag in their environment (children that were
 * detached and reparented), and all of their descendants.
 */
function leftoversOf(run) {
  const table = processTable();
  const found = new Set();
  for (const [pid, p] of table) {
    if (pid === process.pid || p.state === 'Z') continue;
    if (run.seen.get(pid) === p.start || (p.pgrp === run.pid && p.start >= run.start) || carriesTag(pid, run.tag)) found.add(pid);
  }
  for (const pid of descendants(table, found)) if (table.get(pid)?.state !== 'Z') found.add(pid);
  found.delete(process.pid);
  return found;
}

function killLeftovers(run) {
  const killed = new Map();
  // A few rounds: a process may fork while its parent is being killed.
  for (let round = 0; round < 5; round++) {
    const left = leftoversOf(run);
    if (left.size === 0) break;
    for (const pid of left) {
      if (!killed.has(pid)) killed.set(pid, commandLine(pid));
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100); // let the kernel deliver
  }
  return killed;
}

const poller = setInterval(() => {
  if (running.size === 0) return;
  const table = processTable();
  for (const run of running) {
    for (const pid of descendants(table, [run.pid])) {
      const start = table.get(pid)?.start;
      if (start !== undefined && !run.seen.has(pid)) run.seen.set(pid, start);
    }
  }
}, 250);

// ---------------------------------------------------------------------------------------------

function runFile(file, index) {
  return new Promise((done) => {
    const tag = `${runTag}-${index}`;
    const startedAt = Date.now();
    const child = spawn(process.execPath, [
      '--import', 'tsx',
      '--test', '--test-force-exit', `--test-timeout=${fileTimeoutMs}`,
      // With --test-force-exit a reporter writing to a file loses its end; pipes keep everything.
      '--test-reporter=tap', '--test-reporter-destination=stdout',
      '--test-reporter=spec', '--test-reporter-destination=stderr',
      file,
    ], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...inherited, NODE_NO_WARNINGS: '1', [TAG_VARIABLE]: tag } });
    const run = { file, pid: child.pid, tag, start: processTable().get(child.pid)?.start ?? 0, seen: new Map(), killedByWatchdog: false };
    running.add(run);
    let report = '';
    let output = '';
    child.stdout.on('data', (d) => (report += d));
    child.stderr.on('data', (d) => (output += d));
    // node:test stops a file at --test-timeout; this is for when node:test itself does not end.
    const watchdog = setTimeout(() => {
      run.killedByWatchdog = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      killLeftovers(run);
      // Whatever may still hold the pipes, the file is over.
      child.stdout.destroy();
      child.stderr.destroy();
    }, fileTimeoutMs + Math.min(GRACE_MS, fileTimeoutMs));
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      running.delete(run);
      const killed = killLeftovers(run);
      const elapsedMs = Date.now() - startedAt;
      const count = (name) => Number((report.match(new RegExp(`^# ${name} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
      // node:test reports a file that defines no test as one passing test named by the file: not a test.
      const empty = new RegExp(`^ok \\d+ - ${escapeRegExp(resolve(file))}$`, 'm').test(report) ? 1 : 0;
      const result = {
        file, code, signal, elapsedMs, killed, empty: empty === 1,
        complete: /^# tests \d+$/m.test(report),
        timedOut: run.killedByWatchdog || fileTimedOut(report, file),
        tests: count('tests') - empty, pass: count('pass') - empty, fail: count('fail'), cancelled: count('cancelled'), skipped: count('skipped') + count('todo'),
      };
      results.push(result);
      printFile(result, output);
      done();
    });
  });
}

/** node:test reports a file that ran out of time as a failed test named by the file's absolute path. */
function fileTimedOut(report, file) {
  return new RegExp(`^not ok \\d+ - ${escapeRegExp(resolve(file))}\n  ---\n(?:  .*\n)*?  failureType: 'testTimeoutFailure'`, 'm').test(report);
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function printFile(r, output) {
  console.log(`\n── ${r.file} (${(r.elapsedMs / 1000).toFixed(1)} s)`);
  process.stdout.write(output.endsWith('\n') || output === '' ? output : `${output}\n`);
  if (r.timedOut) console.log(`run-tests: ${r.file} did not finish within ${options.fileTimeoutS} s; it was stopped and counts as failed.`);
  else if (!r.complete) console.log(`run-tests: ${r.file} ended (${r.signal ?? `exit ${r.code}`}) without a test report; it counts as failed.`);
  else if (r.empty) console.log(`run-tests: ${r.file} defines no tests, which fails the run.`);
  if (r.killed.size > 0) {
    console.log(`run-tests: stopped ${r.killed.size} process${r.killed.size === 1 ? '' : 'es'} that ${r.file} left running:`);
    for (const [pid, cmd] of r.killed) console.log(`  ${pid} ${cmd}`);
  }
}

function stopEverything(signal) {
  for (const run of running) {
    try {
      process.kill(-run.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    killLeftovers(run);
  }
  console.error(`\nrun-tests: interrupted by ${signal}; stopped every test process.`);
  process.exit(signal === 'SIGINT' ? 130 : 143);
}
process.on('SIGINT', () => stopEverything('SIGINT'));
process.on('SIGTERM', () => stopEverything('SIGTERM'));

const queue = selected.map((file, index) => ({ file, index }));
await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) await runFile(next.file, next.index);
}));
clearInterval(poller);

// ---------------------------------------------------------------------------------------------
// The verdict. A file stopped by the watchdog, or one that ended without a report, adds one failure.

const sum = (key) => results.reduce((n, r) => n + r[key], 0);
const lost = results.filter((r) => !r.complete || (r.timedOut && r.fail + r.cancelled === 0)).length;
const tests = sum('tests');
const pass = sum('pass');
const cancelled = sum('cancelled');
const failed = sum('fail') + cancelled + lost;
const skipped = sum('skipped');
const failing = results.filter((r) => r.fail + r.cancelled > 0 || !r.complete || r.timedOut || r.empty || r.code !== 0);

if (failing.length > 0) {
  console.log('\nFailed files:');
  for (const r of failing.sort((a, b) => a.file.localeCompare(b.file))) {
    const why = [r.fail && `${r.fail} failed`, r.cancelled && `${r.cancelled} cancelled`, r.timedOut && `stopped after ${options.fileTimeoutS} s`, !r.complete && !r.timedOut && 'no test report', r.empty && 'no tests', !r.empty && !r.fail && !r.cancelled && r.complete && !r.timedOut && `exit ${r.code}`].filter(Boolean);
    console.log(`  ${r.file}: ${why.join(', ')}`);
  }
}
if (tests === 0 && failed === 0) console.error('No tests ran: the selected files define no tests.');
if (skipped > 0) console.error(`${skipped} test${skipped === 1 ? ' is' : 's are'} skipped or todo, which is not allowed: make them run or delete them.`);
console.log(`\ntests: ${pass} passed, ${failed} failed${cancelled > 0 ? ` (${cancelled} of them cancelled)` : ''}${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(tests > 0 && skipped === 0 && failing.length === 0 ? 0 : 1);

function usage(problem) {
  console.error(`${problem} Usage: node scripts/run-tests.mjs [--file-timeout=SECONDS] [PATH-SUBSTRING | FILE]...`);
  process.exit(2);
}
