import type { EpochMs } from '../../domain/time/index.js';
import type { LogSourceConfig } from '../config/index.js';
import type { Actor, IncidentService } from '../incidents/index.js';
import type { EvidenceCollector } from '../ports/index.js';

/** Where `begin_log_collection()` reads from, and the writer of its bundle. */
export interface EvidenceSetup {
  readonly collector: EvidenceCollector;
  readonly sources: readonly LogSourceConfig[];
}

export interface EvidenceRequest {
  readonly incidentId: string;
  /** The canonical action, as the timeline names it. */
  readonly canonical: string;
  /** What asked (a rule's name, `step:<key>`), for the bundle. */
  readonly origin: string;
  /** Set for a rule's action, so the timeline names the rule. */
  readonly rule?: string;
  readonly runId?: string;
  readonly at: EpochMs;
  readonly actor: Actor;
}

/**
 * `begin_log_collection()`: gathers every configured log source into one evidence bundle and records
 * its path, size and SHA-256 (`done`, or `failed` when every source failed); `skipped` with what to
 * configure when there are no sources.
 */
export async function collectEvidence(incidents: Pick<IncidentService, 'recordAction'>, evidence: EvidenceSetup | undefined, req: EvidenceRequest): Promise<void> {
  const base = { action: req.canonical, ...(req.rule !== undefined ? { rule: req.rule } : {}), ...(req.runId !== undefined ? { runId: req.runId } : {}) };
  if (evidence === undefined || evidence.sources.length === 0) {
    await incidents.recordAction(req.incidentId, { ...base, status: 'skipped', detail: 'no log sources are configured; add detection.log_collection.sources' }, req.actor);
    return;
  }
  try {
    const bundle = await evidence.collector.collect({ incidentId: req.incidentId, rule: req.origin, at: req.at, sources: evidence.sources });
    const failed = bundle.parts.filter((p) => !p.ok);
    const parts = bundle.parts.map((p) => `${p.source}: ${p.ok ? '' : 'failed, '}${p.detail}`).join('; ');
    await incidents.recordAction(req.incidentId, {
      ...base,
      status: failed.length === bundle.parts.length ? 'failed' : 'done',
      detail: `evidence bundle of ${bundle.parts.length} source${bundle.parts.length === 1 ? '' : 's'} (${parts})`,
      artifact: { path: bundle.path, sha256: bundle.sha256, bytes: bundle.bytes },
    }, req.actor);
  } catch (error) {
    await incidents.recordAction(req.incidentId, { ...base, status: 'failed', detail: `cannot write the evidence bundle: ${error instanceof Error ? error.message : String(error)}` }, req.actor);
  }
}
