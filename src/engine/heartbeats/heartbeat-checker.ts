import type { HeartbeatConfig } from '../../app/config/index.js';
import type { IncidentService } from '../../app/incidents/index.js';
import type { Clock, HeartbeatStore } from '../../app/ports/index.js';
import { decideResolve, isActiveStatus } from '../../domain/incident/index.js';
import type { DurationMs, EpochMs } from '../../domain/time/index.js';
import { decideHeartbeat } from './decide-heartbeat.js';

export interface HeartbeatLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface HeartbeatCheckerDeps {
  readonly heartbeats: readonly HeartbeatConfig[];
  readonly store: HeartbeatStore;
  readonly incidents: Pick<IncidentService, 'declareIn' | 'recordIn'>;
  readonly clock: Clock;
  readonly intervalMs: DurationMs;
  readonly log?: HeartbeatLog;
}

/** What one tick did, by heartbeat name. */
export interface HeartbeatTickReport {
  readonly at: EpochMs;
  readonly opened: { readonly name: string; readonly incidentId: string }[];
  readonly resolved: { readonly name: string; readonly incidentId: string }[];
}

const ACTOR = (name: string) => ({ name: `heartbeat:${name}` });
const quietLog: HeartbeatLog = { info: () => undefined, error: () => undefined };

/**
 * The dead man's switch: each tick reads every configured heartbeat and, in one write transaction per
 * heartbeat, opens its incident or resolves it, recording the incident id beside the last ping so a
 * restarted server neither repeats nor forgets it.
 */
export class HeartbeatChecker {
  private cancel: (() => void) | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private readonly log: HeartbeatLog;

  constructor(private readonly deps: HeartbeatCheckerDeps) {
    this.log = deps.log ?? quietLog;
  }

  async tick(): Promise<HeartbeatTickReport> {
    const now = this.deps.clock.now();
    const report: HeartbeatTickReport = { at: now, opened: [], resolved: [] };
    for (const config of this.deps.heartbeats) await this.check(config, now, report);
    return report;
  }

  private check(config: HeartbeatConfig, now: EpochMs, report: HeartbeatTickReport): Promise<void> {
    return this.deps.store.writeHeartbeats(async (tx) => {
      const record = await tx.findHeartbeat(config.name);
      const decision = decideHeartbeat(config, record, now);
      switch (decision.kind) {
        case 'none':
          return;
        case 'start-watching':
          await tx.saveHeartbeatWatch({ name: config.name, watchSince: now, incidentId: undefined, incidentOpenedAt: undefined });
          return;
        case 'open': {
          const declared = await this.deps.incidents.declareIn(tx, {
            severity: config.severity, incidentType: config.incidentType, environment: config.environment,
            title: `Heartbeat '${config.name}' missed`, summary: decision.reason,
            ...(config.service !== undefined ? { service: config.service } : {}),
          }, ACTOR(config.name), now);
          await tx.saveHeartbeatWatch({ name: config.name, watchSince: record!.watchSince, incidentId: declared.id, incidentOpenedAt: now });
          report.opened.push({ name: config.name, incidentId: declared.id });
          this.log.info({ heartbeat: config.name, incident: declared.id }, decision.reason);
          return;
        }
        case 'resolve': {
          const incidentId = record!.incidentId!;
          // Someone may have resolved it already; then only the heartbeat's state is cleared.
          const state = await tx.findIncident(incidentId);
          if (state !== undefined && isActiveStatus(state.status)) {
            await this.deps.incidents.recordIn(tx, incidentId, ACTOR(config.name), now, (s) => (isActiveStatus(s.status) ? decideResolve(s, decision.reason) : []));
            report.resolved.push({ name: config.name, incidentId });
          }
          await tx.saveHeartbeatWatch({ name: config.name, watchSince: record!.watchSince, incidentId: undefined, incidentOpenedAt: undefined });
          this.log.info({ heartbeat: config.name, incident: incidentId }, decision.reason);
          return;
        }
      }
    });
  }

  /** Ticks every interval until stop(); a slow tick delays the next one rather than overlapping it. */
  start(): void {
    const loop = () => {
      this.running = this.tick().catch((error: unknown) => this.log.error({ err: error }, 'heartbeat check failed')).then(() => {
        if (this.cancel !== undefined) schedule();
      });
    };
    const schedule = () => {
      const timer = setTimeout(loop, this.deps.intervalMs);
      timer.unref();
      this.cancel = () => clearTimeout(timer);
    };
    schedule();
  }

  async stop(): Promise<void> {
    const cancel = this.cancel;
    this.cancel = undefined;
    cancel?.();
    await this.running;
  }
}
