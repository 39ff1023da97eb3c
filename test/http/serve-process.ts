// `incident-response serve` as a child process of a test: started from the built bundle on a free
// port, stopped by signal, with its output kept for assertions.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN, runBin } from '../support/cli.js';

export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves with the exit code once the process ends (sends nothing). */
  exited(): Promise<number | null>;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startServe(cwd: string, env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: cwd, IR_USER: 'tester', NO_COLOR: '1', ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start within 10 s:\n${out}`)), 10_000);
    const check = () => {
      const m = /Listening on (http:\/\/[^\s]+) /.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${out}`)));
  }).catch(async (error: unknown) => {
    // A server that never became ready has no handle for anyone to stop it with: stop it here.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    throw error;
  });
  return {
    url,
    child,
    output: () => out,
    exited: () => exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Creates a token with the CLI against the same database and returns it. */
export async function createToken(cwd: string, env: Record<string, string>, name: string, role: string): Promise<string> {
  const r = await runBin(['token', 'create', '--name', name, '--role', role, '--json'], { cwd, env });
  if (r.code !== 0) throw new Error(`token create failed (${r.code}): ${r.stderr}`);
  return (JSON.parse(r.stdout) as { token: string }).token;
}
