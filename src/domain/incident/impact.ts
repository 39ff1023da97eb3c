// Impact assessment (customers affected, revenue at risk per minute and what the incident cost) and
// customer satisfaction answers. Pure: decisions validate input into events; descriptions read state.
import { AppError, type Issue } from '../errors/index.js';
import type { EpochMs } from '../time/index.js';
import type { IncidentEventData } from './incident-events.js';
import type { ImpactAssessment, IncidentState } from './incident-state.js';

export interface ImpactInput {
  readonly customersAffected?: number;
  readonly customersTotal?: number;
  readonly revenuePerMinute?: number;
  readonly currency?: string;
  readonly note?: string;
  readonly source?: 'entered' | 'metric';
}

/** The largest figure accepted: far beyond any real business, far inside exact doubles. */
const FIGURE_MAX = 1e12;
const NOTE_MAX = 2000;

/** An assessment as an event; at least one figure or a note, each figure checked. */
export function decideImpactAssessment(state: IncidentState, input: ImpactInput, defaults?: Pick<ImpactDefaults, 'customersTotal'>): IncidentEventData[] {
  const issues: Issue[] = [];
  const count = (field: string, v: number | undefined) => {
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > FIGURE_MAX)) issues.push({ path: field, message: `expected a whole number from 0 to ${FIGURE_MAX}, got ${v}` });
  };
  count('customersAffected', input.customersAffected);
  count('customersTotal', input.customersTotal);
  if (input.revenuePerMinute !== undefined && (!Number.isFinite(input.revenuePerMinute) || input.revenuePerMinute < 0 || input.revenuePerMinute > FIGURE_MAX)) {
    issues.push({ path: 'revenuePerMinute', message: `expected an amount from 0 to ${FIGURE_MAX}, got ${input.revenuePerMinute}` });
  }
  if (input.currency !== undefined && !/^[A-Z]{3}$/.test(input.currency)) issues.push({ path: 'currency', message: `expected an ISO 4217 code such as USD or EUR, got '${input.currency}'` });
  if (input.note !== undefined && input.note.length > NOTE_MAX) issues.push({ path: 'note', message: `at most ${NOTE_MAX} characters` });
  const affected = input.customersAffected ?? state.impact?.customersAffected;
  const total = input.customersTotal ?? state.impact?.customersTotal ?? defaults?.customersTotal;
  if (issues.length === 0 && affected !== undefined && total !== undefined && affected > total) {
    issues.push({ path: input.customersAffected !== undefined ? 'customersAffected' : 'customersTotal', message: `${affected} customers affected is more than the ${total} there are` });
  }
  const figures = (['customersAffected', 'customersTotal', 'revenuePerMinute', 'currency', 'note'] as const).filter((k) => input[k] !== undefined);
  if (issues.length === 0 && figures.length === 0) issues.push({ path: 'customersAffected', message: 'give at least one of customers affected, customers total, revenue per minute, currency or a note' });
  if (issues.length > 0) throw new AppError('VALIDATION', `The impact assessment of ${state.id} is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`, { issues });
  return [{
    kind: 'impact-assessed',
    ...(input.customersAffected === undefined ? {} : { customersAffected: input.customersAffected }),
    ...(input.customersTotal === undefined ? {} : { customersTotal: input.customersTotal }),
    ...(input.revenuePerMinute === undefined ? {} : { revenuePerMinute: input.revenuePerMinute }),
    ...(input.currency === undefined ? {} : { currency: input.currency }),
    ...(input.note === undefined ? {} : { note: input.note.trim() }),
    source: input.source ?? 'entered',
  }];
}

/** What configuration supplies where an assessment is silent (`impact:` in the config). */
export interface ImpactDefaults {
  readonly currency: string;
  readonly customersTotal?: number;
  /** Revenue at risk per minute for the incident's service (or the configured default). */
  readonly revenuePerMinute?: number;
}

/** The impact now: figures, minutes of impact, cost so far (or in total, once resolved), in words. */
export interface ImpactSummary {
  readonly customersAffected?: number;
  readonly customersTotal?: number;
  /** customersAffected / customersTotal, 0..1. */
  readonly share?: number;
  readonly revenuePerMinute?: number;
  readonly currency: string;
  /** Impact start (else declaration) → resolution (else now), whole minutes. */
  readonly minutes: number;
  /** revenuePerMinute × minutes, when the rate is known. */
  readonly cost?: number;
  readonly isFinal: boolean;
  readonly note?: string;
  /** "12,000 of 50,000 customers (24%); USD 850/min at risk; USD 38,250 over 45 min so far" */
  readonly text: string;
}

export function impactMinutes(state: Pick<IncidentState, 'impactStartedAt' | 'declaredAt' | 'resolvedAt'>, now: EpochMs): number {
  const start = state.impactStartedAt !== undefined && state.impactStartedAt < state.declaredAt ? state.impactStartedAt : state.declaredAt;
  const end = state.resolvedAt ?? now;
  return Math.max(0, Math.round((end - start) / 60_000));
}

function money(amount: number, currency: string): string {
  return `${currency} ${amount.toLocaleString('en-US', { maximumFractionDigits: amount >= 100 ? 0 : 2 })}`;
}

/** Undefined when nothing is known: no assessment and no configured rate. */
export function describeImpact(
  state: Pick<IncidentState, 'impactStartedAt' | 'declaredAt' | 'resolvedAt'> & { readonly impact?: ImpactAssessment | undefined },
  defaults: ImpactDefaults,
  now: EpochMs,
): ImpactSummary | undefined {
  const a = state.impact;
  const customersAffected = a?.customersAffected;
  const customersTotal = a?.customersTotal ?? defaults.customersTotal;
  const revenuePerMinute = a?.revenuePerMinute ?? defaults.revenuePerMinute;
  const currency = a?.currency ?? defaults.currency;
  if (customersAffected === undefined && revenuePerMinute === undefined && a?.note === undefined) return undefined;
  const minutes = impactMinutes(state, now);
  const isFinal = state.resolvedAt !== undefined;
  const share = customersAffected !== undefined && customersTotal !== undefined && customersTotal > 0 ? customersAffected / customersTotal : undefined;
  const cost = revenuePerMinute === undefined ? undefined : revenuePerMinute * minutes;
  const parts: string[] = [];
  if (customersAffected !== undefined) {
    const of = customersTotal === undefined ? '' : ` of ${customersTotal.toLocaleString('en-US')}`;
    const pct = share === undefined ? '' : ` (${(share * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%)`;
    parts.push(`${customersAffected.toLocaleString('en-US')}${of} customers affected${pct}`);
  }
  if (revenuePerMinute !== undefined) {
    parts.push(`${money(revenuePerMinute, currency)}/min at risk`);
    parts.push(`${money(cost!, currency)} over ${minutes} min${isFinal ? '' : ' so far'}`);
  }
  if (a?.note !== undefined) parts.push(a.note);
  return {
    ...(customersAffected === undefined ? {} : { customersAffected }),
    ...(customersTotal === undefined ? {} : { customersTotal }),
    ...(share === undefined ? {} : { share }),
    ...(revenuePerMinute === undefined ? {} : { revenuePerMinute }),
    currency, minutes,
    ...(cost === undefined ? {} : { cost }),
    isFinal,
    ...(a?.note === undefined ? {} : { note: a.note }),
    text: parts.join('; '),
  };
}

/** A survey answer: only once the incident is resolved, 1–5. */
export function decideSatisfaction(state: IncidentState, score: number, respondent: string): IncidentEventData[] {
  if (!Number.isInteger(score) || score < 1 || score > 5) {
    throw new AppError('VALIDATION', `A satisfaction score is a whole number from 1 to 5, not ${score}.`, { issues: [{ path: 'score', message: 'expected 1, 2, 3, 4 or 5' }] });
  }
  if (state.resolvedAt === undefined) throw new AppError('INVALID_TRANSITION', `${state.id} is not resolved yet; the survey opens with the resolution message.`);
  if (respondent.length === 0 || respondent.length > 200) throw new AppError('VALIDATION', 'The survey respondent is missing.', { issues: [{ path: 'respondent', message: 'required' }] });
  return [{ kind: 'satisfaction-rated', score, respondent }];
}

/** The mean of each respondent's last answer; undefined without answers. */
export function satisfactionOf(state: { readonly satisfaction?: Readonly<Record<string, number>> | undefined }): { readonly count: number; readonly sum: number } | undefined {
  const scores = Object.values(state.satisfaction ?? {});
  return scores.length === 0 ? undefined : { count: scores.length, sum: scores.reduce((a, b) => a + b, 0) };
}
