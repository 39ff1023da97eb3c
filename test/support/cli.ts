import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built executable, as a user runs it (`npm test` builds first). */
/** IR_TEST_BIN runs another build of the same sources (a private build directory while others rebuild dist/). */
export const BIN = process.env['IR_TEST_BIN'] ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/incident-response.mjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `incident-response ARGS` in `cwd` with a clean environment plus `env`. */
export function runBin(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env['PATH'] ?? '', HOME: options.cwd, IR_USER: 'tester', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

export function tempDir(prefix = 'ir-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
