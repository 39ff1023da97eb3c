/**
 * The tamper-evident event chain. Every stored event carries the hash of the event before it
 * (across all incidents, in global sequence order), so editing, deleting or reordering a row
 * breaks the chain at that row. The hash function itself is injected (the domain does no I/O).
 */

/** One row of the chain as stored. */
export interface ChainRecord {
  readonly seq: number;
  readonly incidentId: string;
  readonly version: number;
  readonly kind: string;
  readonly at: number;
  readonly actor: string;
  /** The event's data as stored (JSON text), hashed byte for byte. */
  readonly dataJson: string;
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The exact text that is hashed for a record; fields are separated so no two records collide. */
export function chainPayload(r: Omit<ChainRecord, 'hash'>): string {
  return JSON.stringify([r.seq, r.incidentId, r.version, r.kind, r.at, r.actor, r.dataJson, r.prevHash]);
}

export type ChainBreak = {
  readonly seq: number;
  readonly incidentId: string;
  readonly reason: 'edited' | 'missing' | 'out-of-order' | 'broken-link' | 'head-mismatch';
  readonly detail: string;
};

/**
 * Walks records in stored order from a known position. Feed it page by page; it keeps only the
 * last hash and sequence number.
 */
export class ChainVerifier {
  private expectedSeq: number;
  private prevHash: string;
  private counted = 0;

  constructor(private readonly hash: (text: string) => string, start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH }) {
    this.expectedSeq = start.seq + 1;
    this.prevHash = start.hash;
  }

  get count(): number { return this.counted; }
  get lastSeq(): number { return this.expectedSeq - 1; }
  get lastHash(): string { return this.prevHash; }

  /** The first break in these records, or undefined when they continue the chain. */
  check(records: readonly ChainRecord[]): ChainBreak | undefined {
    for (const r of records) {
      if (r.seq < this.expectedSeq) {
        return { seq: r.seq, incidentId: r.incidentId, reason: 'out-of-order', detail: `sequence ${r.seq} appears after ${this.expectedSeq - 1}` };
      }
      if (r.seq > this.expectedSeq) {
        return { seq: this.expectedSeq, incidentId: r.incidentId, reason: 'missing', detail: `sequence ${this.expectedSeq}${r.seq - this.expectedSeq > 1 ? `–${r.seq - 1}` : ''} is missing (next present: ${r.seq}, ${r.incidentId})` };
      }
      if (r.prevHash !== this.prevHash) {
        return { seq: r.seq, incidentId: r.incidentId, reason: 'broken-link', detail: `sequence ${r.seq} does not link to the hash of sequence ${r.seq - 1}` };
      }
      // chainPayload reads only the hashed fields, so the record goes in as it is (no copy per row).
      const stored = r.hash;
      if (this.hash(chainPayload(r)) !== stored) {
        return { seq: r.seq, incidentId: r.incidentId, reason: 'edited', detail: `sequence ${r.seq} (${r.incidentId} v${r.version} ${r.kind}) does not match its hash: the row was changed` };
      }
      this.prevHash = stored;
      this.expectedSeq++;
      this.counted++;
    }
    return undefined;
  }
}
