// Shared by the benchmarks that run `incident-response serve` and Debian's Prometheus/Alertmanager
// as child processes on 127.0.0.1: free ports, the product's CLI, daemons with bounded start-up.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

import { freePort } from '../test/e2e/e2e-support.js';

export { freePort };

export const BIN = resolve('dist/incident-response.mjs');
export const PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export type StoreKind = 'sqlite' | 'postgres';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The environment selecting a store: a SQLite file in `dir`, or a fresh PostgreSQL schema. */
export function storeEnv(kind: StoreKind, dir: string, schema: string): Record<string, string> {
  return kind === 'sqlite' ? { IR_DB: `${dir}/bench.db` } : { DATABASE_URL: `${PG_URL}?schema=${schema}` };
}

export async function dropSchema(schema: string): Promise<void> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await c.end();
  }
}

/** Runs the product's CLI with `--json` and returns its parsed output. */
export function cliJson<T>(args: readonly string[], cwd: string, env: Record<string, string>): T {
  const run = spawnSync(process.execPath, [BIN, ...args, '--json'], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 30_000 });
  if (run.status !== 0) throw new Error(`incident-response ${args.join(' ')} failed: ${run.stderr.toString()}`);
  return JSON.parse(run.stdout.toString()) as T;
}

export interface Child {
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Spawns `command` and resolves once its output matches `ready` (20 s at most). */
export function startChild(command: string, args: readonly string[], options: { cwd: string; env?: Record<string, string>; ready: RegExp }): Promise<{ proc: Child; match: RegExpExecArray }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let isReady = false;
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    const proc: Child = {
      child,
      output: () => out,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      },
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${command} not ready after 20 s: ${out.slice(-2000)}`));
    }, 20_000);
    const check = (d: Buffer) => {
      out = (out + d.toString()).slice(-50_000);
      const m = options.ready.exec(out);
      if (m && !isReady) {
        isReady = true;
        clearTimeout(timer);
        done({ proc, match: m });
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', (code) => {
      if (!isReady) {
        clearTimeout(timer);
        fail(new Error(`${command} exited (${code}) before it was ready: ${out.slice(-2000)}`));
      }
    });
  });
}

/** `incident-response serve` on a free port; resolves with its base URL. */
export async function startServe(cwd: string, env: Record<string, string>, extraArgs: readonly string[] = []): Promise<{ proc: Child; url: string }> {
  const nodeArgs = (process.env['IR_BENCH_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
  const { proc, match } = await startChild(process.execPath, [...nodeArgs, BIN, 'serve', '--port', '0', ...extraArgs], { cwd, env: { LOG_LEVEL: 'warn', ...env }, ready: /Listening on (http:\/\/[^\s]+) / });
  return { proc, url: match[1]! };
}

/** Debian's Alertmanager on a free port with its own storage, clustering off. */
export async function startAlertmanager(dir: string, configFile: string): Promise<{ proc: Child; url: string }> {
  const port = await freePort();
  const { proc } = await startChild('/usr/bin/prometheus-alertmanager', [
    `--config.file=${configFile}`, `--storage.path=${dir}/am-data`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=',
  ], { cwd: dir, ready: /Listening on|listening on|address=127\.0\.0\.1/ });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ok) return { proc, url };
    await sleep(100);
  }
  await proc.stop();
  throw new Error(`Alertmanager not ready: ${proc.output().slice(-2000)}`);
}
