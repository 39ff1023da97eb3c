import { execFile } from 'node:child_process';

export interface CommandOutput {
  readonly ok: boolean;
  /** "exit 0", "exit 3", "killed after 10000 ms", "cannot start: ENOENT". */
  readonly outcome: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly isTruncated: boolean;
}

/**
 * Runs `argv[0]` with the rest as arguments, without a shell (no globbing, pipes or variable
 * expansion: an argument is passed as written). Killed with SIGKILL after `timeoutMs`; output past
 * `maxBytes` is cut and the process is killed. Never throws.
 */
export function runCommand(argv: readonly string[], timeoutMs: number, maxBytes: number): Promise<CommandOutput> {
  const [program, ...args] = argv;
  return new Promise((resolve) => {
    execFile(program!, args, { shell: false, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: maxBytes, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      const out = { stdout: String(stdout), stderr: String(stderr) };
      if (error === null) return resolve({ ok: true, outcome: 'exit 0', ...out, isTruncated: false });
      const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: string | number | null };
      if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return resolve({ ok: false, outcome: `output over ${maxBytes} bytes; cut there and the process was stopped`, ...out, isTruncated: true });
      if (e.killed && e.signal === 'SIGKILL') return resolve({ ok: false, outcome: `killed after ${timeoutMs} ms (timeout)`, ...out, isTruncated: false });
      if (typeof e.code === 'number') return resolve({ ok: false, outcome: `exit ${e.code}`, ...out, isTruncated: false });
      if (e.signal) return resolve({ ok: false, outcome: `ended by ${e.signal}`, ...out, isTruncated: false });
      return resolve({ ok: false, outcome: `cannot start ${program}: ${e.code ?? e.message}`, ...out, isTruncated: false });
    });
  });
}
