// Audit use cases: verifying the hash-chained event log.
export { verifyAuditChain } from './verify-audit-chain.js';
export type { AuditResult } from './verify-audit-chain.js';
