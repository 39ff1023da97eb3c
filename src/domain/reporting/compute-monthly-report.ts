import { ENVIRONMENTS, INCIDENT_TYPES, SEVERITIES, type Severity } from '../classification/index.js';
import { describeImpact, type ImpactDefaults } from '../incident/index.js';
import type { EpochMs } from '../time/index.js';
import type { IncidentFacts } from './incident-facts.js';
import { computeTrend, type Trend } from './compute-trend.js';
import type { ReportMonth } from './report-month.js';
import { summarizeDurations, type DurationSummary } from './summarize-durations.js';

/** The numbers of one month, over the incidents declared in it. */
export interface MonthMetrics {
  readonly total: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly resolved: number;
  readonly detect: DurationSummary;
  readonly acknowledge: DurationSummary;
  readonly resolve: DurationSummary;
  readonly withinSla: number;
  /** withinSla / total, 0..1; null for a month without incidents. */
  readonly slaShare: number | null;
}

export interface BreakdownRow {
  readonly key: string;
  readonly total: number;
  readonly resolved: number;
  readonly resolve: DurationSummary;
}

/** One incident as a row of the report (CSV, JSON). */
export interface ReportIncidentRow {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly incidentType: string;
  readonly environment: string;
  readonly service: string | undefined;
  readonly status: string;
  readonly declaredAt: EpochMs;
  readonly detectMs: number | undefined;
  readonly acknowledgeMs: number | undefined;
  readonly resolveMs: number | undefined;
  readonly isResponseMet: boolean;
  readonly isWithinSla: boolean;
  readonly reopenCount: number;
}

export interface MonthlyReport {
  readonly month: ReportMonth;
  readonly previousMonth: ReportMonth;
  readonly generatedAt: EpochMs;
  readonly current: MonthMetrics;
  readonly previous: MonthMetrics;
  readonly trends: readonly Trend[];
  readonly breakdowns: {
    readonly type: readonly BreakdownRow[];
    readonly environment: readonly BreakdownRow[];
    readonly service: readonly BreakdownRow[];
  };
  readonly improvements: {
    /** `action-recorded` events with status done and action items marked done, at a time inside the month. */
    readonly actionsCompleted: number;
    readonly actions: readonly { readonly incidentId: string; readonly at: EpochMs; readonly action: string }[];
    /** What fixed each resolved incident of the month. */
    readonly resolutions: readonly { readonly incidentId: string; readonly summary: string }[];
  };
  /**
   * Customer survey answers to resolution messages of the month's incidents (each respondent's last
   * answer per incident): their mean, beside the previous month's; without answers the report says so.
   */
  readonly satisfaction: { readonly scores: number; readonly average: number | null; readonly previousAverage: number | null; readonly text: string };
  /** Business impact of the month's incidents: customers affected and the cost (assessed, else configured revenue per minute). */
  readonly impact: { readonly incidents: number; readonly customersAffected: number; readonly cost: number | null; readonly currency: string; readonly text: string };
  readonly incidents: readonly ReportIncidentRow[];
}

export interface MonthlyReportInput {
  readonly month: ReportMonth;
  readonly previousMonth: ReportMonth;
  /** Every incident to consider (any months); each is placed by its declaration time. */
  readonly incidents: readonly IncidentFacts[];
  readonly generatedAt: EpochMs;
  /** Configured impact figures per service (`impact:`); none when absent. */
  readonly impactDefaults?: (service: string | undefined) => ImpactDefaults;
}

const inMonth = (at: EpochMs, m: ReportMonth): boolean => at >= m.startAt && at < m.endAt;
/** Ids are ASCII of one shape: code-unit order is their order, without localeCompare's cost. */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function computeMonthMetrics(incidents: readonly IncidentFacts[]): MonthMetrics {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of incidents) bySeverity[f.state.severity] += 1;
  const withinSla = incidents.filter((f) => f.isWithinSla).length;
  return {
    total: incidents.length,
    bySeverity,
    resolved: incidents.filter((f) => f.isResolved).length,
    detect: summarizeDurations(incidents.flatMap((f) => (f.detectMs === undefined ? [] : [f.detectMs]))),
    acknowledge: summarizeDurations(incidents.flatMap((f) => (f.acknowledgeMs === undefined ? [] : [f.acknowledgeMs]))),
    resolve: summarizeDurations(incidents.flatMap((f) => (f.resolveMs === undefined ? [] : [f.resolveMs]))),
    withinSla,
    slaShare: incidents.length === 0 ? null : withinSla / incidents.length,
  };
}

function breakdown(incidents: readonly IncidentFacts[], keyOf: (f: IncidentFacts) => string, order: readonly string[]): BreakdownRow[] {
  const groups = new Map<string, IncidentFacts[]>();
  for (const f of incidents) {
    const k = keyOf(f);
    const group = groups.get(k);
    // Appending in place: copying the group per incident made a month of 40 000 incidents take seconds.
    if (group === undefined) groups.set(k, [f]);
    else group.push(f);
  }
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return [...groups.entries()]
    .sort(([a, fa], [b, fb]) => rank(a) - rank(b) || fb.length - fa.length || a.localeCompare(b))
    .map(([key, fs]) => ({
      key,
      total: fs.length,
      resolved: fs.filter((f) => f.isResolved).length,
      resolve: summarizeDurations(fs.flatMap((f) => (f.resolveMs === undefined ? [] : [f.resolveMs]))),
    }));
}

/**
 * The monthly report: incidents are counted in the month they were declared (in the month's
 * zone); their durations and SLA outcome are as of `generatedAt`, so an incident declared on the
 * 30th and resolved on the 2nd counts with its resolution. Trends compare means (the template's
 * wording) with the previous month computed the same way.
 */
export function computeMonthlyReport(input: MonthlyReportInput): MonthlyReport {
  const { month, previousMonth } = input;
  const current = input.incidents.filter((f) => inMonth(f.state.declaredAt, month)).sort((a, b) => a.state.declaredAt - b.state.declaredAt || compareIds(a.state.id, b.state.id));
  const before = input.incidents.filter((f) => inMonth(f.state.declaredAt, previousMonth));
  const cur = computeMonthMetrics(current);
  const prev = computeMonthMetrics(before);
  const prevName = previousMonth.name;
  const actions = input.incidents
    .flatMap((f) => f.completedActions.filter((a) => inMonth(a.at, month)).map((a) => ({ incidentId: f.state.id, at: a.at, action: a.action })))
    .sort((a, b) => a.at - b.at);
  return {
    month,
    previousMonth,
    generatedAt: input.generatedAt,
    current: cur,
    previous: prev,
    trends: [
      computeTrend('response', cur.acknowledge.meanMs, prev.acknowledge.meanMs, prevName),
      computeTrend('detection', cur.detect.meanMs, prev.detect.meanMs, prevName),
      computeTrend('resolution', cur.resolve.meanMs, prev.resolve.meanMs, prevName),
      computeTrend('sla', cur.slaShare, prev.slaShare, prevName),
    ],
    breakdowns: {
      type: breakdown(current, (f) => f.state.incidentType, INCIDENT_TYPES),
      environment: breakdown(current, (f) => f.state.environment, ENVIRONMENTS),
      service: breakdown(current, (f) => f.state.service ?? '(none)', []),
    },
    improvements: {
      actionsCompleted: actions.length,
      actions,
      resolutions: current.flatMap((f) => (f.isResolved && f.state.resolutionSummary ? [{ incidentId: f.state.id, summary: f.state.resolutionSummary }] : [])),
    },
    satisfaction: satisfactionOfMonth(current, before, prevName),
    impact: impactOfMonth(current, input.impactDefaults ?? (() => ({ currency: 'USD' })), input.generatedAt),
    incidents: current.map((f) => ({
      id: f.state.id,
      title: f.state.title,
      severity: f.state.severity,
      incidentType: f.state.incidentType,
      environment: f.state.environment,
      service: f.state.service,
      status: f.state.status,
      declaredAt: f.state.declaredAt,
      detectMs: f.detectMs,
      acknowledgeMs: f.acknowledgeMs,
      resolveMs: f.resolveMs,
      isResponseMet: f.isResponseMet,
      isWithinSla: f.isWithinSla,
      reopenCount: f.state.reopenCount,
    })),
  };
}

function satisfactionOfMonth(current: readonly IncidentFacts[], before: readonly IncidentFacts[], prevName: string): MonthlyReport['satisfaction'] {
  const scoresOf = (fs: readonly IncidentFacts[]) => fs.flatMap((f) => Object.values(f.state.satisfaction ?? {}));
  const mean = (xs: readonly number[]) => (xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10);
  const scores = scoresOf(current);
  const average = mean(scores);
  const previousAverage = mean(scoresOf(before));
  if (average === null) return { scores: 0, average: null, previousAverage, text: 'no survey answers this month' };
  const delta = previousAverage === null ? '' : ` (${average - previousAverage >= 0 ? '+' : '-'}${Math.abs(average - previousAverage).toFixed(1)} vs. ${prevName})`;
  return { scores: scores.length, average, previousAverage, text: `${average.toFixed(1)}/5.0${delta} from ${scores.length} answer${scores.length === 1 ? '' : 's'}` };
}

function impactOfMonth(current: readonly IncidentFacts[], defaults: (service: string | undefined) => ImpactDefaults, now: EpochMs): MonthlyReport['impact'] {
  const summaries = current.flatMap((f) => {
    const s = describeImpact(f.state, defaults(f.state.service), now);
    return s === undefined ? [] : [s];
  });
  const currency = summaries[0]?.currency ?? defaults(undefined).currency;
  const costs = summaries.filter((s) => s.cost !== undefined && s.currency === currency);
  const cost = costs.length === 0 ? null : costs.reduce((a, s) => a + s.cost!, 0);
  const customersAffected = summaries.reduce((a, s) => a + (s.customersAffected ?? 0), 0);
  if (summaries.length === 0) return { incidents: 0, customersAffected: 0, cost: null, currency, text: 'no impact assessed or configured' };
  const parts = [
    cost === null ? '' : `${currency} ${cost.toLocaleString('en-US', { maximumFractionDigits: 0 })} revenue at risk`,
    customersAffected === 0 ? '' : `${customersAffected.toLocaleString('en-US')} customers affected`,
  ].filter((p) => p !== '');
  return { incidents: summaries.length, customersAffected, cost, currency, text: `${parts.join(', ')} across ${summaries.length} incident${summaries.length === 1 ? '' : 's'}` };
}
