import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { AddressGuard } from '../outbound-net/index.js';

export type ProbeResult =
  | { readonly ok: true; readonly status: number; readonly ms: number }
  | { readonly ok: false; readonly status?: number; readonly ms: number; readonly reason: string };

/**
 * One GET of `url` within `timeoutMs`, redirects not followed, through the address guard. Up is a
 * status within `expect`; the body is read and dropped. Never throws.
 */
export function probeUrl(url: string, timeoutMs: number, expect: { min: number; max: number }, guard: AddressGuard): Promise<ProbeResult> {
  const startedAt = performance.now();
  const ms = () => Math.round(performance.now() - startedAt);
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) {
    // A literal address skips DNS lookup, so it is checked here.
    const refused = guard.refusal(host);
    if (refused !== undefined) return Promise.resolve({ ok: false, ms: 0, reason: `refused: ${refused}` });
  }
  return new Promise((resolve) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, {
      method: 'GET',
      lookup: guard.lookup as never,
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'user-agent': 'incident-response-health-check', accept: '*/*' },
    }, (res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      res.on('end', () => {
        const isUp = status >= expect.min && status <= expect.max;
        resolve(isUp ? { ok: true, status, ms: ms() } : { ok: false, status, ms: ms(), reason: `answered ${status} (expected ${expect.min}–${expect.max})` });
      });
      res.on('error', (e) => resolve({ ok: false, status, ms: ms(), reason: describe(e, timeoutMs) }));
    });
    req.on('error', (e) => resolve({ ok: false, ms: ms(), reason: describe(e, timeoutMs) }));
    req.end();
  });
}

function describe(e: Error, timeoutMs: number): string {
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRREFUSED') return e.message;
  return code ?? e.message;
}
