// Helpers for end-to-end tests: free ports, polling, a served app with an admin token, child processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { startServe, createToken, type ServeProcess } from '../http/serve-process.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Calls `probe` every `everyMs` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface ServedApp {
  readonly serve: ServeProcess;
  readonly token: string;
  api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }>;
}

export async function startServedApp(cwd: string, env: Record<string, string>): Promise<ServedApp> {
  const token = await createToken(cwd, env, 'e2e-admin', 'admin');
  const serve = await startServe(cwd, env);
  return {
    serve,
    token,
    async api<T>(method: string, path: string, body?: unknown) {
      const res = await fetch(`${serve.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, json: (text === '' ? undefined : JSON.parse(text)) as T };
    },
  };
}

/** A long-running child (Prometheus, Alertmanager) with its output kept for failure messages. */
export interface Daemon {
  output(): string;
  stop(): Promise<void>;
}

export function startDaemon(command: string, args: readonly string[], cwd: string): Daemon {
  const child: ChildProcess = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  // A binary that cannot be spawned (not installed) emits 'error' and never 'exit'.
  const exited = new Promise<void>((resolve) => {
    child.on('exit', () => resolve());
    child.on('error', (error) => {
      out += `\ncannot start ${command}: ${error.message}`;
      resolve();
    });
  });
  return {
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
