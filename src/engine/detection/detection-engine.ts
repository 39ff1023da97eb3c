import { ruleIncidentType, type Firing, type FiringOutcome, type RuleActions } from '../../app/actions/index.js';
import { INITIAL_DETECTION_STATE, planDetectionTick, type DetectionState, type PlannedTransition, type SystemHealthReading } from '../../app/detection/index.js';
import type { Clock, DetectionSnapshot, LeaseFence, MetricRead, MetricSource, SharedStateStore, StoredRuleState } from '../../app/ports/index.js';
import type { DurationMs, EpochMs } from '../../domain/time/index.js';
import { conditionInput, type BaselineState, type RuleState, type TriggerRuleSet } from '../../domain/triggers/index.js';

/** The logging the engine needs (pino's shape). */
export interface EngineLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Runs `run` after `delayMs` (real time in `serve`); the returned function cancels it. */
export interface TickScheduler {
  after(delayMs: number, run: () => Promise<void>): () => void;
}

export interface DetectionEngineDeps {
  readonly ruleSet: TriggerRuleSet;
  readonly sources: readonly MetricSource[];
  readonly actions: Pick<RuleActions, 'onFiring' | 'onResolved' | 'whenIdle'>;
  readonly clock: Clock;
  readonly intervalMs: DurationMs;
  readonly log?: EngineLog;
  /** Timers for the interval loop and the prompt ticks; real, unref'd timers by default. */
  readonly scheduler?: TickScheduler;
  /** How long a prompt tick waits after a push, so that a burst of pushes is evaluated once. Default 50 ms. */
  readonly promptDelayMs?: DurationMs;
  /**
   * Several instances on one database: only the holder of the `detection` lease evaluates, and the
   * rule state lives in the store. Without it the engine runs alone, its state in memory.
   */
  readonly leadership?: DetectionLeadership;
}

/** How the engine shares the work with other instances. */
export interface DetectionLeadership {
  readonly store: Pick<SharedStateStore, 'acquireLease' | 'releaseLease' | 'isLeaseHeld' | 'loadDetectionState' | 'saveDetectionState' | 'saveDetectionReading' | 'findDetectionReading'>;
  /** This instance, as named in the lease (unique per process). */
  readonly holder: string;
  /**
   * How long a lease lasts unrenewed; renewed (and asked for by followers) every third of it.
   * Default: two thirds of the interval, so that a holder that dies is replaced within one
   * interval (its lease runs out, then a follower's next try takes it: at most 8/9 of an interval).
   */
  readonly leaseMs?: DurationMs;
}

/** The lease every instance's detection engine competes for. */
export const DETECTION_LEASE = 'detection';

/** Default wait between a push and the prompt tick it asks for: coalesces bursts, bounds the extra ticks to ~20/s. */
export const PROMPT_DELAY_MS = 50;

const realTimers: TickScheduler = {
  after(delayMs, run) {
    const timer = setTimeout(() => void run(), delayMs);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

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
  /** With leadership: the fencing token the tick ran under; undefined when another instance holds the lease. */
  readonly leaseToken?: number | undefined;
}

const silent: EngineLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Runs the trigger rules live: every interval it reads the clock once, reads every metric source,
 * plans the rules' transitions purely (`planDetectionTick`), and applies them — a firing runs the
 * rule's actions once (retried on later ticks until they succeed, idempotent per incident), a
 * resolution is noted on the rule's incident. Alone, rule and baseline state is held in memory:
 * after a restart a rule that still holds waits its `duration` again, and its open incident is
 * found in the store rather than declared twice. With `leadership` (several instances on one
 * database) only the holder of the `detection` lease evaluates; it writes the state that changed
 * under its fencing token before any action runs and checks the token before each action, so an
 * instance that takes over carries a pending `for:` on and finishes a firing instead of repeating it.
 *
 * Pushed metrics do not wait for the interval: once started, `notifyPushed()` asks for one extra
 * tick soon after a push (coalesced: at most one waiting, `promptDelayMs` after the first push of a
 * burst), and while a rule fed by pushed metrics is pending the engine wakes up when its duration
 * elapses, so such a rule fires within its duration plus a tick's work of the crossing. Rules read
 * only from Prometheus or health checks stay interval-driven. Every tick, prompt or not, reads the
 * clock once and never overlaps another.
 *
 * Tests drive `tick()` on a manual clock, or start the engine with a manual `scheduler`.
 */
export class DetectionEngine {
  private state: DetectionState = INITIAL_DETECTION_STATE;
  private lastTickAt: EpochMs | undefined;
  private readonly unfinished = new Map<string, Firing>();
  private readonly firedAt = new Map<string, EpochMs>();
  private running: Promise<TickReport> | undefined;
  private cancelLoop: (() => void) | undefined;
  private cancelPrompt: (() => void) | undefined;
  private cancelDeadline: (() => void) | undefined;
  private isStarted = false;
  private knownProblems = new Map<string, string>();
  private lastReading: SystemHealthReading | undefined;
  private readonly log: EngineLog;
  private readonly scheduler: TickScheduler;
  /** Rules that read at least one metric no polled source declares, i.e. a pushed one. */
  private readonly pushFedRules: ReadonlySet<string>;
  /** With leadership: the lease as held now (undefined while following), and what the store holds of each row. */
  private fence: LeaseFence | undefined;
  private readonly written = new Map<string, string>();
  private cancelLease: (() => void) | undefined;

  constructor(private readonly deps: DetectionEngineDeps) {
    this.log = deps.log ?? silent;
    this.scheduler = deps.scheduler ?? realTimers;
    const polled = new Set(deps.sources.flatMap((s) => s.metrics));
    const signalMetric = new Map(deps.ruleSet.signals.map((s) => [s.name, s.detector.metric]));
    this.pushFedRules = new Set(deps.ruleSet.triggers
      .filter((r) => r.conditions.some((c) => !polled.has(signalMetric.get(conditionInput(c)) ?? conditionInput(c))))
      .map((r) => r.name));
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

  /** What the last evaluation read, with each baseline-watched metric's baseline mean and the latest firings. */
  latestReading(): SystemHealthReading | undefined {
    return this.lastReading;
  }

  /** Where each rule stands now. */
  ruleStates(): Readonly<Record<string, RuleState>> {
    return this.state.rules;
  }

  /** Ticks every interval until stop(); a slow tick delays the next one rather than overlapping it. */
  start(): void {
    this.isStarted = true;
    const loop = async () => {
      this.cancelLoop = undefined;
      const startedAt = performance.now();
      await this.tickLogged('detection tick failed');
      const tookMs = performance.now() - startedAt;
      if (tookMs > this.deps.intervalMs) this.log.warn({ tookMs: Math.round(tookMs), intervalMs: this.deps.intervalMs }, 'detection tick took longer than the interval');
      if (this.isStarted) this.cancelLoop = this.scheduler.after(Math.max(0, this.deps.intervalMs - tookMs), loop);
    };
    this.cancelLoop = this.scheduler.after(0, loop);
    const leadership = this.deps.leadership;
    if (leadership !== undefined) {
      // Between ticks the holder renews every third of the lease, and a follower asks for it as
      // often: a holder that dies is replaced within a lease and a third, and the new holder ticks at once.
      const every = Math.max(1, Math.floor(this.leaseMs(leadership) / 3));
      const hold = async () => {
        this.cancelLease = undefined;
        try {
          const wasLeader = this.fence !== undefined;
          const token = await this.holdLease(leadership, this.deps.clock.now(), false);
          // stop() ran while the lease was being asked for: hand back what was just taken.
          if (!this.isStarted) return await this.handBack();
          if (token !== undefined && !wasLeader) await this.tickLogged('detection tick after taking the lease failed');
        } catch (error) {
          this.log.error({ err: error }, 'could not renew the detection lease');
        }
        if (this.isStarted) this.cancelLease = this.scheduler.after(every, hold);
      };
      this.cancelLease = this.scheduler.after(every, hold);
    }
  }

  /**
   * New pushed samples were kept: evaluate soon rather than at the next interval. Coalesced (one
   * prompt tick waits at a time); ignored unless the engine is started.
   */
  notifyPushed(): void {
    if (!this.isStarted || this.cancelPrompt !== undefined) return;
    this.cancelPrompt = this.scheduler.after(this.deps.promptDelayMs ?? PROMPT_DELAY_MS, async () => {
      this.cancelPrompt = undefined;
      await this.tickLogged('prompt detection tick failed');
    });
  }

  async stop(): Promise<void> {
    this.isStarted = false;
    for (const cancel of [this.cancelLoop, this.cancelPrompt, this.cancelDeadline, this.cancelLease]) cancel?.();
    this.cancelLoop = this.cancelPrompt = this.cancelDeadline = this.cancelLease = undefined;
    await this.runUntilIdle();
    await this.handBack();
  }

  /** Handing the lease back lets another instance take over at its next try instead of after the lease runs out. */
  private async handBack(): Promise<void> {
    const fence = this.fence;
    if (fence === undefined || this.deps.leadership === undefined) return;
    this.follow();
    await this.deps.leadership.store.releaseLease(fence).catch((error: unknown) => this.log.warn({ err: error }, 'could not hand the detection lease back'));
  }

  /** True while this instance holds the detection lease (always true without leadership). */
  isLeader(): boolean {
    return this.deps.leadership === undefined || this.fence !== undefined;
  }

  private leaseMs(leadership: DetectionLeadership): number {
    return leadership.leaseMs ?? Math.max(3, Math.round((this.deps.intervalMs * 2) / 3));
  }

  /**
   * Takes or renews the lease; on taking it (or finding its token changed) loads the state the
   * previous holder wrote. Answers the token held, or undefined while another instance holds it.
   */
  private async holdLease(leadership: DetectionLeadership, now: EpochMs, isInsideTick: boolean): Promise<number | undefined> {
    const grant = await leadership.store.acquireLease(DETECTION_LEASE, leadership.holder, now, this.leaseMs(leadership));
    if (grant === undefined) {
      if (this.fence !== undefined) this.log.warn({ token: this.fence.token }, 'detection lease lost; another instance evaluates the rules');
      this.follow();
      return undefined;
    }
    if (this.fence?.token !== grant.token) {
      // Serialised with ticks: the state is swapped between them, never under one.
      if (!isInsideTick) while (this.running !== undefined) await this.running.catch(() => undefined);
      if (this.fence?.token === grant.token) return grant.token;
      const snapshot = await leadership.store.loadDetectionState();
      this.adopt(snapshot);
      this.fence = { name: DETECTION_LEASE, holder: leadership.holder, token: grant.token };
      this.log.info({ token: grant.token, rules: snapshot.rules.length }, 'detection lease taken; this instance evaluates the rules');
    }
    return grant.token;
  }

  /** Forgets the in-memory state: the next holder's writes are the truth until this instance leads again. */
  private follow(): void {
    this.fence = undefined;
    this.state = INITIAL_DETECTION_STATE;
    this.unfinished.clear();
    this.firedAt.clear();
    this.written.clear();
    this.lastTickAt = undefined;
    this.cancelDeadline?.();
    this.cancelDeadline = undefined;
  }

  private adopt(snapshot: DetectionSnapshot): void {
    const rules: Record<string, RuleState> = {};
    const baselines: Record<string, BaselineState> = {};
    this.unfinished.clear();
    this.firedAt.clear();
    this.written.clear();
    let last: number | undefined;
    for (const r of snapshot.rules) {
      rules[r.rule] = r.state;
      if (r.unfinished !== undefined) this.unfinished.set(r.rule, r.unfinished);
      if (r.lastFiredAt !== undefined) this.firedAt.set(r.rule, r.lastFiredAt);
      this.written.set(`rule\u0000${r.rule}`, ruleRowKey(r));
      if (r.state.lastEvaluatedAt !== undefined && (last === undefined || r.state.lastEvaluatedAt > last)) last = r.state.lastEvaluatedAt;
    }
    for (const b of snapshot.baselines) {
      baselines[b.signal] = b.state;
      this.written.set(`baseline\u0000${b.signal}`, JSON.stringify(b.state));
    }
    this.state = { rules, baselines };
    this.lastTickAt = last === undefined ? undefined : (last as EpochMs);
  }

  /** The rows that changed since they were last written (a rule's evaluation instant alone is not a change). */
  private changedRows(): DetectionSnapshot {
    const rules: StoredRuleState[] = [];
    for (const [name, state] of Object.entries(this.state.rules)) {
      const row: StoredRuleState = { rule: name, labelSet: '', state, lastFiredAt: this.firedAt.get(name), unfinished: this.unfinished.get(name) };
      if (this.written.get(`rule\u0000${name}`) !== ruleRowKey(row)) rules.push(row);
    }
    const baselines = Object.entries(this.state.baselines)
      .filter(([name, state]) => this.written.get(`baseline\u0000${name}`) !== JSON.stringify(state))
      .map(([signal, state]) => ({ signal, state }));
    return { rules, baselines };
  }

  /** Writes what changed under the fence; false when the lease was lost (then this instance follows). */
  private async persist(now: EpochMs): Promise<boolean> {
    const leadership = this.deps.leadership;
    const fence = this.fence;
    if (leadership === undefined) return true;
    if (fence === undefined) return false;
    const changes = this.changedRows();
    if (changes.rules.length === 0 && changes.baselines.length === 0) return true;
    if (!(await leadership.store.saveDetectionState(fence, changes, now))) {
      this.log.warn({ token: fence.token }, 'detection state not written: the lease moved to another instance');
      this.follow();
      return false;
    }
    for (const r of changes.rules) this.written.set(`rule\u0000${r.rule}`, ruleRowKey(r));
    for (const b of changes.baselines) this.written.set(`baseline\u0000${b.signal}`, JSON.stringify(b.state));
    return true;
  }

  /** Before each action: the lease is still held under this tick's token (always true without leadership). */
  private async mayAct(token: number | undefined): Promise<boolean> {
    const leadership = this.deps.leadership;
    if (leadership === undefined) return true;
    const fence = this.fence;
    if (fence === undefined || fence.token !== token) return false;
    if (await leadership.store.isLeaseHeld(fence, this.deps.clock.now())) return true;
    this.log.warn({ token }, 'rule actions not run: the detection lease moved to another instance');
    this.follow();
    return false;
  }

  private async tickLogged(failure: string): Promise<void> {
    try {
      await this.tick();
    } catch (error) {
      this.log.error({ err: error }, failure);
    }
  }

  /** While a push-fed rule is pending, wake up when the earliest such rule's duration has elapsed. */
  private scheduleDeadline(now: EpochMs): void {
    this.cancelDeadline?.();
    this.cancelDeadline = undefined;
    if (!this.isStarted) return;
    let due: number | undefined;
    for (const rule of this.deps.ruleSet.triggers) {
      const state = this.state.rules[rule.name];
      if (!this.pushFedRules.has(rule.name) || state?.phase !== 'pending') continue;
      const at = state.activeAt + rule.forMs;
      if (due === undefined || at < due) due = at;
    }
    if (due === undefined) return;
    this.cancelDeadline = this.scheduler.after(Math.max(0, due - now), async () => {
      this.cancelDeadline = undefined;
      await this.tickLogged('detection tick at a rule\'s deadline failed');
    });
  }

  private async evaluate(): Promise<TickReport> {
    const now = this.deps.clock.now();
    let token: number | undefined;
    if (this.deps.leadership !== undefined) {
      token = await this.holdLease(this.deps.leadership, now, true);
      if (token === undefined) {
        // A follower shows what the leader read last (its health panel would be empty otherwise).
        this.lastReading = (await this.deps.leadership.store.findDetectionReading()) as SystemHealthReading | undefined;
        return { at: now, isEvaluated: false, samples: {}, transitions: [], fired: [], failed: [], sourceProblems: [], leaseToken: undefined };
      }
    }
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
      return { at: now, isEvaluated: false, samples, transitions: [], fired: [], failed: [], sourceProblems, leaseToken: token };
    }
    this.lastTickAt = now;
    const plan = planDetectionTick(this.deps.ruleSet, this.state, samples, now);
    this.state = plan.state;
    this.lastReading = readingOf(this.deps.ruleSet, plan.state, samples, now, plan.transitions, this.lastReading);
    const resolved: PlannedTransition[] = [];
    for (const t of plan.transitions) {
      this.log.info({ rule: t.rule, kind: t.kind, holding: t.holding }, `rule ${t.rule} ${t.kind}`);
      if (t.kind === 'firing') {
        this.unfinished.set(t.rule, { firedAt: t.at, activeAt: t.activeAt, holding: t.holding });
        this.firedAt.set(t.rule, t.at);
      } else if (t.kind === 'resolved') {
        this.unfinished.delete(t.rule);
        resolved.push(t);
      }
    }
    // The new state (a firing recorded as unfinished) is written before any action runs, under the
    // tick's fence: an instance that takes over finds the firing and finishes it, and a holder whose
    // lease moved on writes nothing and acts on nothing.
    if (!(await this.persist(now))) {
      return { at: now, isEvaluated: false, samples, transitions: [], fired: [], failed: [], sourceProblems, leaseToken: undefined };
    }
    if (this.fence !== undefined) await this.deps.leadership?.store.saveDetectionReading(this.fence, this.lastReading, now);
    this.scheduleDeadline(now);
    const failed: { rule: string; error: string }[] = [];
    for (const t of resolved) {
      if (!(await this.mayAct(token))) break;
      try {
        await this.deps.actions.onResolved(this.rule(t.rule), t.at, this.firedAt.get(t.rule));
      } catch (error) {
        failed.push({ rule: t.rule, error: message(error) });
        this.log.error({ rule: t.rule, err: error }, 'could not record that the rule resolved');
      }
    }
    const fired: (FiringOutcome & { rule: string })[] = [];
    for (const [name, firing] of [...this.unfinished]) {
      if (!(await this.mayAct(token))) break;
      try {
        const outcome = await this.deps.actions.onFiring(this.rule(name), firing);
        this.unfinished.delete(name);
        await this.persist(this.deps.clock.now());
        fired.push({ rule: name, ...outcome });
        this.log.info({ rule: name, incident: outcome.incidentId, ran: outcome.ran }, 'rule actions ran');
      } catch (error) {
        failed.push({ rule: name, error: message(error) });
        this.log.error({ rule: name, err: error }, 'rule actions failed; retrying next tick');
      }
    }
    return { at: now, isEvaluated: true, samples, transitions: plan.transitions, fired, failed, sourceProblems, leaseToken: token };
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

/** What a rule's row says, leaving out the instant it was last evaluated (that alone is not worth a write). */
function ruleRowKey(row: StoredRuleState): string {
  const { lastEvaluatedAt: _evaluated, ...state } = row.state;
  return JSON.stringify([state, row.lastFiredAt, row.unfinished]);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Keeps the ten latest firings; baselines are the mean of each signal detector's window, by metric. */
function readingOf(
  ruleSet: DetectionEngineDeps['ruleSet'], state: DetectionState, samples: Readonly<Record<string, number | boolean>>, at: EpochMs,
  transitions: readonly PlannedTransition[], before: SystemHealthReading | undefined,
): SystemHealthReading {
  const baselines: Record<string, number> = {};
  for (const signal of ruleSet.signals) {
    const window = state.baselines[signal.name]?.samples ?? [];
    if (window.length > 0) baselines[signal.detector.metric] = window.reduce((sum, x) => sum + x.value, 0) / window.length;
  }
  const typeOf = (name: string) => {
    const rule = ruleSet.triggers.find((r) => r.name === name);
    const type = rule === undefined ? undefined : ruleIncidentType(rule);
    return type === undefined ? {} : { incidentType: type };
  };
  const fired = transitions.filter((t) => t.kind === 'firing').map((t) => ({ rule: t.rule, at: t.at, holding: t.holding, ...typeOf(t.rule) })).reverse();
  return { at, samples: { ...samples }, baselines, recentFirings: [...fired, ...(before?.recentFirings ?? [])].slice(0, 10) };
}
