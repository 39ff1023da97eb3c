import { ChainVerifier, GENESIS_HASH, checkCheckpoints, checkpointPayload, type ChainBreak, type CheckpointBreak } from '../../domain/audit/index.js';
import type { AuditSigner, AuditTrailStore, Clock, IncidentStore, SignatureCheck, StoredCheckpoint } from '../ports/index.js';

/** Records a signed checkpoint of the chain head now (or returns the one that already covers it). */
export async function createCheckpoint(store: AuditTrailStore, signer: AuditSigner, clock: Clock): Promise<{ checkpoint: StoredCheckpoint; created: boolean }> {
  const at = clock.now();
  return store.checkpointChainHead(signer.keyId, (head) => {
    const unsigned = { seq: head.seq, chainHash: head.hash, at, keyId: signer.keyId };
    return { ...unsigned, publicKey: signer.publicKeyPem, signature: signer.sign(checkpointPayload(unsigned)) };
  });
}

/** Where the checkpoints and the keys trusted to have signed them come from. */
export type CheckpointTrust =
  /** Checkpoints exported earlier (a file kept off the database), verified with the keys in that file. */
  | { readonly kind: 'file'; readonly checkpoints: readonly StoredCheckpoint[]; readonly keys: ReadonlyMap<string, string> }
  /** The database's checkpoints, trusted only when signed by the configured key. */
  | { readonly kind: 'configured-key'; readonly keyId: string; readonly publicKeyPem: string }
  /** No key configured: the database's checkpoints with the public keys stored beside them (proves integrity, not origin). */
  | { readonly kind: 'database' };

export type AuditBreak =
  | (ChainBreak & { readonly kind: 'chain' })
  | (CheckpointBreak & { readonly kind: 'checkpoint'; readonly incidentId: '' });

export type AuditTrailResult =
  | { readonly ok: true; readonly count: number; readonly headSeq: number; readonly checkpoints: CheckpointSummary }
  | { readonly ok: false; readonly count: number; readonly firstBroken: AuditBreak; readonly checkpoints: CheckpointSummary };

export interface CheckpointSummary {
  readonly count: number;
  readonly trust: CheckpointTrust['kind'];
  /** The last checkpoint's sequence number, when there is one. */
  readonly lastSeq: number | null;
}

const PAGE = 5000;

/**
 * Walks the whole event chain in pages, checking every link and hash, that the last row is the
 * recorded head, and that every checkpoint's signature verifies and its hash is the chain's at its
 * sequence. The first problem by sequence number is reported.
 */
export async function verifyAuditTrail(
  store: IncidentStore & AuditTrailStore,
  hash: (text: string) => string,
  checkSignature: SignatureCheck,
  trust: CheckpointTrust,
): Promise<AuditTrailResult> {
  const checkpoints = trust.kind === 'file' ? trust.checkpoints : await store.listCheckpoints();
  const wanted = new Set(checkpoints.map((c) => c.seq));
  const hashes = new Map<number, string>();
  if (wanted.has(0)) hashes.set(0, GENESIS_HASH);

  const verifier = new ChainVerifier(hash);
  let chainBreak: ChainBreak | undefined;
  for (;;) {
    const page = await store.readChain(verifier.lastSeq, PAGE);
    if (page.length === 0) break;
    chainBreak = verifier.check(page);
    for (const r of page) {
      if (chainBreak !== undefined && r.seq >= chainBreak.seq) break;
      if (wanted.has(r.seq)) hashes.set(r.seq, r.hash);
    }
    if (chainBreak !== undefined || page.length < PAGE) break;
  }
  if (chainBreak === undefined) {
    const head = await store.chainHead();
    if (head.seq !== verifier.lastSeq || head.hash !== verifier.lastHash) {
      chainBreak = {
        seq: verifier.lastSeq + 1,
        incidentId: '',
        reason: 'head-mismatch',
        detail: `the chain ends at sequence ${verifier.lastSeq} but the recorded head is ${head.seq}: rows at the end were deleted or the head was edited`,
      };
    }
  }

  const trustedKey = (c: StoredCheckpoint): string | undefined => {
    switch (trust.kind) {
      case 'file': return trust.keys.get(c.keyId);
      case 'configured-key': return c.keyId === trust.keyId ? trust.publicKeyPem : undefined;
      case 'database': return c.publicKey;
    }
  };
  const checkpointBreak = checkCheckpoints(
    // A checkpoint beyond a chain break cannot be judged by its hash; the chain break is reported.
    checkpoints.filter((c) => chainBreak === undefined || c.seq < chainBreak.seq),
    (seq) => hashes.get(seq),
    (c, payload) => {
      const pem = trustedKey(c);
      return pem === undefined ? undefined : checkSignature(pem, payload, c.signature);
    },
  );

  const summary: CheckpointSummary = { count: checkpoints.length, trust: trust.kind, lastSeq: checkpoints.length ? Math.max(...checkpoints.map((c) => c.seq)) : null };
  const breaks: AuditBreak[] = [];
  if (chainBreak !== undefined) breaks.push({ ...chainBreak, kind: 'chain' });
  if (checkpointBreak !== undefined) breaks.push({ ...checkpointBreak, kind: 'checkpoint', incidentId: '' });
  breaks.sort((a, b) => a.seq - b.seq);
  const first = breaks[0];
  if (first !== undefined) return { ok: false, count: verifier.count, firstBroken: first, checkpoints: summary };
  return { ok: true, count: verifier.count, headSeq: verifier.lastSeq, checkpoints: summary };
}
