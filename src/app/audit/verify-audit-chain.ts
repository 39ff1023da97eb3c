import { ChainVerifier, type ChainBreak } from '../../domain/audit/index.js';
import type { IncidentStore } from '../ports/index.js';

export type AuditResult =
  | { readonly ok: true; readonly count: number; readonly headSeq: number }
  | { readonly ok: false; readonly count: number; readonly firstBroken: ChainBreak };

const PAGE = 5000;

/**
 * Walks the whole chain (events and admin audit lines) in pages and checks every link and hash, then
 * that the last row is the recorded head (rows deleted at the end would otherwise go unnoticed).
 */
export async function verifyAuditChain(store: IncidentStore, hash: (text: string) => string): Promise<AuditResult> {
  const verifier = new ChainVerifier(hash);
  for (;;) {
    const page = await store.readChainLinks(verifier.lastSeq, PAGE);
    if (page.length === 0) break;
    const broken = verifier.check(page);
    if (broken !== undefined) return { ok: false, count: verifier.count, firstBroken: broken };
    if (page.length < PAGE) break;
  }
  const head = await store.chainHead();
  if (head.seq !== verifier.lastSeq || head.hash !== verifier.lastHash) {
    return {
      ok: false,
      count: verifier.count,
      firstBroken: {
        seq: verifier.lastSeq + 1,
        incidentId: '',
        reason: 'head-mismatch',
        detail: `the chain ends at sequence ${verifier.lastSeq} but the recorded head is ${head.seq}: rows at the end were deleted or the head was edited`,
      },
    };
  }
  return { ok: true, count: verifier.count, headSeq: head.seq };
}
