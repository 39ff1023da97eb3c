import { actionEffect, type ActionEffect } from '../../app/actions/index.js';
import type { ReplayResult } from '../../app/detection/index.js';
import { booleanInputs } from './render-replay.js';
import { isoUtc, type EpochMs } from '../../domain/time/index.js';
import { formatAction, type TriggerRuleSet } from '../../domain/triggers/index.js';

/** `rules test --json`: the replay as plain JSON, instants as ISO-8601 UTC. Field names are a public contract. */
export interface ReplayReport {
  readonly rulesFile: string;
  readonly seriesFile: string;
  readonly rows: number;
  readonly from: string | null;
  readonly to: string | null;
  readonly rules: readonly {
    readonly name: string;
    readonly match: string;
    readonly durationMs: number;
    readonly conditions: readonly string[];
    readonly actions: readonly string[];
    /** Per action, in order: declares, recorded-only, collects-logs or remediates. */
    readonly actionEffects: readonly { readonly action: string; readonly effect: ActionEffect }[];
    readonly firedCount: number;
    readonly finalPhase: string;
    readonly episodes: readonly { pendingAt: string; firedAt: string | null; resolvedAt: string | null; clearedAt: string | null }[];
    readonly dataProblems: readonly { input: string; problem: string; count: number; firstAt: string }[];
  }[];
  readonly events: readonly { rule: string; kind: string; at: string; holding: readonly string[] }[];
  readonly signals: readonly { signal: string; metric: string; unusualAt: readonly string[]; builtIn: boolean; fromSeries: boolean }[];
  /** Signals read as true/false samples (series columns; live, pushed or queried), not computed. */
  readonly booleanInputs: readonly string[];
  readonly absentInputs: readonly string[];
}

export function replayReport(result: ReplayResult, ruleSet: TriggerRuleSet, files: { rulesFile: string; seriesFile: string }): ReplayReport {
  const iso = (at: EpochMs | undefined) => (at === undefined ? null : isoUtc(at));
  return {
    ...files,
    rows: result.evaluations,
    from: iso(result.from),
    to: iso(result.to),
    rules: ruleSet.triggers.map((rule, i) => {
      const summary = result.rules[i]!;
      return {
        name: rule.name,
        match: rule.match,
        durationMs: rule.forMs,
        conditions: rule.conditions.map((c) => c.text),
        actions: rule.actions.map(formatAction),
        actionEffects: rule.actions.map((a) => ({ action: formatAction(a), effect: actionEffect(a.name) })),
        firedCount: summary.firedCount,
        finalPhase: summary.finalPhase,
        episodes: summary.episodes.map((e) => ({ pendingAt: isoUtc(e.pendingAt), firedAt: iso(e.firedAt), resolvedAt: iso(e.resolvedAt), clearedAt: iso(e.clearedAt) })),
        dataProblems: summary.dataProblems.map((p) => ({ input: p.input, problem: p.problem, count: p.count, firstAt: isoUtc(p.firstAt) })),
      };
    }),
    events: result.events.map((e) => ({ rule: e.rule, kind: e.kind, at: isoUtc(e.at), holding: e.holding })),
    signals: result.signals.map((s, i) => ({ signal: s.signal, metric: s.metric, unusualAt: s.unusualAt.map(isoUtc), builtIn: ruleSet.signals[i]?.isBuiltIn === true, fromSeries: s.isFromSeries })),
    booleanInputs: booleanInputs(ruleSet, result),
    absentInputs: result.absentInputs,
  };
}
