import type { DurationSummary, MonthlyReport, MonthMetrics } from '../../domain/reporting/index.js';
import { isoOrNull, minutesOrNull } from './format-report-values.js';

const summary = (s: DurationSummary) => ({ count: s.count, meanMinutes: minutesOrNull(s.meanMs), medianMinutes: minutesOrNull(s.medianMs) });

const metrics = (m: MonthMetrics) => ({
  total: m.total,
  bySeverity: m.bySeverity,
  resolved: m.resolved,
  mttd: summary(m.detect),
  mtta: summary(m.acknowledge),
  mttr: summary(m.resolve),
  withinSla: m.withinSla,
  slaShare: m.slaShare,
});

/** The report as plain JSON: instants in ISO-8601 UTC, durations in minutes (one decimal). */
export function toMonthlyReportJson(r: MonthlyReport): Record<string, unknown> {
  const month = (m: MonthlyReport['month']) => ({ key: m.key, label: m.label, zone: m.zone, startAt: isoOrNull(m.startAt), endAt: isoOrNull(m.endAt) });
  const rows = (list: MonthlyReport['breakdowns']['type']) => list.map((b) => ({ key: b.key, total: b.total, resolved: b.resolved, mttr: summary(b.resolve) }));
  return {
    month: month(r.month),
    previousMonth: month(r.previousMonth),
    generatedAt: isoOrNull(r.generatedAt),
    current: metrics(r.current),
    previous: metrics(r.previous),
    trends: r.trends,
    breakdowns: { type: rows(r.breakdowns.type), environment: rows(r.breakdowns.environment), service: rows(r.breakdowns.service) },
    improvements: {
      actionsCompleted: r.improvements.actionsCompleted,
      actions: r.improvements.actions.map((a) => ({ incidentId: a.incidentId, at: isoOrNull(a.at), action: a.action })),
      resolutions: r.improvements.resolutions,
    },
    satisfaction: r.satisfaction,
    impact: r.impact,
    incidents: r.incidents.map((i) => ({
      id: i.id,
      title: i.title,
      severity: i.severity,
      type: i.incidentType,
      environment: i.environment,
      service: i.service ?? null,
      status: i.status,
      declaredAt: isoOrNull(i.declaredAt),
      detectMinutes: minutesOrNull(i.detectMs),
      acknowledgeMinutes: minutesOrNull(i.acknowledgeMs),
      resolveMinutes: minutesOrNull(i.resolveMs),
      responseMet: i.isResponseMet,
      withinSla: i.isWithinSla,
      reopenCount: i.reopenCount,
    })),
  };
}
