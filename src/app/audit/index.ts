// Audit use cases: verifying the hash-chained event log, signed checkpoints of it, the admin audit trail.
export { verifyAuditChain } from './verify-audit-chain.js';
export type { AuditResult } from './verify-audit-chain.js';
export { createCheckpoint, verifyAuditTrail } from './audit-checkpoints.js';
export type { AuditTrailResult, AuditBreak, CheckpointSummary, CheckpointTrust, ReadModelBreak } from './audit-checkpoints.js';
