import { ACTION_EFFECT_NOTE, actionEffect } from '../../app/actions/index.js';
import type { ReplayResult, RuleReplaySummary, SignalReplaySummary } from '../../app/detection/index.js';
import { durationMs, elapsed, formatDuration, isoUtc, type EpochMs } from '../../domain/time/index.js';
import { formatAction, type SignalDefinition, type TriggerRule, type TriggerRuleSet } from '../../domain/triggers/index.js';

const FINAL_PHASE_NOTE: Record<RuleReplaySummary['finalPhase'], string> = {
  inactive: '',
  pending: '; pending at the end of the series',
  firing: '; still firing at the end of the series',
};

const PROBLEM_WORDS = { missing: 'no data', 'not-a-number': 'true/false where a number was expected', 'not-a-boolean': 'a number other than 0 or 1 where true/false was expected' } as const;

/**
 * What `incident-response rules test RULES.yaml --series data.csv` prints: for each rule, when it
 * went pending (and which conditions held), fired (and the actions it would run), resolved, or
 * was cleared before it could fire; then data gaps and the detectors' verdicts. Plain text, no colour.
 */
export function renderReplay(result: ReplayResult, ruleSet: TriggerRuleSet, files: { rulesFile: string; seriesFile: string }): string {
  const out: string[] = [];
  const start = result.from;
  out.push(`Replayed ${count(ruleSet.triggers.length, 'rule')} from ${files.rulesFile} over ${files.seriesFile}`);
  out.push(start === undefined || result.to === undefined
    ? '  no rows'
    : `  ${count(result.evaluations, 'row')}, ${isoUtc(start)} to ${isoUtc(result.to)} (${formatDuration(elapsed(start, result.to))})`);
  for (const name of result.absentInputs) out.push(`  warning: '${name}' is read by a rule but is neither a column of the series nor a signal; its conditions never hold`);

  ruleSet.triggers.forEach((rule, i) => {
    const summary = result.rules[i]!;
    out.push('', `${rule.name}: ${describeRule(rule)}`);
    if (rule.description) out.push(`  ${rule.description}`);
    out.push(...renderTimeline(rule, summary, result, start));
    out.push(`  ${verdict(summary)}`);
    for (const p of summary.dataProblems) {
      out.push(`  ${p.input}: ${PROBLEM_WORDS[p.problem]} at ${count(p.count, 'row')} (first ${isoUtc(p.firstAt)}); counted as not holding`);
    }
    const recordedOnly = rule.actions.filter((a) => actionEffect(a.name) === 'recorded-only').map(formatAction);
    if (recordedOnly.length > 0) out.push(`  ${recordedOnly.join(', ')}: ${ACTION_EFFECT_NOTE['recorded-only']}`);
  });

  const inputs = booleanInputs(ruleSet, result);
  if (ruleSet.signals.length > 0 || inputs.length > 0) {
    out.push('', 'Signals');
    ruleSet.signals.forEach((s, i) => out.push(`  ${describeSignalLine(s, result.signals[i]!, start)}`));
    for (const name of inputs) {
      const where = result.absentInputs.includes(name) ? 'the series has no such column' : 'read from the series column';
      out.push(`  ${name}: a true/false input, not computed; ${where} (live: push 1 or 0 to POST /api/v1/metrics, or query it under detection.metrics)`);
    }
  }
  return `${out.join('\n')}\n`;
}

function renderTimeline(rule: TriggerRule, summary: RuleReplaySummary, result: ReplayResult, start: EpochMs | undefined): string[] {
  const lines: string[] = [];
  const holding = (kind: string, at: EpochMs) => result.events.find((e) => e.rule === rule.name && e.kind === kind && e.at === at)?.holding ?? [];
  const head = (at: EpochMs, word: string) => `  ${stamp(at, start)}  ${word.padEnd(8)}  `;
  const row = (at: EpochMs, word: string, detail: string) => lines.push(`${head(at, word)}${detail}`.trimEnd());
  for (const e of summary.episodes) {
    row(e.pendingAt, 'pending', holding('pending', e.pendingAt).join(', '));
    if (e.clearedAt !== undefined) row(e.clearedAt, 'cleared', `stopped holding before ${formatDuration(rule.forMs)} had passed`);
    if (e.firedAt !== undefined) {
      row(e.firedAt, 'FIRING', holding('firing', e.firedAt).join(', '));
      const indent = ' '.repeat(head(e.firedAt, '').length);
      if (rule.actions.length === 0) lines.push(`${indent}would run no actions (none listed)`);
      rule.actions.forEach((a, i) => lines.push(`${indent}${i === 0 ? 'would run ' : '          '}${formatAction(a)}${actionEffect(a.name) === 'recorded-only' ? '  (recorded only)' : ''}`));
    }
    if (e.resolvedAt !== undefined && e.firedAt !== undefined) row(e.resolvedAt, 'resolved', `after ${formatDuration(elapsed(e.firedAt, e.resolvedAt))} firing`);
  }
  return lines;
}

function verdict(summary: RuleReplaySummary): string {
  const fired = summary.firedCount === 0 ? 'never fired' : `fired ${summary.firedCount === 1 ? 'once' : `${summary.firedCount} times`}`;
  return `${fired}${FINAL_PHASE_NOTE[summary.finalPhase]}`;
}

function describeRule(rule: TriggerRule): string {
  const n = rule.conditions.length;
  const which = n === 1 ? rule.conditions[0]!.text : `${rule.match} of ${n} conditions`;
  const hold = rule.forMs > 0 ? `, for ${formatDuration(rule.forMs)}` : ', at once';
  return `fires when ${which} holds${hold}`;
}

function describeSignal(s: SignalDefinition): string {
  const d = s.detector;
  const side = d.direction === 'both' ? ' either side of' : ` ${d.direction}`;
  return `${d.metric} more than ${d.thresholdSigma}σ${side} its ${formatDuration(d.windowMs)} baseline (after ${d.minSamples} samples)`;
}

function describeSignalLine(s: SignalDefinition, seen: SignalReplaySummary, start: EpochMs | undefined): string {
  if (seen.isFromSeries) return `${s.name}: read from the series column (the built-in baseline over ${s.detector.metric} does not run)`;
  const when = seen.unusualAt.length === 0 ? 'never unusual' : `unusual at ${count(seen.unusualAt.length, 'row')}: ${listTimes(seen.unusualAt, start)}`;
  const builtIn = s.isBuiltIn === true ? ' (built in; define it under signals: to change it)' : '';
  return `${s.name}: ${describeSignal(s)}${builtIn}; ${when}`;
}

/** Signals the rules read that no detector computes: true/false samples from the series (or, live, pushed). */
export function booleanInputs(ruleSet: TriggerRuleSet, result: ReplayResult): string[] {
  const computed = new Set(ruleSet.signals.filter((_, i) => result.signals[i]?.isFromSeries !== true).map((s) => s.name));
  const read = ruleSet.triggers.flatMap((r) => r.conditions.flatMap((c) => (c.kind === 'signal' ? [c.signal] : [])));
  return [...new Set(read)].filter((n) => !computed.has(n));
}

/** "2026-03-02T10:15:00Z +15m": absolute, and relative to the first row for reading a timeline. */
function stamp(at: EpochMs, start: EpochMs | undefined): string {
  const offset = start === undefined ? '' : `+${formatDuration(durationMs(at - start))}`;
  return `${isoUtc(at)}  ${offset.padEnd(6)}`;
}

function listTimes(times: readonly EpochMs[], start: EpochMs | undefined): string {
  const shown = times.slice(0, 8).map((t) => (start === undefined ? isoUtc(t) : `+${formatDuration(durationMs(t - start))}`));
  return times.length > 8 ? `${shown.join(', ')}, …` : shown.join(', ');
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
