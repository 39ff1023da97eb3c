import type { LogSourceConfig } from '../config/index.js';
import type { EpochMs } from '../../domain/time/index.js';

export interface EvidencePart {
  readonly source: string;
  readonly ok: boolean;
  /** "12 KB, truncated at 1 MB", "exit 0", or why it failed. */
  readonly detail: string;
}

export interface EvidenceBundle {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly parts: readonly EvidencePart[];
}

/**
 * Gathers log sources into one evidence bundle file. collect: every source is tried (a failing
 * source is a part with ok false, not a throw); throws only when the bundle cannot be written.
 */
export interface EvidenceCollector {
  collect(request: { readonly incidentId: string; readonly rule: string; readonly at: EpochMs; readonly sources: readonly LogSourceConfig[] }): Promise<EvidenceBundle>;
}
