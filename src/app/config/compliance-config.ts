import type { ComplianceSettings } from '../../domain/compliance/index.js';

/** `compliance:` — contacts and windows of the compliance clocks (docs/compliance.md). */
export type ComplianceConfig = ComplianceSettings;

/**
 * `audit:` — where the Ed25519 key that signs audit checkpoints comes from, and how often `serve`
 * checkpoints. The key itself is never held in the configuration.
 */
export interface AuditConfig {
  readonly signingKeyFile?: string;
  readonly signingKeyEnv?: string;
  /** How often `serve` signs a checkpoint of the chain head; 0 = never. */
  readonly checkpointEveryMs: number;
}
