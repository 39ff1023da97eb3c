import type { OutboundCall } from '../config/index.js';

export type OutboundResult =
  | { readonly ok: true; readonly detail: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Runs a configured remediation: an HTTP call, or a command without a shell. run: resolves within
 * `timeoutMs` (the call is aborted or the process killed then); a non-2xx answer, a non-zero exit,
 * a timeout or a network error is `{ ok: false, reason }`, never a throw.
 */
export interface OutboundRunner {
  run(call: OutboundCall, timeoutMs: number): Promise<OutboundResult>;
}
