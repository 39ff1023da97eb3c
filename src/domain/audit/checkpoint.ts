/**
 * Signed checkpoints of the event chain: at a moment, "the chain reached sequence N with hash H",
 * signed with the organisation's Ed25519 key. Exported off the database, they let an auditor prove
 * that the log was not rewritten since, even by someone able to recompute every hash. Signing and
 * verifying are injected (the domain does no cryptography itself).
 */

export interface AuditCheckpoint {
  readonly seq: number;
  readonly chainHash: string;
  readonly at: number;
  readonly keyId: string;
  /** Base64 Ed25519 signature of `checkpointPayload`. */
  readonly signature: string;
}

/** The exact text that is signed. */
export function checkpointPayload(c: Omit<AuditCheckpoint, 'signature'>): string {
  return JSON.stringify(['incident-response audit checkpoint v1', c.seq, c.chainHash, c.at, c.keyId]);
}

export type CheckpointBreak = {
  readonly seq: number;
  readonly keyId: string;
  readonly reason: 'bad-signature' | 'unknown-key' | 'chain-mismatch' | 'beyond-chain';
  readonly detail: string;
};

/**
 * Checks checkpoints (in seq order) against the hash the chain has at their sequence number.
 * `hashAt(seq)` is undefined when the chain does not reach that far; `verify` returns undefined for
 * a key it does not know.
 */
export function checkCheckpoints<C extends AuditCheckpoint>(
  checkpoints: readonly C[],
  hashAt: (seq: number) => string | undefined,
  verify: (checkpoint: C, payload: string) => boolean | undefined,
): CheckpointBreak | undefined {
  for (const c of [...checkpoints].sort((a, b) => a.seq - b.seq || a.at - b.at)) {
    const ok = verify(c, checkpointPayload({ seq: c.seq, chainHash: c.chainHash, at: c.at, keyId: c.keyId }));
    if (ok === undefined) {
      return { seq: c.seq, keyId: c.keyId, reason: 'unknown-key', detail: `the checkpoint at sequence ${c.seq} is signed with key ${c.keyId}, which is not a trusted key` };
    }
    if (!ok) {
      return { seq: c.seq, keyId: c.keyId, reason: 'bad-signature', detail: `the signature of the checkpoint at sequence ${c.seq} (key ${c.keyId}) does not verify: the checkpoint was changed or forged` };
    }
    const actual = hashAt(c.seq);
    if (actual === undefined) {
      return { seq: c.seq, keyId: c.keyId, reason: 'beyond-chain', detail: `a checkpoint signed sequence ${c.seq}, but the chain no longer reaches it: events were deleted` };
    }
    if (actual !== c.chainHash) {
      return { seq: c.seq, keyId: c.keyId, reason: 'chain-mismatch', detail: `the chain hash at sequence ${c.seq} is not the one the checkpoint signed: the log was rewritten up to there` };
    }
  }
  return undefined;
}
