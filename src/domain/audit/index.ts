// The hash chain over all events: how a record is hashed and how the chain is verified.
export { GENESIS_HASH, chainPayload, ChainVerifier } from './hash-chain.js';
export type { ChainRecord, ChainBreak } from './hash-chain.js';
