import type { AuditCheckpoint } from '../../domain/audit/index.js';
import type { AdminAuditRecord } from './alert-store.js';

/** A checkpoint as stored: with the public key it was signed with (trusted only when it matches a key you hold). */
export interface StoredCheckpoint extends AuditCheckpoint {
  /** SPKI PEM of the Ed25519 public key. */
  readonly publicKey: string;
}

/** Signed checkpoints of the event chain and the admin audit trail. */
export interface AuditTrailStore {
  /**
   * Takes the writer lock, reads the chain head, and stores the checkpoint `sign` makes of it; when
   * a checkpoint with the same key already covers the head, returns that one (created: false).
   */
  checkpointChainHead(keyId: string, sign: (head: { seq: number; hash: string }) => StoredCheckpoint): Promise<{ checkpoint: StoredCheckpoint; created: boolean }>;
  /** Every checkpoint, oldest first (sequence, then time). */
  listCheckpoints(): Promise<StoredCheckpoint[]>;
  /** Appends one line to the admin audit trail (its own transaction). */
  recordAdminAudit(record: AdminAuditRecord): Promise<void>;
  /** Admin audit lines at or after `since`, newest first, at most `limit`. */
  readAdminAudit(filter: { readonly since?: number; readonly limit: number }): Promise<AdminAuditRecord[]>;
}
