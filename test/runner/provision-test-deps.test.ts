// scripts/provision-test-deps.mjs, which `npm test` runs first: what it does when something the
// suite needs is missing. PATH points at a directory of our own, so the real apt-get never runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../support/cli.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const INSTALL_LINE = 'sudo apt-get install -y chromium prometheus prometheus-alertmanager poppler-utils groff-base zsh fish postgresql';
const START_LINE = 'sudo pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
const IS_ROOT = process.getuid?.() === 0;

/** Runs the script with PATH set to `path` only; one that has not ended after 60 s is killed (status null). */
function provision(path: string, args: readonly string[] = [], env: Record<string, string> = {}) {
  const { TEST_DATABASE_URL } = process.env;
  return spawnSync(process.execPath, ['scripts/provision-test-deps.mjs', ...args], {
    cwd: REPO_ROOT,
    env: { PATH: path, HOME: tempDir('ir-provision-home-'), ...(TEST_DATABASE_URL ? { TEST_DATABASE_URL } : {}), ...env },
    encoding: 'utf8',
    timeout: 60_000,
    killSignal: 'SIGKILL',
  });
}

function closedPort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

describe('provisioning the test dependencies', () => {
  it('with nothing on PATH and installing forbidden, exits at once naming what is missing, the install line and the start command', () => {
    const run = provision(tempDir('ir-empty-path-'), ['--no-install']);
    assert.equal(run.status, 1, `ended by ${run.signal}: ${run.stdout}${run.stderr}`);
    assert.match(run.stderr, /^Cannot run the tests: pdftotext \(package poppler-utils\) is missing, and this script cannot install it: --no-install was given\./);
    assert.ok(run.stderr.includes(`\n  ${INSTALL_LINE}\n`), run.stderr);
    assert.ok(run.stderr.includes(`\n  ${START_LINE}\n`), run.stderr);
  });

  it('without apt-get on PATH, exits at once instead of installing', () => {
    const run = provision(tempDir('ir-empty-path-'));
    assert.equal(run.status, 1, `ended by ${run.signal}: ${run.stdout}${run.stderr}`);
    const why = IS_ROOT ? 'apt-get is not on PATH' : 'it is not running as root';
    assert.ok(run.stderr.includes(`pdftotext (package poppler-utils) is missing, and this script cannot install it: ${why}.`), run.stderr);
    assert.ok(run.stderr.includes(INSTALL_LINE), run.stderr);
  });

  it('installs what is missing with apt-get (update once, then install the exact packages) when it runs as root', () => {
    // A stand-in apt-get that records its calls and "installs" pdftotext beside itself.
    const bin = tempDir('ir-fake-apt-');
    const calls = join(bin, 'calls.log');
    writeFileSync(join(bin, 'apt-get'), `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(calls)}, args.join(' ') + ' [' + process.env.DEBIAN_FRONTEND + ']\\n');
if (args[0] === 'install') {
  fs.writeFileSync(${JSON.stringify(join(bin, 'pdftotext'))}, '#!/bin/sh\\n');
  fs.chmodSync(${JSON.stringify(join(bin, 'pdftotext'))}, 0o755);
}
`);
    chmodSync(join(bin, 'apt-get'), 0o755);
    const run = provision(bin);
    if (!IS_ROOT) {
      assert.equal(run.status, 1, run.stderr);
      assert.ok(run.stderr.includes('cannot install it: it is not running as root.'), run.stderr);
      return;
    }
    assert.equal(run.status, 0, `ended by ${run.signal}: ${run.stdout}${run.stderr}`);
    assert.deepEqual(readFileSync(calls, 'utf8').trimEnd().split('\n'), ['update [noninteractive]', 'install -y poppler-utils [noninteractive]']);
    assert.match(run.stdout, /^provision-test-deps: apt-get update\n/m);
    assert.match(run.stdout, /^ {2}pdftotext {16}.*\/ir-fake-apt-[^/]+\/pdftotext$/m);
    assert.match(run.stdout, /^ {2}\(ran apt-get install -y poppler-utils\)$/m);
  });

  it('names the start command when PostgreSQL does not answer and it may not start it, without printing the password', async () => {
    const port = await closedPort();
    const run = provision(process.env['PATH'] ?? '', ['--no-install'], { TEST_DATABASE_URL: `postgres://postgres:s3cret-pw@127.0.0.1:${port}/test` });
    assert.equal(run.status, 1, `ended by ${run.signal}: ${run.stdout}${run.stderr}`);
    assert.match(run.stderr, new RegExp(`PostgreSQL at postgres://postgres:\\*\\*\\*@127\\.0\\.0\\.1:${port}/test cannot be reached \\(connect ECONNREFUSED[^)]*\\), and this script cannot start it: --no-install was given\\.`));
    assert.ok(run.stderr.includes(START_LINE), run.stderr);
    assert.doesNotMatch(run.stdout + run.stderr, /s3cret-pw/);
  });
});
