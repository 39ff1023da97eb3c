import type { Environment, IncidentType, Severity } from '../classification/index.js';
import { describeImpact, foldIncident, type ImpactDefaults, type IncidentStatus, type RcaCorrectiveAction } from '../incident/index.js';
import type { EpochMs } from '../time/index.js';
import { buildRcaTimeline, type RcaTimelineEntry, type SequencedEvent } from './build-rca-timeline.js';
import { foldRcaContent } from './rca-content.js';

/** The RCA document in the shape of the product's template, before rendering. */
export interface RcaDocument {
  readonly incidentId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly incidentType: IncidentType;
  readonly environment: Environment;
  readonly service: string | undefined;
  readonly status: IncidentStatus;
  /** First signal (impact start, else declaration) → resolution; undefined while unresolved. */
  readonly startedAt: EpochMs;
  readonly resolvedAt: EpochMs | undefined;
  readonly durationMs: number | undefined;
  /** The RCA's own impact statement, else the incident's summary, else its title. */
  readonly impact: string;
  readonly isImpactWritten: boolean;
  /** Customers affected, revenue at risk and the cost, when assessed or configured ("12,000 of 50,000 customers affected (24%); USD 850/min at risk; …"). */
  readonly businessImpact: string | undefined;
  /** Visible entries only, in time order. */
  readonly timeline: readonly RcaTimelineEntry[];
  readonly hiddenEntries: number;
  readonly rootCause: string | undefined;
  readonly rootCauseDetails: readonly string[];
  readonly factors: readonly string[];
  readonly actions: readonly RcaCorrectiveAction[];
  /** Past incidents with the same alert ("seen before"), with the root cause their RCA named. */
  readonly seenBefore: readonly { readonly incidentId: string; readonly rootCause: string | undefined }[];
  /** The service's dashboard and trace searches over the incident window (integrations.grafana). */
  readonly telemetry: readonly TelemetryLink[];
  readonly edits: number;
  readonly lastEditedAt: EpochMs | undefined;
  readonly lastEditedBy: string | undefined;
}

/** A link to where the incident's service is watched: a dashboard panel, a trace search. */
export interface TelemetryLink {
  readonly label: string;
  readonly href: string;
}

export interface RcaOptions {
  readonly includeHidden?: boolean;
  /** Links for the incident's service over [start, end], and the instant an unresolved incident ends at. */
  readonly telemetry?: { readonly links: (service: string | undefined, window: { readonly fromMs: number; readonly toMs: number }) => readonly TelemetryLink[]; readonly now: EpochMs };
  /** Configured impact figures for the incident's service, and the instant an unresolved impact is costed to. */
  readonly impact?: { readonly defaults: (service: string | undefined) => ImpactDefaults; readonly now: EpochMs };
}

export function computeRcaDocument(events: readonly SequencedEvent[], options: RcaOptions = {}): RcaDocument {
  const state = foldIncident(events);
  const content = foldRcaContent(events);
  const all = buildRcaTimeline(events, content);
  const startedAt = state.impactStartedAt !== undefined && state.impactStartedAt < state.declaredAt ? state.impactStartedAt : state.declaredAt;
  const isResolved = state.status === 'resolved' || state.status === 'closed';
  const resolvedAt = isResolved ? state.resolvedAt : undefined;
  return {
    incidentId: state.id,
    title: state.title,
    severity: state.severity,
    incidentType: state.incidentType,
    environment: state.environment,
    service: state.service,
    status: state.status,
    startedAt,
    resolvedAt,
    durationMs: resolvedAt === undefined ? undefined : resolvedAt - startedAt,
    impact: content.impact ?? state.summary ?? state.title,
    isImpactWritten: content.impact !== undefined,
    businessImpact: describeImpact(state, options.impact?.defaults(state.service) ?? { currency: 'USD' }, options.impact?.now ?? state.resolvedAt ?? state.updatedAt)?.text,
    timeline: options.includeHidden ? all : all.filter((e) => !e.isHidden),
    hiddenEntries: all.filter((e) => e.isHidden).length,
    rootCause: content.rootCause,
    rootCauseDetails: content.rootCauseDetails,
    factors: content.factors,
    actions: content.actions,
    seenBefore: events.flatMap((e) => (e.data.kind === 'seen-before' ? [{ incidentId: e.data.pastIncidentId, rootCause: e.data.rootCause }] : [])),
    telemetry: options.telemetry?.links(state.service, { fromMs: startedAt, toMs: resolvedAt ?? options.telemetry.now }) ?? [],
    edits: content.edits,
    lastEditedAt: content.lastEditedAt,
    lastEditedBy: content.lastEditedBy,
  };
}
