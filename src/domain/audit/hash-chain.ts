/**
 * The tamper-evident chain. Every stored event, and every line of the admin audit trail, carries the
 * hash of the record before it (one global sequence across all incidents and admin changes), so
 * editing, deleting or reordering a row breaks the chain at that row. The hash function itself is
 * injected (the domain does no I/O).
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

/** One line of the admin audit trail (tokens, sign-ins, configuration, integrations, silences) as stored in the chain. */
export interface AdminChainRecord {
  readonly source: 'admin';
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  /** The detail as stored (JSON text), hashed byte for byte. */
  readonly detailJson: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** A row of the one chain: an incident event or an admin audit line. */
export type ChainLink = ChainRecord | AdminChainRecord;

export const GENESIS_HASH = '0'.repeat(64);

/** The exact text that is hashed for a record; fields are separated so no two records collide. */
export function chainPayload(r: Omit<ChainRecord, 'hash'>): string {
  return JSON.stringify([r.seq, r.incidentId, r.version, r.kind, r.at, r.actor, r.dataJson, r.prevHash]);
}

/**
 * The text hashed for an admin audit line. Its first element is a marker no incident id can equal,
 * so an admin line never hashes like an event.
 */
export function adminChainPayload(r: Omit<AdminChainRecord, 'hash' | 'source'>): string {
  return JSON.stringify(['admin', r.seq, r.at, r.actor, r.action, r.subject, r.detailJson, r.prevHash]);
}

function isAdmin(r: ChainLink): r is AdminChainRecord {
  return 'source' in r && r.source === 'admin';
}

/** How a break names the row: the incident and event, or the admin action. */
function describeLink(r: ChainLink): string {
  return isAdmin(r) ? `admin audit ${r.action} by ${r.actor} on ${r.subject}` : `${r.incidentId} v${r.version} ${r.kind}`;
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
  check(records: readonly ChainLink[]): ChainBreak | undefined {
    for (const r of records) {
      const admin = isAdmin(r);
      // Admin lines belong to no incident.
      const incidentId = admin ? '' : r.incidentId;
      if (r.seq < this.expectedSeq) {
        return { seq: r.seq, incidentId, reason: 'out-of-order', detail: `sequence ${r.seq} appears after ${this.expectedSeq - 1}` };
      }
      if (r.seq > this.expectedSeq) {
        return { seq: this.expectedSeq, incidentId, reason: 'missing', detail: `sequence ${this.expectedSeq}${r.seq - this.expectedSeq > 1 ? `–${r.seq - 1}` : ''} is missing (next present: ${r.seq}, ${admin ? describeLink(r) : r.incidentId})` };
      }
      if (r.prevHash !== this.prevHash) {
        return { seq: r.seq, incidentId, reason: 'broken-link', detail: `sequence ${r.seq} (${describeLink(r)}) does not link to the hash of sequence ${r.seq - 1}` };
      }
      // The payload functions read only the hashed fields, so the record goes in as it is (no copy per row).
      const stored = r.hash;
      if (this.hash(admin ? adminChainPayload(r) : chainPayload(r)) !== stored) {
        return { seq: r.seq, incidentId, reason: 'edited', detail: `sequence ${r.seq} (${describeLink(r)}) does not match its hash: the row was changed` };
      }
      this.prevHash = stored;
      this.expectedSeq++;
      this.counted++;
    }
    return undefined;
  }
}
