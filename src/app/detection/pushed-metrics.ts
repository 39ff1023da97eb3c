import { AppError, type Issue } from '../../domain/errors/index.js';
import { epochMs, isoUtc, MINUTE, type DurationMs, type EpochMs } from '../../domain/time/index.js';
import type { MetricRead, MetricSource, PushedSampleRecord, SharedStateStore } from '../ports/index.js';

export interface PushedSample {
  readonly metric: string;
  readonly value: number | boolean;
  /** When the value was measured; the time of the push when absent. */
  readonly at?: EpochMs;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface PushOutcome {
  readonly accepted: number;
  /** Samples older than the newest one already held for their metric, or older than the maximum age. */
  readonly ignored: number;
}

/** Clocks disagree a little; a sample further in the future than this is refused. */
const FUTURE_TOLERANCE = MINUTE;
const MAX_METRICS = 1000;

/**
 * Samples pushed to `POST /api/v1/metrics`: the newest sample per metric, which a rule reads until
 * it is older than `maxAgeMs` (then the metric is missing data). Labels are accepted for the
 * sender's bookkeeping; rules read a metric by its name only. Held in memory; with `shared`, also
 * kept in the store by `record()` and read back by `read()`, so the instance that evaluates the
 * rules sees what was pushed to any instance.
 */
export class PushedMetrics implements MetricSource {
  readonly name = 'push';
  readonly metrics: readonly string[] = [];
  private readonly latest = new Map<string, { value: number | boolean; at: EpochMs }>();

  constructor(
    private readonly maxAgeMs: DurationMs,
    /** Metric name → the configured source that provides it; pushing such a name is refused. */
    private readonly reserved: ReadonlyMap<string, string> = new Map(),
    private readonly shared?: Pick<SharedStateStore, 'recordPushedSamples' | 'listPushedSamples'>,
  ) {}

  /** `push`, then (with `shared`) keeps the accepted samples in the store for the other instances. */
  async record(samples: readonly PushedSample[], now: EpochMs): Promise<PushOutcome> {
    const kept: PushedSampleRecord[] = [];
    const outcome = this.#push(samples, now, kept);
    if (this.shared !== undefined && kept.length > 0) await this.shared.recordPushedSamples(kept);
    return outcome;
  }

  /** Validates the whole batch first: one refused sample refuses the batch, naming each field. */
  push(samples: readonly PushedSample[], now: EpochMs): PushOutcome {
    return this.#push(samples, now, []);
  }

  #push(samples: readonly PushedSample[], now: EpochMs, kept: PushedSampleRecord[]): PushOutcome {
    const issues: Issue[] = [];
    samples.forEach((s, i) => {
      const owner = this.reserved.get(s.metric);
      if (owner !== undefined) issues.push({ path: `samples.${i}.metric`, message: `'${s.metric}' is read from ${owner}; push it under another name` });
      if (s.at !== undefined && s.at > now + FUTURE_TOLERANCE) issues.push({ path: `samples.${i}.at`, message: `${isoUtc(s.at)} is in the future (now ${isoUtc(now)})` });
    });
    const fresh = new Set(samples.map((s) => s.metric).filter((m) => !this.latest.has(m)));
    if (this.latest.size + fresh.size > MAX_METRICS) {
      issues.push({ path: 'samples', message: `at most ${MAX_METRICS} distinct metrics are held; this push would make ${this.latest.size + fresh.size}` });
    }
    if (issues.length > 0) {
      throw new AppError('VALIDATION', `Invalid request body: ${issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ')}.`, { issues: issues.slice(0, 20) });
    }
    let accepted = 0;
    for (const s of samples) {
      const at = s.at ?? now;
      const held = this.latest.get(s.metric);
      if (now - at > this.maxAgeMs || (held !== undefined && held.at > at)) continue;
      this.latest.set(s.metric, { value: s.value, at });
      kept.push({ metric: s.metric, value: s.value, at });
      accepted++;
    }
    return { accepted, ignored: samples.length - accepted };
  }

  async read(now: EpochMs): Promise<MetricRead> {
    if (this.shared !== undefined) {
      for (const s of await this.shared.listPushedSamples(epochMs(now - this.maxAgeMs))) {
        const held = this.latest.get(s.metric);
        if (held === undefined || held.at < s.at) this.latest.set(s.metric, { value: s.value, at: s.at });
      }
    }
    const samples: Record<string, number | boolean> = {};
    for (const [metric, held] of this.latest) {
      if (held.at <= now && now - held.at <= this.maxAgeMs) samples[metric] = held.value;
    }
    return { samples, problems: [] };
  }
}
