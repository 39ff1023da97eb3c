import { AppError, assertNever } from '../../domain/errors/index.js';
import { isoUtc, type EpochMs } from '../../domain/time/index.js';
import {
  conditionInput, evaluateBaseline, evaluateRule, INITIAL_BASELINE_STATE, INITIAL_RULE_STATE,
  type BaselineState, type DataProblem, type RuleState, type Samples, type SignalDefinition, type TransitionKind, type TriggerRuleSet,
} from '../../domain/triggers/index.js';
import type { MetricSeries, SeriesRow } from './metric-series.js';

export interface ReplayEvent {
  readonly rule: string;
  readonly kind: TransitionKind;
  readonly at: EpochMs;
  /** The conditions (as written) that held at that instant; empty for `resolved`. */
  readonly holding: readonly string[];
}

/** One pending spell of a rule: it fired (and maybe resolved), or was cleared before it could fire. */
export interface RuleEpisode {
  readonly pendingAt: EpochMs;
  readonly firedAt?: EpochMs;
  readonly resolvedAt?: EpochMs;
  readonly clearedAt?: EpochMs;
}

export interface DataProblemCount extends DataProblem {
  readonly count: number;
  readonly firstAt: EpochMs;
}

export interface RuleReplaySummary {
  readonly rule: string;
  readonly episodes: readonly RuleEpisode[];
  readonly firedCount: number;
  /** Where the rule stood after the last row: a rule still firing has no `resolvedAt`. */
  readonly finalPhase: RuleState['phase'];
  readonly dataProblems: readonly DataProblemCount[];
}

export interface SignalReplaySummary {
  readonly signal: string;
  readonly metric: string;
  /** Instants the detector called unusual. */
  readonly unusualAt: readonly EpochMs[];
  /** A built-in signal the series has a column for: the column is read and the detector does not run. */
  readonly isFromSeries: boolean;
}

export interface ReplayResult {
  readonly events: readonly ReplayEvent[];
  readonly rules: readonly RuleReplaySummary[];
  readonly signals: readonly SignalReplaySummary[];
  readonly evaluations: number;
  readonly from: EpochMs | undefined;
  readonly to: EpochMs | undefined;
  /** Metrics or signals the rules read that neither the series nor a detector provides. */
  readonly absentInputs: readonly string[];
}

interface RuleTrack {
  state: RuleState;
  episodes: RuleEpisode[];
  problems: Map<string, DataProblemCount>;
}

/**
 * Evaluates every rule at every row of the series, in time order, as if the rules had been running
 * while the series was recorded: signals are computed by their baseline detectors first, then each
 * rule sees the row's samples plus the signals. Pure: the same input gives the same events.
 */
export function replayRules(ruleSet: TriggerRuleSet, series: MetricSeries): ReplayResult {
  const rows = sortedRows(series.rows);
  const fromSeries = (s: SignalDefinition) => s.isBuiltIn === true && series.metrics.includes(s.name);
  const detectors = ruleSet.signals.filter((s) => !fromSeries(s));
  for (const s of detectors) {
    if (series.metrics.includes(s.name)) {
      throw new AppError('VALIDATION', `the series has a column '${s.name}', but the rules compute '${s.name}' from '${s.detector.metric}'; rename or drop one of them`);
    }
  }
  const tracks = new Map<string, RuleTrack>(ruleSet.triggers.map((r) => [r.name, { state: INITIAL_RULE_STATE, episodes: [], problems: new Map() }]));
  const baselines = new Map<string, BaselineState>(ruleSet.signals.map((s) => [s.name, INITIAL_BASELINE_STATE]));
  const unusual = new Map<string, EpochMs[]>(ruleSet.signals.map((s) => [s.name, []]));
  const events: ReplayEvent[] = [];

  for (const row of rows) {
    const samples: Record<string, number | boolean | undefined> = { ...row.samples };
    for (const s of detectors) {
      const raw = row.samples[s.detector.metric];
      const reading = evaluateBaseline(s.detector, baselines.get(s.name) ?? INITIAL_BASELINE_STATE, typeof raw === 'number' ? raw : undefined, row.at);
      baselines.set(s.name, reading.state);
      samples[s.name] = reading.isUnusual;
      if (reading.isUnusual === true) unusual.get(s.name)?.push(row.at);
    }
    for (const rule of ruleSet.triggers) {
      const track = tracks.get(rule.name)!;
      const result = evaluateRule(rule, track.state, samples as Samples, row.at);
      track.state = result.state;
      const holding = rule.conditions.filter((_, i) => result.outcomes[i] === 'holds').map((c) => c.text);
      for (const t of result.transitions) {
        events.push({ rule: rule.name, kind: t.kind, at: t.at, holding: t.kind === 'resolved' ? [] : holding });
        track.episodes = applyTransition(track.episodes, t.kind, t.at);
      }
      if (result.clearedPendingSince !== undefined) track.episodes = closeLast(track.episodes, { clearedAt: row.at });
      for (const p of result.problems) {
        const key = `${p.input}\u0000${p.problem}`;
        const seen = track.problems.get(key);
        track.problems.set(key, seen ? { ...seen, count: seen.count + 1 } : { ...p, count: 1, firstAt: row.at });
      }
    }
  }

  const provided = new Set([...series.metrics, ...ruleSet.signals.map((s) => s.name)]);
  const read = ruleSet.triggers.flatMap((r) => r.conditions.map(conditionInput));
  const absentInputs = [...new Set(read)].filter((name) => !provided.has(name));

  return {
    events,
    rules: ruleSet.triggers.map((rule) => {
      const track = tracks.get(rule.name)!;
      return {
        rule: rule.name,
        episodes: track.episodes,
        firedCount: track.episodes.filter((e) => e.firedAt !== undefined).length,
        finalPhase: track.state.phase,
        dataProblems: [...track.problems.values()],
      };
    }),
    signals: ruleSet.signals.map((s) => ({ signal: s.name, metric: s.detector.metric, unusualAt: fromSeries(s) ? [] : unusual.get(s.name) ?? [], isFromSeries: fromSeries(s) })),
    evaluations: rows.length,
    from: rows[0]?.at,
    to: rows[rows.length - 1]?.at,
    absentInputs,
  };
}

function sortedRows(rows: readonly SeriesRow[]): SeriesRow[] {
  const sorted = [...rows].sort((a, b) => a.at - b.at);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a.at === b.at) {
      const where = a.line !== undefined && b.line !== undefined ? ` (lines ${Math.min(a.line, b.line)} and ${Math.max(a.line, b.line)})` : '';
      throw new AppError('VALIDATION', `the series has two rows at ${isoUtc(a.at)}${where}; keep one row per instant`);
    }
  }
  return sorted;
}

function applyTransition(episodes: RuleEpisode[], kind: TransitionKind, at: EpochMs): RuleEpisode[] {
  switch (kind) {
    case 'pending': return [...episodes, { pendingAt: at }];
    case 'firing': return closeLast(episodes, { firedAt: at });
    case 'resolved': return closeLast(episodes, { resolvedAt: at });
    default: return assertNever(kind);
  }
}

function closeLast(episodes: RuleEpisode[], patch: Partial<RuleEpisode>): RuleEpisode[] {
  const last = episodes[episodes.length - 1];
  return last === undefined ? episodes : [...episodes.slice(0, -1), { ...last, ...patch }];
}
