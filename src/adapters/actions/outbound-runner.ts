import type { OutboundCall } from '../../app/config/index.js';
import type { OutboundResult, OutboundRunner } from '../../app/ports/index.js';
import { assertNever } from '../../domain/errors/index.js';
import { guardedRequest, type AddressGuard } from '../outbound-net/index.js';
import { runCommand } from './run-command.js';

const OUTPUT_CAP = 64 * 1024;
const SHOWN = 500;

/**
 * Remediation calls: HTTP through the SSRF guard (`guard`, built by the composition root: it
 * trusts the configured remediation origins; redirects re-checked, the authorization header dropped
 * when one leaves the origin; a timeout ends it; 2xx is success), commands with execFile (no
 * shell). `${NAME}` in header values is replaced from `env` at call time, so tokens stay out of the
 * config file; an unset variable fails the call rather than sending an empty secret.
 */
export function createOutboundRunner(env: Readonly<Record<string, string | undefined>>, guard: AddressGuard): OutboundRunner {
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
            headers[name.toLowerCase()] = value.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_, v: string) => env[v] ?? '');
          }
          const reply = await guardedRequest({ method: call.method, url: call.url, headers, ...(call.body === undefined ? {} : { body: call.body }) }, { guard, timeoutMs });
          if ('failure' in reply) {
            return { ok: false, reason: `${call.method} ${call.url}: ${reply.failure === 'timeout' ? `no answer within ${timeoutMs} ms (timeout)` : reply.reason}` };
          }
          const said = clip(reply.body.trim().replace(/\s+/g, ' '));
          const line = `${call.method} ${call.url} answered ${reply.status}${said ? `: ${said}` : ''}`;
          return reply.status >= 200 && reply.status < 300 ? { ok: true, detail: line } : { ok: false, reason: line };
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
