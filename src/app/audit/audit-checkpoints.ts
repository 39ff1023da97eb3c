import {
  ChainVerifier, GENESIS_HASH, checkCheckpoints, checkpointPayload, findReadModelMismatch, nextCheckpointLink,
  type AuditCheckpoint, type ChainBreak, type CheckpointBreak,
} from '../../domain/audit/index.js';
import { applyIncidentEvent, type IncidentState } from '../../domain/incident/index.js';
import type { AuditSigner, AuditTrailStore, Clock, IncidentAuditPage, IncidentStore, SignatureCheck, StoredCheckpoint } from '../ports/index.js';

/**
 * Records a signed checkpoint of the chain head now (or returns the one that already covers it).
 * It carries its ordinal and the hash of the checkpoint before it, so checkpoints chain too.
 */
export async function createCheckpoint(
  store: AuditTrailStore,
  signer: AuditSigner,
  clock: Clock,
  hash: (text: string) => string,
): Promise<{ checkpoint: StoredCheckpoint; created: boolean }> {
  const at = clock.now();
  return store.checkpointChainHead(signer.keyId, (head, last) => {
    const unsigned = { ...nextCheckpointLink(last, hash), seq: head.seq, chainHash: head.hash, at, keyId: signer.keyId };
    return { ...unsigned, publicKey: signer.publicKeyPem, signature: signer.sign(checkpointPayload(unsigned)) };
  });
}

/** Where the checkpoints and the keys trusted to have signed them come from. */
export type CheckpointTrust =
  /** Checkpoints exported earlier (a file kept off the database), verified with the keys in that file. */
  | { readonly kind: 'file'; readonly checkpoints: readonly StoredCheckpoint[]; readonly keys: ReadonlyMap<string, string> }
  /**
   * The database's checkpoints, trusted only when signed by the signing key (or another public key
   * kept beside it); `known` is the last checkpoint this key signed, remembered beside it.
   */
  | {
    readonly kind: 'configured-key';
    readonly keyId: string;
    readonly publicKeyPem: string;
    /** Where the key is kept, shown by `audit verify`. */
    readonly keyFile?: string;
    /** Further trusted public keys by key id (retired keys, other servers' keys). */
    readonly otherKeys?: ReadonlyMap<string, string>;
    readonly known?: AuditCheckpoint;
  }
  /** No key: the database's checkpoints with the public keys stored beside them (proves integrity, not origin). */
  | { readonly kind: 'database' };

/** An incident whose stored read model is not the fold of its events. */
export interface ReadModelBreak {
  /** The last event of the incident that was folded (0 when it has none). */
  readonly seq: number;
  readonly incidentId: string;
  readonly reason: 'read-model-mismatch' | 'read-model-missing';
  /** The first field that differs: a column (`incident_type`) or `state.<field>`. */
  readonly field: string;
  readonly detail: string;
}

export type AuditBreak =
  | (ChainBreak & { readonly kind: 'chain' })
  | (CheckpointBreak & { readonly kind: 'checkpoint'; readonly incidentId: '' })
  | (ReadModelBreak & { readonly kind: 'read-model' });

export type AuditTrailResult =
  | { readonly ok: true; readonly count: number; readonly headSeq: number; readonly checkpoints: CheckpointSummary; readonly incidentsChecked: number }
  | { readonly ok: false; readonly count: number; readonly firstBroken: AuditBreak; readonly checkpoints: CheckpointSummary };

export interface CheckpointSummary {
  readonly count: number;
  readonly trust: CheckpointTrust['kind'];
  /** The last checkpoint's sequence number, when there is one. */
  readonly lastSeq: number | null;
  /** The last checkpoint's ordinal, when there is one. */
  readonly lastOrdinal: number | null;
  /** The trusted signing key (configured-key trust). */
  readonly keyId?: string;
  readonly keyFile?: string;
  /** The last checkpoint this key signed, as remembered beside the key. */
  readonly known?: { readonly ordinal: number; readonly seq: number };
}

const PAGE = 5000;
const INCIDENT_PAGE = 500;

/**
 * Walks the whole chain (events and admin audit lines) in pages, checking every link and hash, that
 * the last row is the recorded head, and that every checkpoint's signature verifies, its hash is the
 * chain's at its sequence, and no checkpoint is missing. The first problem by sequence number is
 * reported. When all that holds, every incident is folded again from its events and compared with
 * its stored read model.
 */
export async function verifyAuditTrail(
  store: IncidentStore & AuditTrailStore,
  hash: (text: string) => string,
  checkSignature: SignatureCheck,
  trust: CheckpointTrust,
): Promise<AuditTrailResult> {
  const checkpoints = trust.kind === 'file' ? trust.checkpoints : await store.listCheckpoints();
  const known = trust.kind === 'configured-key' ? trust.known : undefined;
  const wanted = new Set([...checkpoints.map((c) => c.seq), ...(known === undefined ? [] : [known.seq])]);
  const hashes = new Map<number, string>();
  if (wanted.has(0)) hashes.set(0, GENESIS_HASH);

  const verifier = new ChainVerifier(hash);
  let chainBreak: ChainBreak | undefined;
  for (;;) {
    const page = await store.readChainLinks(verifier.lastSeq, PAGE);
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

  const trustedKey = (c: StoredCheckpoint | AuditCheckpoint): string | undefined => {
    switch (trust.kind) {
      case 'file': return trust.keys.get(c.keyId);
      case 'configured-key': return c.keyId === trust.keyId ? trust.publicKeyPem : trust.otherKeys?.get(c.keyId);
      case 'database': return 'publicKey' in c ? c.publicKey : undefined;
    }
  };
  const brokenAt = chainBreak?.seq;
  const checkpointBreak = checkCheckpoints<AuditCheckpoint>(
    checkpoints,
    // A checkpoint beyond a chain break cannot be judged by its hash; the chain break is reported.
    (seq) => (brokenAt !== undefined && seq >= brokenAt ? null : hashes.get(seq)),
    (c, payload) => {
      const pem = trustedKey(c);
      return pem === undefined ? undefined : checkSignature(pem, payload, c.signature);
    },
    hash,
    known,
  );

  const last = checkpoints.reduce<AuditCheckpoint | undefined>((a, c) => (a === undefined || c.ordinal > a.ordinal ? c : a), undefined);
  const summary: CheckpointSummary = {
    count: checkpoints.length,
    trust: trust.kind,
    lastSeq: last?.seq ?? null,
    lastOrdinal: last?.ordinal ?? null,
    ...(trust.kind === 'configured-key' ? { keyId: trust.keyId, ...(trust.keyFile === undefined ? {} : { keyFile: trust.keyFile }) } : {}),
    ...(known === undefined ? {} : { known: { ordinal: known.ordinal, seq: known.seq } }),
  };
  const breaks: AuditBreak[] = [];
  if (chainBreak !== undefined) breaks.push({ ...chainBreak, kind: 'chain' });
  if (checkpointBreak !== undefined) breaks.push({ ...checkpointBreak, kind: 'checkpoint', incidentId: '' });
  breaks.sort((a, b) => a.seq - b.seq);
  const first = breaks[0];
  if (first !== undefined) return { ok: false, count: verifier.count, firstBroken: first, checkpoints: summary };

  const readModel = await checkReadModel(store, verifier.lastSeq);
  if (readModel.broken !== undefined) return { ok: false, count: verifier.count, firstBroken: { ...readModel.broken, kind: 'read-model' }, checkpoints: summary };
  return { ok: true, count: verifier.count, headSeq: verifier.lastSeq, checkpoints: summary, incidentsChecked: readModel.count };
}

/**
 * Every incident's read model against the fold of its events, a page of incidents at a time. Rows
 * are read before their events, so an event appended meanwhile is newer than the row: only events
 * up to the row's version are folded, and an event the chain walk already saw (seq ≤ `headSeq`)
 * beyond that version means the row is stale.
 */
async function checkReadModel(store: AuditTrailStore, headSeq: number): Promise<{ count: number; broken?: ReadModelBreak }> {
  let after = '';
  let count = 0;
  for (;;) {
    const page = await store.readIncidentAuditPage(after, INCIDENT_PAGE);
    for (const row of page) {
      count++;
      const broken = checkIncident(row, headSeq);
      if (broken !== undefined) return { count, broken };
    }
    if (page.length < INCIDENT_PAGE) break;
    after = page[page.length - 1]!.id;
  }
  const orphan = await store.findIncidentWithoutReadModel();
  if (orphan !== undefined) {
    return {
      count,
      broken: { seq: 0, incidentId: orphan, reason: 'read-model-missing', field: 'id', detail: `${orphan} has events in the log but no read model: its row was deleted, so it is missing from every list` },
    };
  }
  return { count };
}

function checkIncident(row: IncidentAuditPage[number], headSeq: number): ReadModelBreak | undefined {
  const mismatch = (seq: number, field: string, detail: string): ReadModelBreak => ({
    seq, incidentId: row.id, reason: 'read-model-mismatch', field, detail: `the read model of ${row.id} does not match its events: ${detail}`,
  });
  const storedVersion = Number(row.columns.version);
  let folded: IncidentState | undefined;
  let lastSeq = 0;
  for (const e of row.events) {
    if (e.version > storedVersion) {
      if (e.seq <= headSeq) return mismatch(e.seq, 'version', `it is at version ${storedVersion}, but the log has version ${e.version} (sequence ${e.seq})`);
      break;
    }
    try {
      folded = applyIncidentEvent(folded, e);
    } catch {
      return mismatch(e.seq, 'version', `its events do not fold (at version ${e.version}, sequence ${e.seq})`);
    }
    lastSeq = e.seq;
  }
  if (folded === undefined) return mismatch(0, 'id', 'it has a read model but no events in the log');
  // The store writes JSON.stringify of the fold, so an untouched document is the same text: compare
  // the text first and parse only when it differs (parsing every document would triple the cost).
  const state = JSON.stringify(folded) === row.stateJson ? folded : parseState(row.stateJson);
  if (state === undefined) return mismatch(lastSeq, 'state', 'the stored state document is not JSON');
  const m = findReadModelMismatch(folded, row.columns, state as unknown as Record<string, unknown>);
  if (m === undefined) return undefined;
  return mismatch(lastSeq, m.field, `${m.field} is ${show(m.expected)} in the log but ${show(m.found)} in the database`);
}

function parseState(json: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function show(value: unknown): string {
  const text = value === undefined ? 'absent' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
