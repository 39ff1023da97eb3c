// A detection engine on a fresh test database and a manual clock: rules from YAML text, a pushed
// metrics source the story writes to, and fakes only for the outside world (outbound calls).
import { RemediationRuns, RequestedActions, RuleActions } from '../../src/app/actions/index.js';
import { PagingService } from '../../src/app/paging/index.js';
import { DEFAULT_RESPONSE_CONFIG, type LogSourceConfig, type RemediationAction, type RemediationConfig } from '../../src/app/config/index.js';
import { PushedMetrics } from '../../src/app/detection/index.js';
import { IncidentService } from '../../src/app/incidents/index.js';
import type { EvidenceCollector, MetricSource, OutboundRunner, StoredEvent } from '../../src/app/ports/index.js';
import { parseTriggerRulesYaml } from '../../src/adapters/rules/index.js';
import { durationMs, epochMs, MINUTE, type EpochMs } from '../../src/domain/time/index.js';
import { DetectionEngine, type TickReport, type TickScheduler } from '../../src/engine/detection/index.js';
import { openTestStore, type StoreKind, type TestStore } from '../support/stores.js';

/** Monday 2 March 2026, 10:00 UTC. */
export const T0 = epochMs(Date.parse('2026-03-02T10:00:00Z'));

export interface WorldOptions {
  readonly rulesYaml: string;
  readonly remediation?: Partial<Record<RemediationAction, RemediationConfig>>;
  readonly runner?: OutboundRunner;
  readonly evidence?: { readonly collector: EvidenceCollector; readonly sources: readonly LogSourceConfig[] };
  readonly extraSources?: readonly MetricSource[];
  /** Timers for a started engine (a manual scheduler in scenario tests); real timers otherwise. */
  readonly scheduler?: (world: { now(): EpochMs; setNow(at: EpochMs): void }) => TickScheduler;
}

export interface World {
  readonly db: TestStore;
  readonly engine: DetectionEngine;
  readonly incidents: IncidentService;
  readonly pushed: PushedMetrics;
  readonly remediation: RemediationRuns;
  now(): EpochMs;
  /** Moves the clock `minutes` forward (no sleeping). */
  advance(minutes: number): void;
  /** Moves the clock to `at` (no sleeping); never backwards. */
  setNow(at: EpochMs): void;
  /** Pushes the samples at the current instant and evaluates once. */
  tickWith(samples: Record<string, number | boolean>): Promise<TickReport>;
  /** A fresh engine on the same database and clock: a restarted server. */
  restart(): DetectionEngine;
  ruleIncidents(rule: string): Promise<{ id: string; status: string; severity: string; type: string }[]>;
  timeline(id: string): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

const refusingRunner: OutboundRunner = { run: async () => ({ ok: false, reason: 'no runner in this test' }) };

export async function openWorld(kind: StoreKind, options: WorldOptions): Promise<World> {
  const db = await openTestStore(kind);
  let now = T0;
  const clock = { now: () => now };
  const ruleSet = parseTriggerRulesYaml(options.rulesYaml, 'triggers.yaml');
  // The default configuration: no escalation policy, no Slack, no status page (so paging, war-room
  // and status-page actions record why they were skipped).
  let ids = 0;
  const paging = new PagingService(DEFAULT_RESPONSE_CONFIG, () => `msg_${++ids}`);
  const incidents = new IncidentService(db.store, clock, DEFAULT_RESPONSE_CONFIG, paging);
  const pushed = new PushedMetrics(durationMs(2 * MINUTE));
  const remediation = new RemediationRuns(incidents, db.store, options.runner ?? refusingRunner, options.remediation ?? {});
  const setNow = (at: EpochMs) => { if (at > now) now = at; };
  const scheduler = options.scheduler?.({ now: () => now, setNow });
  const build = () => new DetectionEngine({
    ruleSet,
    sources: [pushed, ...(options.extraSources ?? [])],
    actions: new RuleActions(incidents, db.store, remediation, options.evidence, new RequestedActions({ incidents, store: db.store, paging, statusPage: undefined, clock })),
    clock,
    intervalMs: MINUTE,
    ...(scheduler === undefined ? {} : { scheduler }),
  });
  let engine = build();
  return {
    db,
    get engine() { return engine; },
    incidents,
    pushed,
    remediation,
    now: () => now,
    advance(minutes) { now = epochMs(now + minutes * MINUTE); },
    setNow,
    async tickWith(samples) {
      pushed.push(Object.entries(samples).map(([metric, value]) => ({ metric, value })), now);
      return engine.tick();
    },
    restart() {
      engine = build();
      return engine;
    },
    async ruleIncidents(rule) {
      const all = await db.store.listIncidents({ limit: 100 });
      return all.filter((i) => i.declaredBy === `rule:${rule}`).map((i) => ({ id: i.id, status: i.status, severity: i.severity, type: i.incidentType }));
    },
    timeline: (id) => db.store.readIncidentEvents(id),
    close: () => db.cleanup(),
  };
}

/** The action-recorded events of a timeline as "action status" lines. */
export function actionLines(events: readonly StoredEvent[]): string[] {
  return events.flatMap((e) => (e.data.kind === 'action-recorded' ? [`${e.data.action} ${e.data.status}`] : []));
}
