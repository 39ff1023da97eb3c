import type { AuditCheckpoint, ReadModelColumn } from '../../domain/audit/index.js';
import type { AdminAuditRecord } from './alert-store.js';
import type { StoredEvent } from './incident-store.js';

/** A checkpoint as stored: with the public key it was signed with (trusted only when it matches a key you hold). */
export interface StoredCheckpoint extends AuditCheckpoint {
  /** SPKI PEM of the Ed25519 public key. */
  readonly publicKey: string;
}

/** Incidents as stored, for checking the read model against the log: the row and every event of it. */
export type IncidentAuditPage = readonly {
  readonly id: string;
  /** The row's indexed columns (numbers as numbers, absent values null). */
  readonly columns: Readonly<Record<ReadModelColumn, unknown>>;
  /** The state document as stored. */
  readonly stateJson: string;
  /** In version order; read after the row, so possibly newer than it. */
  readonly events: readonly StoredEvent[];
}[];

/** Signed checkpoints of the event chain and the admin audit trail. */
export interface AuditTrailStore {
  /**
   * Takes the writer lock, reads the chain head, and stores the checkpoint `sign` makes of it and of
   * the last checkpoint (highest ordinal); when a checkpoint with the same key already covers the
   * head, returns that one (created: false).
   */
  checkpointChainHead(
    keyId: string,
    sign: (head: { seq: number; hash: string }, last: StoredCheckpoint | undefined) => StoredCheckpoint,
  ): Promise<{ checkpoint: StoredCheckpoint; created: boolean }>;
  /** Every checkpoint, by ordinal. */
  listCheckpoints(): Promise<StoredCheckpoint[]>;
  /** Appends one line to the admin audit trail as the next link of the chain (its own write transaction). */
  recordAdminAudit(record: AdminAuditRecord): Promise<void>;
  /** Admin audit lines at or after `since`, newest first, at most `limit`. */
  readAdminAudit(filter: { readonly since?: number; readonly limit: number }): Promise<AdminAuditRecord[]>;
  /** Incident rows with `id > afterId`, by id, at most `limit`, each with its events. */
  readIncidentAuditPage(afterId: string, limit: number): Promise<IncidentAuditPage>;
  /** The first incident (by id) that has events but no read-model row, if any. */
  findIncidentWithoutReadModel(): Promise<string | undefined>;
}
