import { SEVERITY_LABEL } from '../../domain/classification/index.js';
import { describeIncidentEvent, satisfactionOf } from '../../domain/incident/index.js';
import { COMPLIANCE_REGIMES, COMPLIANCE_REGIME_LABEL } from '../../domain/compliance/index.js';
import { ESCALATION_DESCRIPTION } from '../../domain/policy/index.js';
import { describePolicyDuration } from '../../domain/time/index.js';
import type { StoredEvent } from '../ports/index.js';
import type { IncidentListView, IncidentView } from './incident-service.js';

/**
 * The wire and JSON shape of an incident, shared by `--json`, the HTTP API and the remote CLI:
 * plain JSON, instants as ISO-8601 UTC strings, absent values as null.
 */
export interface IncidentDto {
  id: string;
  title: string;
  severity: string;
  severityLabel: string;
  severityName: string;
  type: string;
  environment: string;
  service: string | null;
  summary: string | null;
  status: string;
  publicStatus: string;
  declaredAt: string;
  declaredBy: string;
  impactStartedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolutionSummary: string | null;
  closedAt: string | null;
  version: number;
  roles: Record<string, string>;
  lastUpdate: { at: string; by: string; status: string; message: string } | null;
  updateCount: number;
  reopenCount: number;
  policy: { respondWithin: string; escalation: string; updateCadence: string; impact: string };
  clocks: {
    response: { dueAt: string; state: string; metAt: string | null };
    nextUpdate: { dueAt: string | null; state: string };
  };
  checklist: {
    title: string;
    done: number;
    total: number;
    overdue: number;
    phases: {
      key: string;
      title: string;
      marker: string;
      window: string;
      startsAt: string;
      endsAt: string | null;
      steps: { key: string; number: string; title: string; status: string; dueAt: string | null; completedAt: string | null; completedBy: string | null }[];
    }[];
  };
  /** Compliance flags and their obligations with deadlines (empty when the incident is not flagged). */
  compliance: {
    flags: { regime: string; label: string; awareAt: string; flaggedAt: string; flaggedBy: string; individuals: number | null; highRisk: boolean; note: string | null }[];
    obligations: {
      regime: string; key: string; title: string; basis: string; dueAt: string | null; status: string; firstNotifiedAt: string | null;
      contacts: { name: string; reach: string | null }[];
      notifications: { at: string; by: string; to: string; phase: string; note: string | null }[];
    }[];
  };
  /** The post-incident review: whether it is required, due by (once resolved), when it meets and when it was done. */
  review: { required: boolean; dueAt: string | null; scheduledAt: string | null; doneAt: string | null };
  /** Past incidents of the same alert that have an RCA ("seen before"). */
  seenBefore: string[];
  /** Business impact: present once assessed, or when configuration gives a revenue figure for its service. */
  impact?: {
    customersAffected: number | null;
    customersTotal: number | null;
    /** customersAffected / customersTotal, 0..1. */
    share: number | null;
    revenuePerMinute: number | null;
    currency: string;
    minutes: number;
    cost: number | null;
    isFinal: boolean;
    note: string | null;
    assessedAt: string | null;
    assessedBy: string | null;
    text: string;
  };
  /** Customer survey answers after resolution: present once there is one. */
  satisfaction?: { responses: number; average: number };
  asOf: string;
}

/**
 * An incident as a list shows it (`GET /incidents`, `list`, the web list and dashboard): what
 * identifies and classifies it, its lifecycle instants, its commander and its SLA clocks. The
 * whole incident (checklist, compliance obligations, review, policy) is `IncidentDto`, one at a time.
 */
export interface IncidentSummaryDto {
  id: string;
  title: string;
  severity: string;
  severityLabel: string;
  type: string;
  environment: string;
  service: string | null;
  status: string;
  publicStatus: string;
  declaredAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  lastUpdateAt: string | null;
  commander: string | null;
  clocks: IncidentDto['clocks'];
  /** How many compliance regimes it is flagged with: its obligations and deadlines are in the full incident. */
  complianceFlagCount: number;
  asOf: string;
}

export interface TimelineEntryDto {
  seq: number;
  version: number;
  at: string;
  actor: string;
  kind: string;
  text: string;
  data: Record<string, unknown>;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | undefined): string | null => (ms === undefined ? null : iso(ms));

export function toIncidentDto(view: IncidentView): IncidentDto {
  const s = view.incident;
  const satisfaction = satisfactionOf(s);
  const sev = SEVERITY_LABEL[s.severity];
  return {
    id: s.id,
    title: s.title,
    severity: s.severity,
    severityLabel: sev.label,
    severityName: sev.name,
    type: s.incidentType,
    environment: s.environment,
    service: s.service ?? null,
    summary: s.summary ?? null,
    status: s.status,
    publicStatus: s.publicStatus,
    declaredAt: iso(s.declaredAt),
    declaredBy: s.declaredBy,
    impactStartedAt: isoOrNull(s.impactStartedAt),
    acknowledgedAt: isoOrNull(s.acknowledgedAt),
    acknowledgedBy: s.acknowledgedBy ?? null,
    mitigatedAt: isoOrNull(s.mitigatedAt),
    resolvedAt: isoOrNull(s.resolvedAt),
    resolvedBy: s.resolvedBy ?? null,
    resolutionSummary: s.resolutionSummary ?? null,
    closedAt: isoOrNull(s.closedAt),
    version: s.version,
    roles: Object.fromEntries(Object.entries(s.roles).filter((e): e is [string, string] => e[1] !== undefined)),
    lastUpdate: s.lastUpdate ? { at: iso(s.lastUpdate.at), by: s.lastUpdate.by, status: s.lastUpdate.publicStatus, message: s.lastUpdate.message } : null,
    updateCount: s.updateCount,
    reopenCount: s.reopenCount,
    policy: {
      respondWithin: describePolicyDuration(view.rule.respondWithin),
      escalation: ESCALATION_DESCRIPTION[view.rule.escalation],
      updateCadence: view.rule.updateCadenceLabel,
      impact: view.rule.impact,
    },
    clocks: {
      response: { dueAt: iso(view.clocks.response.dueAt ?? s.responseDueAt), state: view.clocks.response.state, metAt: isoOrNull(view.clocks.response.metAt) },
      nextUpdate: { dueAt: isoOrNull(view.clocks.nextUpdate.dueAt), state: view.clocks.nextUpdate.state },
    },
    checklist: {
      title: view.checklist.title,
      done: view.checklist.done,
      total: view.checklist.total,
      overdue: view.checklist.overdue,
      phases: view.checklist.phases.map((p) => ({
        key: p.key,
        title: p.title,
        marker: p.marker,
        window: p.window,
        startsAt: iso(p.startsAt),
        endsAt: isoOrNull(p.endsAt),
        steps: p.steps.map((st) => ({
          key: st.key,
          number: st.number,
          title: st.title,
          status: st.status,
          dueAt: isoOrNull(st.dueAt),
          completedAt: isoOrNull(st.completedAt),
          completedBy: st.completedBy ?? null,
        })),
      })),
    },
    compliance: {
      flags: COMPLIANCE_REGIMES.flatMap((r) => {
        const f = s.compliance?.flags[r];
        return f === undefined ? [] : [{
          regime: r, label: COMPLIANCE_REGIME_LABEL[r], awareAt: iso(f.awareAt), flaggedAt: iso(f.flaggedAt), flaggedBy: f.flaggedBy,
          individuals: f.individuals ?? null, highRisk: f.highRisk, note: f.note ?? null,
        }];
      }),
      obligations: view.compliance.map((o) => ({
        regime: o.regime, key: o.key, title: o.title, basis: o.basis, dueAt: isoOrNull(o.dueAt), status: o.status, firstNotifiedAt: isoOrNull(o.firstNotifiedAt),
        contacts: o.contacts.map((c) => ({ name: c.name, reach: c.reach ?? null })),
        notifications: o.notifications.map((n) => ({ at: iso(n.at), by: n.by, to: n.to, phase: n.phase, note: n.note ?? null })),
      })),
    },
    review: { required: view.review.isRequired, dueAt: isoOrNull(view.review.dueAt), scheduledAt: isoOrNull(s.reviewScheduledAt), doneAt: isoOrNull(s.reviewDoneAt) },
    seenBefore: [...(s.seenBefore ?? [])],
    ...(view.impact === undefined ? {} : { impact: {
      customersAffected: view.impact.customersAffected ?? null, customersTotal: view.impact.customersTotal ?? null, share: view.impact.share ?? null,
      revenuePerMinute: view.impact.revenuePerMinute ?? null, currency: view.impact.currency, minutes: view.impact.minutes, cost: view.impact.cost ?? null,
      isFinal: view.impact.isFinal, note: view.impact.note ?? null, assessedAt: isoOrNull(s.impact?.assessedAt), assessedBy: s.impact?.assessedBy ?? null, text: view.impact.text,
    } }),
    ...(satisfaction === undefined ? {} : { satisfaction: { responses: satisfaction.count, average: Math.round((satisfaction.sum / satisfaction.count) * 10) / 10 } }),
    asOf: iso(view.asOf),
  };
}

export function toIncidentSummaryDto(view: IncidentListView): IncidentSummaryDto {
  const r = view.row;
  return {
    id: r.id,
    title: r.title,
    severity: r.severity,
    severityLabel: SEVERITY_LABEL[r.severity].label,
    type: r.incidentType,
    environment: r.environment,
    service: r.service ?? null,
    status: r.status,
    publicStatus: r.publicStatus,
    declaredAt: iso(r.declaredAt),
    acknowledgedAt: isoOrNull(r.acknowledgedAt),
    resolvedAt: isoOrNull(r.resolvedAt),
    lastUpdateAt: isoOrNull(r.lastUpdateAt),
    commander: r.commander ?? null,
    clocks: {
      response: { dueAt: iso(view.clocks.response.dueAt ?? r.responseDueAt), state: view.clocks.response.state, metAt: isoOrNull(view.clocks.response.metAt) },
      nextUpdate: { dueAt: isoOrNull(view.clocks.nextUpdate.dueAt), state: view.clocks.nextUpdate.state },
    },
    complianceFlagCount: r.complianceFlagCount,
    asOf: iso(view.asOf),
  };
}

export function toTimelineEntryDto(e: StoredEvent): TimelineEntryDto {
  const { kind, ...data } = e.data;
  return { seq: e.seq, version: e.version, at: iso(e.at), actor: e.actor, kind, text: describeIncidentEvent(e), data };
}
