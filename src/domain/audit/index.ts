// The hash chain over all events and admin audit lines: how a record is hashed and how the chain is verified; signed checkpoints of it; the read model against the log.
export { GENESIS_HASH, adminChainPayload, chainPayload, ChainVerifier } from './hash-chain.js';
export type { AdminChainRecord, ChainLink, ChainRecord, ChainBreak } from './hash-chain.js';
export { checkpointLinkText, checkpointPayload, checkCheckpoints, nextCheckpointLink } from './checkpoint.js';
export type { AuditCheckpoint, CheckpointBreak } from './checkpoint.js';
export { READ_MODEL_COLUMNS, findReadModelMismatch } from './read-model-check.js';
export type { ReadModelColumn, ReadModelMismatch } from './read-model-check.js';
