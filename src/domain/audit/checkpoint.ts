/**
 * Signed checkpoints of the chain: at a moment, "the chain reached sequence N with hash H", signed
 * with an Ed25519 key. Checkpoints form their own chain: each signs its ordinal (n − 1 checkpoints
 * came before it) and the hash of the checkpoint before it, so removing one in the middle breaks the
 * next, and a copy of the last one kept outside the database shows removals at the end. Signing,
 * verifying and hashing are injected (the domain does no cryptography itself).
 */
import { GENESIS_HASH } from './hash-chain.js';

export interface AuditCheckpoint {
  /** Its position among all checkpoints, from 1: n − 1 checkpoints came before it. */
  readonly ordinal: number;
  /**
   * `checkpointLinkHash` of checkpoint n − 1 (GENESIS_HASH for the first); null for a checkpoint
   * signed before checkpoints were chained (format v1, whose ordinal is not signed).
   */
  readonly prevHash: string | null;
  readonly seq: number;
  readonly chainHash: string;
  readonly at: number;
  readonly keyId: string;
  /** Base64 Ed25519 signature of `checkpointPayload`. */
  readonly signature: string;
}

/** The exact text that is signed (v2: chained; v1: checkpoints signed before the checkpoint chain). */
export function checkpointPayload(c: Omit<AuditCheckpoint, 'signature'>): string {
  if (c.prevHash === null) return JSON.stringify(['incident-response audit checkpoint v1', c.seq, c.chainHash, c.at, c.keyId]);
  return JSON.stringify(['incident-response audit checkpoint v2', c.ordinal, c.seq, c.chainHash, c.at, c.keyId, c.prevHash]);
}

/** The text whose hash the next checkpoint signs as `prevHash`: what was signed, and the signature. */
export function checkpointLinkText(c: AuditCheckpoint): string {
  return JSON.stringify([checkpointPayload(c), c.signature]);
}

/** What the next checkpoint after `last` (the one with the highest ordinal, if any) carries. */
export function nextCheckpointLink(last: AuditCheckpoint | undefined, hash: (text: string) => string): { ordinal: number; prevHash: string } {
  return last === undefined ? { ordinal: 1, prevHash: GENESIS_HASH } : { ordinal: last.ordinal + 1, prevHash: hash(checkpointLinkText(last)) };
}

export type CheckpointBreak = {
  readonly seq: number;
  readonly keyId: string;
  readonly reason: 'bad-signature' | 'unknown-key' | 'chain-mismatch' | 'beyond-chain' | 'checkpoints-removed' | 'checkpoint-replaced';
  readonly detail: string;
};

const thousands = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Checks checkpoints against the hash the chain has at their sequence number, and against each
 * other: ordered by ordinal, checkpoint n must be the n-th and link to the one before it. `known` is
 * the last checkpoint remembered outside the database (the local state beside the signing key): the
 * checkpoints must still reach it, unchanged. `hashAt(seq)` is undefined when the chain does not
 * reach that far, null when that part of the chain cannot be judged (it is past a break reported
 * already); `verify` returns undefined for a key it does not trust.
 */
export function checkCheckpoints<C extends AuditCheckpoint>(
  checkpoints: readonly C[],
  hashAt: (seq: number) => string | undefined | null,
  verify: (checkpoint: C, payload: string) => boolean | undefined,
  hash: (text: string) => string,
  known?: C,
): CheckpointBreak | undefined {
  const signatureBreak = (c: C, what: string): CheckpointBreak | undefined => {
    const ok = verify(c, checkpointPayload(c));
    if (ok === undefined) {
      return { seq: c.seq, keyId: c.keyId, reason: 'unknown-key', detail: `${what} at sequence ${c.seq} is signed with key ${c.keyId}, which is not a trusted key` };
    }
    if (!ok) {
      return { seq: c.seq, keyId: c.keyId, reason: 'bad-signature', detail: `the signature of ${what} at sequence ${c.seq} (key ${c.keyId}) does not verify: it was changed or forged` };
    }
    return undefined;
  };
  const chainBreak = (c: C, what: string): CheckpointBreak | undefined => {
    const actual = hashAt(c.seq);
    if (actual === null) return undefined;
    if (actual === undefined) {
      return { seq: c.seq, keyId: c.keyId, reason: 'beyond-chain', detail: `${what} signed sequence ${c.seq}, but the chain no longer reaches it: events were deleted` };
    }
    if (actual !== c.chainHash) {
      return { seq: c.seq, keyId: c.keyId, reason: 'chain-mismatch', detail: `the chain hash at sequence ${c.seq} is not the one ${what} signed: the log was rewritten up to there` };
    }
    return undefined;
  };

  const sorted = [...checkpoints].sort((a, b) => a.ordinal - b.ordinal || a.seq - b.seq || a.at - b.at);
  let previous: C | undefined;
  for (const [i, c] of sorted.entries()) {
    const what = `checkpoint #${c.ordinal}`;
    const broken = signatureBreak(c, what);
    if (broken !== undefined) return broken;
    if (c.prevHash !== null) {
      const position = i + 1;
      if (c.ordinal > position) {
        const removed = c.ordinal - position;
        return {
          seq: c.seq, keyId: c.keyId, reason: 'checkpoints-removed',
          detail: `${plural(removed, 'checkpoint')} ${removed === 1 ? 'was' : 'were'} removed before ${what}: it was signed as #${c.ordinal}, but the database holds ${plural(i, 'checkpoint')} before it`,
        };
      }
      const expected = nextCheckpointLink(previous, hash).prevHash;
      if (c.ordinal < position || c.prevHash !== expected) {
        return {
          seq: c.seq, keyId: c.keyId, reason: 'checkpoint-replaced',
          detail: `${what} does not link to the checkpoint before it: a checkpoint was replaced, removed or added`,
        };
      }
    }
    const mismatch = chainBreak(c, what);
    if (mismatch !== undefined) return mismatch;
    previous = c;
  }

  if (known !== undefined) {
    const what = `the last checkpoint known to this key (#${known.ordinal})`;
    const broken = signatureBreak(known, what);
    if (broken !== undefined) return broken;
    const stored = sorted.find((c) => c.ordinal === known.ordinal);
    const last = sorted[sorted.length - 1];
    if (stored === undefined && (last === undefined || last.ordinal < known.ordinal)) {
      const removed = known.ordinal - (last?.ordinal ?? 0);
      return {
        seq: known.seq, keyId: known.keyId, reason: 'checkpoints-removed',
        detail: `${plural(removed, 'checkpoint')} ${removed === 1 ? 'was' : 'were'} removed: the last signed checkpoint known to this key is #${known.ordinal} at seq ${thousands(known.seq)}; the database holds ${last === undefined ? 'none' : `#${last.ordinal}`}`,
      };
    }
    if (stored === undefined || stored.signature !== known.signature || stored.seq !== known.seq || stored.chainHash !== known.chainHash) {
      return {
        seq: known.seq, keyId: known.keyId, reason: 'checkpoint-replaced',
        detail: `checkpoint #${known.ordinal} in the database is not the one this key signed (sequence ${thousands(known.seq)}): it was replaced`,
      };
    }
    const mismatch = chainBreak(known, what);
    if (mismatch !== undefined) return mismatch;
  }
  return undefined;
}
