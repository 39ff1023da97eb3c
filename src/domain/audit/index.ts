// The hash chain over all events: how a record is hashed and how the chain is verified; signed checkpoints of it.
export { GENESIS_HASH, chainPayload, ChainVerifier } from './hash-chain.js';
export type { ChainRecord, ChainBreak } from './hash-chain.js';
export { checkpointPayload, checkCheckpoints } from './checkpoint.js';
export type { AuditCheckpoint, CheckpointBreak } from './checkpoint.js';
