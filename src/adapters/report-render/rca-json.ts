import type { RcaDocument } from '../../domain/rca/index.js';
import { isoOrNull } from './format-report-values.js';

/** The RCA as plain JSON: instants in ISO-8601 UTC, absent values as null. */
export function toRcaJson(doc: RcaDocument): Record<string, unknown> {
  return {
    incidentId: doc.incidentId,
    title: doc.title,
    severity: doc.severity,
    type: doc.incidentType,
    environment: doc.environment,
    service: doc.service ?? null,
    status: doc.status,
    startedAt: isoOrNull(doc.startedAt),
    resolvedAt: isoOrNull(doc.resolvedAt),
    durationMinutes: doc.durationMs === undefined ? null : Math.round(doc.durationMs / 60_000),
    impact: doc.impact,
    businessImpact: doc.businessImpact ?? null,
    timeline: doc.timeline.map((x) => ({ seq: x.seq ?? null, at: isoOrNull(x.at), milestone: x.milestone, text: x.text, annotation: x.annotation ?? null, hidden: x.isHidden })),
    hiddenEntries: doc.hiddenEntries,
    rootCause: doc.rootCause ?? null,
    rootCauseDetails: doc.rootCauseDetails,
    seenBefore: doc.seenBefore.map((s) => ({ incidentId: s.incidentId, rootCause: s.rootCause ?? null })),
    telemetry: doc.telemetry.map((l) => ({ label: l.label, href: l.href })),
    contributingFactors: doc.factors,
    correctiveActions: doc.actions.map((a) => ({ category: a.category, text: a.text, owner: a.owner ?? null, dueOn: a.dueOn ?? null })),
    edits: doc.edits,
    lastEditedAt: isoOrNull(doc.lastEditedAt),
    lastEditedBy: doc.lastEditedBy ?? null,
  };
}
