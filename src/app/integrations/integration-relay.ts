import { isRestrictedIncidentType } from '../../domain/access/index.js';
import { SEVERITY_LABEL } from '../../domain/classification/index.js';
import type { IncidentEventData, IncidentState } from '../../domain/incident/index.js';
import { projectPublicIncident } from '../../domain/status-page/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import type { IncidentService } from '../incidents/index.js';
import type { IncidentStore } from '../ports/index.js';
import type { AnnotationMoment, AnnotationSink, PublicIncidentSink, SyncOutcome, TicketCloser } from './integration-sinks.js';

/** Events that change what the public page shows. */
const PUBLIC_KINDS: ReadonlySet<string> = new Set(['published', 'status-updated', 'resolved', 'reopened']);
const MOMENT_OF: Readonly<Record<string, AnnotationMoment>> = { declared: 'declared', mitigated: 'mitigated', resolved: 'resolved' };
export const INTEGRATIONS_ACTOR = { name: 'integrations' };

/** Events read per pass. */
const PAGE = 500;
/** Attempts of one job before it is given up (written on the timeline as failed). */
const MAX_ATTEMPTS = 8;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 30 * 60_000;

type Job =
  | { readonly kind: 'public'; readonly incidentId: string }
  | { readonly kind: 'annotate'; readonly incidentId: string; readonly moment: AnnotationMoment; readonly at: number }
  | { readonly kind: 'close-tickets'; readonly incidentId: string };

interface Pending { readonly job: Job; attempts: number; dueAt: number }

export interface RelayPass {
  readonly events: number;
  readonly done: number;
  readonly unchanged: number;
  readonly retrying: number;
  readonly failed: number;
}

export interface IntegrationRelayDeps {
  readonly store: Pick<IncidentStore, 'readChain' | 'chainHead' | 'findIncident' | 'readIncidentEvents' | 'write'>;
  readonly incidents: Pick<IncidentService, 'recordIn'>;
  readonly statusPage?: PublicIncidentSink;
  readonly annotations?: AnnotationSink;
  readonly tickets?: TicketCloser;
  /** Events before the log's head replayed when the relay starts (targets are idempotent, so a replay repeats nothing). */
  readonly replayEvents?: number;
}

function jobKey(job: Job): string {
  return job.kind === 'annotate' ? `${job.kind}:${job.incidentId}:${job.moment}` : `${job.kind}:${job.incidentId}`;
}

/**
 * Follows the event log and carries incident changes to outside systems: our public incidents to a
 * hosted status page, declaration / mitigation / resolution to dashboard annotations, and a
 * resolution to the incident's Remedy or Cherwell tickets. Every target is idempotent on its own
 * side (found again by our id), so the relay keeps only a position in the log and a retry queue in
 * memory: after a restart it replays the last events, and repeats change nothing. Outcomes other
 * than "already so" are written on the incident's timeline.
 */
export class IntegrationRelay {
  #afterSeq: number | undefined;
  readonly #pending = new Map<string, Pending>();

  constructor(private readonly deps: IntegrationRelayDeps) {}

  get hasTargets(): boolean {
    return this.deps.statusPage !== undefined || this.deps.annotations !== undefined || (this.deps.tickets?.systems.length ?? 0) > 0;
  }

  /** One pass: read new events, queue their jobs, run every job due at `now`. */
  async runOnce(now: EpochMs): Promise<RelayPass> {
    if (this.#afterSeq === undefined) this.#afterSeq = Math.max(0, (await this.deps.store.chainHead()).seq - (this.deps.replayEvents ?? 1000));
    let events = 0;
    for (;;) {
      const records = await this.deps.store.readChain(this.#afterSeq, PAGE);
      for (const r of records) {
        this.#afterSeq = r.seq;
        events++;
        for (const job of this.#jobsOf(r.incidentId, r.kind, r.at)) {
          const key = jobKey(job);
          // A newer event for the same target replaces a waiting job: the target is brought to the state now.
          this.#pending.set(key, { job, attempts: this.#pending.get(key)?.attempts ?? 0, dueAt: now });
        }
      }
      if (records.length < PAGE) break;
    }
    const counts = { events, done: 0, unchanged: 0, retrying: 0, failed: 0 };
    const timeline = new Map<string, IncidentEventData[]>();
    for (const [key, p] of [...this.#pending]) {
      if (p.dueAt > now) continue;
      const results = await this.#run(p.job);
      let isRetrying = false;
      for (const { action, outcome } of results) {
        const add = (e: IncidentEventData) => timeline.set(p.job.incidentId, [...(timeline.get(p.job.incidentId) ?? []), e]);
        switch (outcome.kind) {
          case 'done':
            counts.done++;
            add({ kind: 'action-recorded', action, status: 'done', detail: outcome.detail });
            break;
          case 'unchanged':
            counts.unchanged++;
            break;
          case 'failed':
            counts.failed++;
            add({ kind: 'action-recorded', action, status: 'failed', detail: outcome.reason });
            break;
          case 'retry':
            if (p.attempts + 1 >= MAX_ATTEMPTS) {
              counts.failed++;
              add({ kind: 'action-recorded', action, status: 'failed', detail: `${outcome.reason}; gave up after ${MAX_ATTEMPTS} attempts` });
            } else {
              isRetrying = true;
            }
            break;
        }
      }
      if (isRetrying) {
        p.attempts++;
        p.dueAt = now + Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (p.attempts - 1));
        counts.retrying++;
      } else {
        this.#pending.delete(key);
      }
    }
    if (timeline.size > 0) {
      await this.deps.store.write(async (tx) => {
        for (const [incidentId, list] of timeline) await this.deps.incidents.recordIn(tx, incidentId, INTEGRATIONS_ACTOR, now, () => list);
      });
    }
    return counts;
  }

  #jobsOf(incidentId: string, kind: string, at: number): Job[] {
    const jobs: Job[] = [];
    if (this.deps.statusPage !== undefined && PUBLIC_KINDS.has(kind)) jobs.push({ kind: 'public', incidentId });
    const moment = MOMENT_OF[kind];
    if (this.deps.annotations !== undefined && moment !== undefined) jobs.push({ kind: 'annotate', incidentId, moment, at });
    if ((this.deps.tickets?.systems.length ?? 0) > 0 && kind === 'resolved') jobs.push({ kind: 'close-tickets', incidentId });
    return jobs;
  }

  async #run(job: Job): Promise<{ action: string; outcome: SyncOutcome }[]> {
    const state = await this.deps.store.findIncident(job.incidentId);
    if (state === undefined) return [];
    const guard = async (action: string, work: () => Promise<SyncOutcome>) => {
      try {
        return { action, outcome: await work() };
      } catch (error) {
        return { action, outcome: { kind: 'retry' as const, reason: error instanceof Error ? error.message : String(error) } };
      }
    };
    switch (job.kind) {
      case 'public': {
        const sink = this.deps.statusPage;
        if (sink === undefined) return [];
        const incident = projectPublicIncident(state, await this.deps.store.readIncidentEvents(state.id));
        // Unpublished (or never public): nothing of it goes out.
        if (incident === undefined) return [];
        return [await guard(sink.name, () => sink.publish(incident))];
      }
      case 'annotate': {
        const sink = this.deps.annotations;
        if (sink === undefined) return [];
        return [await guard(sink.name, () => sink.annotate({
          incidentId: state.id, moment: job.moment, at: job.at, text: momentText(state, job.moment), service: state.service, severity: state.severity,
        }))];
      }
      case 'close-tickets': {
        const closer = this.deps.tickets;
        // Reopened since: the tickets stay open.
        if (closer === undefined || state.status !== 'resolved' && state.status !== 'closed') return [];
        const events = await this.deps.store.readIncidentEvents(state.id);
        const resolution = [...events].reverse().find((e) => e.data.kind === 'resolved');
        const summary = resolution?.data.kind === 'resolved' ? resolution.data.summary : 'Resolved.';
        const out: { action: string; outcome: SyncOutcome }[] = [];
        for (const e of events) {
          const d = e.data;
          if (d.kind !== 'ticket-linked' || d.itemId !== undefined || !closer.systems.includes(d.system)) continue;
          out.push(await guard(`${d.system}-ticket-closure`, () => closer.close(d.system, { key: d.key, ...(d.externalId === undefined ? {} : { externalId: d.externalId }) }, `${state.id} resolved: ${summary}`)));
        }
        return out;
      }
    }
  }
}

/** A confidential incident's annotation names its id and severity only, never the title. */
function momentText(state: IncidentState, moment: AnnotationMoment): string {
  const head = `${state.id} ${moment} (${SEVERITY_LABEL[state.severity].label})`;
  return isRestrictedIncidentType(state.incidentType) ? head : `${head}: ${state.title}`;
}
