import type { OutboundCall } from '../../app/config/index.js';
import type { OutboundResult, OutboundRunner } from '../../app/ports/index.js';
import { assertNever } from '../../domain/errors/index.js';
import { runCommand } from './run-command.js';

const OUTPUT_CAP = 64 * 1024;
const SHOWN = 500;

/**
 * Remediation calls: HTTP with fetch (a timeout aborts it; 2xx is success), commands with
 * execFile (no shell). `${NAME}` in header values is replaced from `env` at call time, so tokens
 * stay out of the config file; an unset variable fails the call rather than sending an empty secret.
 */
export function createOutboundRunner(env: Readonly<Record<string, string | undefined>>): OutboundRunner {
  return {
    async run(call: OutboundCall, timeoutMs: number): Promise<OutboundResult> {
      switch (call.kind) {
        case 'command': {
          const out = await runCommand(call.argv, timeoutMs, OUTPUT_CAP);
          const said = clip((out.stdout.trim() || out.stderr.trim()).replace(/\s+/g, ' '));
          return out.ok ? { ok: true, detail: `${out.outcome}${said ? `: ${said}` : ''}` } : { ok: false, reason: `${out.outcome}${said ? `: ${said}` : ''}` };
        }
        case 'http': {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(call.headers)) {
            const missing = [...value.matchAll(/\$\{([A-Z_][A-Z0-9_]*)\}/g)].map((m) => m[1]!).find((v) => env[v] === undefined);
            if (missing !== undefined) return { ok: false, reason: `header ${name} needs the environment variable ${missing}, which is not set` };
            headers[name] = value.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_, v: string) => env[v] ?? '');
          }
          try {
            const res = await fetch(call.url, { method: call.method, headers, ...(call.body === undefined ? {} : { body: call.body }), signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
            const said = clip((await res.text()).trim().replace(/\s+/g, ' '));
            const line = `${call.method} ${call.url} answered ${res.status}${said ? `: ${said}` : ''}`;
            return res.ok ? { ok: true, detail: line } : { ok: false, reason: line };
          } catch (error) {
            const e = error as Error & { cause?: { code?: string } };
            if (e.name === 'TimeoutError' || e.name === 'AbortError') return { ok: false, reason: `${call.method} ${call.url}: no answer within ${timeoutMs} ms (timeout)` };
            return { ok: false, reason: `${call.method} ${call.url}: ${e.cause?.code ?? e.message}` };
          }
        }
        default:
          return assertNever(call);
      }
    },
  };
}

function clip(s: string): string {
  return s.length > SHOWN ? `${s.slice(0, SHOWN - 1)}…` : s;
}
