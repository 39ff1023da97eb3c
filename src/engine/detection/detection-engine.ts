import type { Firing, FiringOutcome, RuleActions } from '../../app/actions/index.js';
import { INITIAL_DETECTION_STATE, planDetectionTick, type DetectionState, type PlannedTransition } from '../../app/detection/index.js';
import type { Clock, MetricRead, MetricSource } from '../../app/ports/index.js';
import type { DurationMs, EpochMs } from '../../domain/time/index.js';
import type { RuleState, TriggerRuleSet } from '../../domain/triggers/index.js';

/** The logging the engine needs (pino's shape). */
export interface EngineLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface DetectionEngineDeps {
  readonly ruleSet: TriggerRuleSet;
  readonly sources: readonly MetricSource[];
  readonly actions: Pick<RuleActions, 'onFiring' | 'onResolved' | 'whenIdle'>;
  readonly clock: Clock;
  readonly intervalMs: DurationMs;
  readonly log?: EngineLog;
}

export interface TickReport {
  readonly at: EpochMs;
  /** False when the clock had not moved past the previous tick (nothing was evaluated). */
  readonly isEvaluated: boolean;
  readonly samples: Readonly<Record<string, number | boolean>>;
  readonly transitions: readonly PlannedTransition[];
  /** Firings whose actions ran in this tick (new ones, and retries of ones that failed before). */
  readonly fired: readonly (FiringOutcome & { readonly rule: string })[];
  /** Firings whose actions failed; they are retried next tick. */
  readonly failed: readonly { readonly rule: string; readonly error: string }[];
  readonly sourceProblems: readonly { readonly source: string; readonly metric: string; readonly message: string }[];
}

const silent: EngineLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Runs the trigger rules live: every interval it reads the clock once, reads every metric source,
 * plans the rules' transitions purely (`planDetectionTick`), and applies them — a firing runs the
 * rule's actions once (retried on later ticks until they succeed, idempotent per incident), a
 * resolution is noted on the rule's incident. Rule and baseline state is held in memory by this
 * process: after a restart a rule that still holds waits its `duration` again, and its open
 * incident is found in the store rather than declared twice.
 *
 * Tests drive `tick()` on a manual clock and never start the timer.
 */
export class DetectionEngine {
  private state: DetectionState = INITIAL_DETECTION_STATE;
  private lastTickAt: EpochMs | undefined;
  private readonly unfinished = new Map<string, Firing>();
  private readonly firedAt = new Map<string, EpochMs>();
  private running: Promise<TickReport> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private isStopped = false;
  private knownProblems = new Map<string, string>();
  private readonly log: EngineLog;

  constructor(private readonly deps: DetectionEngineDeps) {
    this.log = deps.log ?? silent;
  }

  /** One evaluation now. Ticks never overlap: a call during a tick waits for it, then runs its own. */
  async tick(): Promise<TickReport> {
    while (this.running !== undefined) await this.running.catch(() => undefined);
    const run = this.evaluate();
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = undefined;
    }
  }

  /** Resolves when no tick and no approved remediation is in progress. */
  async runUntilIdle(): Promise<void> {
    while (this.running !== undefined) await this.running.catch(() => undefined);
    await this.deps.actions.whenIdle();
  }

  /** Where each rule stands now. */
  ruleStates(): Readonly<Record<string, RuleState>> {
    return this.state.rules;
  }

  /** Ticks every interval until stop(); a slow tick delays the next one rather than overlapping it. */
  start(): void {
    this.isStopped = false;
    const loop = async () => {
      const startedAt = performance.now();
      try {
        await this.tick();
      } catch (error) {
        this.log.error({ err: error }, 'detection tick failed');
      }
      const tookMs = performance.now() - startedAt;
      if (tookMs > this.deps.intervalMs) this.log.warn({ tookMs: Math.round(tookMs), intervalMs: this.deps.intervalMs }, 'detection tick took longer than the interval');
      if (!this.isStopped) this.schedule(loop, Math.max(0, this.deps.intervalMs - tookMs));
    };
    this.schedule(loop, 0);
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.runUntilIdle();
  }

  private schedule(loop: () => Promise<void>, delayMs: number): void {
    this.timer = setTimeout(() => void loop(), delayMs);
    this.timer.unref();
  }

  private async evaluate(): Promise<TickReport> {
    const now = this.deps.clock.now();
    const reads = await Promise.all(this.deps.sources.map((s) => readSource(s, now)));
    const samples: Record<string, number | boolean> = {};
    const sourceProblems: { source: string; metric: string; message: string }[] = [];
    reads.forEach((read, i) => {
      const source = this.deps.sources[i]!.name;
      Object.assign(samples, read.samples);
      for (const p of read.problems) sourceProblems.push({ source, ...p });
    });
    this.logProblemChanges(sourceProblems);
    if (this.lastTickAt !== undefined && now <= this.lastTickAt) {
      return { at: now, isEvaluated: false, samples, transitions: [], fired: [], failed: [], sourceProblems };
    }
    this.lastTickAt = now;
    const plan = planDetectionTick(this.deps.ruleSet, this.state, samples, now);
    this.state = plan.state;
    const failed: { rule: string; error: string }[] = [];
    for (const t of plan.transitions) {
      this.log.info({ rule: t.rule, kind: t.kind, holding: t.holding }, `rule ${t.rule} ${t.kind}`);
      if (t.kind === 'firing') {
        this.unfinished.set(t.rule, { firedAt: t.at, activeAt: t.activeAt, holding: t.holding });
        this.firedAt.set(t.rule, t.at);
      } else if (t.kind === 'resolved') {
        this.unfinished.delete(t.rule);
        const rule = this.rule(t.rule);
        try {
          await this.deps.actions.onResolved(rule, t.at, this.firedAt.get(t.rule));
        } catch (error) {
          failed.push({ rule: t.rule, error: message(error) });
          this.log.error({ rule: t.rule, err: error }, 'could not record that the rule resolved');
        }
      }
    }
    const fired: (FiringOutcome & { rule: string })[] = [];
    for (const [name, firing] of [...this.unfinished]) {
      try {
        const outcome = await this.deps.actions.onFiring(this.rule(name), firing);
        this.unfinished.delete(name);
        fired.push({ rule: name, ...outcome });
        this.log.info({ rule: name, incident: outcome.incidentId, ran: outcome.ran }, 'rule actions ran');
      } catch (error) {
        failed.push({ rule: name, error: message(error) });
        this.log.error({ rule: name, err: error }, 'rule actions failed; retrying next tick');
      }
    }
    return { at: now, isEvaluated: true, samples, transitions: plan.transitions, fired, failed, sourceProblems };
  }

  /** A source that stays down is logged when it goes down, when its reason changes, and when it is back. */
  private logProblemChanges(problems: readonly { source: string; metric: string; message: string }[]): void {
    const now = new Map(problems.map((p) => [`${p.source}\u0000${p.metric}`, p]));
    for (const [key, p] of now) {
      if (this.knownProblems.get(key) !== p.message) this.log.warn(p, 'metric not read; rules count it as missing data');
    }
    for (const key of this.knownProblems.keys()) {
      if (!now.has(key)) {
        const [source, metric] = key.split('\u0000');
        this.log.info({ source, metric }, 'metric read again');
      }
    }
    this.knownProblems = new Map([...now].map(([key, p]) => [key, p.message]));
  }

  private rule(name: string) {
    const rule = this.deps.ruleSet.triggers.find((r) => r.name === name);
    if (rule === undefined) throw new Error(`rule ${name} vanished from the rule set`);
    return rule;
  }
}

async function readSource(source: MetricSource, now: EpochMs): Promise<MetricRead> {
  try {
    return await source.read(now);
  } catch (error) {
    return { samples: {}, problems: source.metrics.map((metric) => ({ metric, message: message(error) })) };
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
