import { impactDefaultsFor, type ImpactConfig } from '../config/index.js';
import type { ImpactDefaults } from '../../domain/incident/index.js';
import { hiddenIncidentTypes, requirePermission, type Principal } from '../../domain/access/index.js';
import {
  computeIncidentFacts, computeMonthlyReport, factsFromReportRow, computeReportMonth, previousReportMonth, reportMonthOf, type IncidentFacts, type MonthlyReport,
} from '../../domain/reporting/index.js';
import type { Clock, IncidentStore, StoredEvent } from '../ports/index.js';

/**
 * Reports over the incident log. A report is computed from events, not from the read model, so
 * "first acknowledgement" survives a reopen. Incidents the principal may not see (security
 * incidents outside the security team) are left out of every number.
 */
export class ReportService {
  constructor(
    private readonly store: IncidentStore,
    private readonly clock: Clock,
    /** The zone month boundaries are drawn in (the configured display zone). */
    private readonly zone: string,
    /** Configured impact figures (`impact:`), for incidents without an assessment of their own. */
    private readonly impactConfig?: ImpactConfig,
  ) {}

  private impact(): { impactDefaults?: (service: string | undefined) => ImpactDefaults } {
    const config = this.impactConfig;
    return config === undefined ? {} : { impactDefaults: (service) => impactDefaultsFor(config, service) };
  }

  /** The report for `month` ("2026-11"; default: the month now is in) and the previous month it is compared with. */
  async monthly(month: string | undefined, principal: Principal): Promise<MonthlyReport> {
    requirePermission(principal, 'incident:read');
    const now = this.clock.now();
    const current = month === undefined ? reportMonthOf(now, this.zone) : computeReportMonth(month, this.zone);
    const previous = previousReportMonth(current);
    // The projection holds what folding every event would give (a contract test checks both agree),
    // so a month of a large history is one indexed range of small rows.
    const rows = await this.store.readReportFacts(previous.startAt, current.endAt, hiddenIncidentTypes(principal));
    return computeMonthlyReport({ month: current, previousMonth: previous, incidents: rows.map(factsFromReportRow), generatedAt: now, ...this.impact() });
  }

  /** The same report computed from every event (the projection's reference; slower on a large history). */
  async monthlyFromEvents(month: string | undefined, principal: Principal): Promise<MonthlyReport> {
    requirePermission(principal, 'incident:read');
    const now = this.clock.now();
    const current = month === undefined ? reportMonthOf(now, this.zone) : computeReportMonth(month, this.zone);
    const previous = previousReportMonth(current);
    const events = await this.store.readEventsOfIncidentsDeclared(previous.startAt, current.endAt, hiddenIncidentTypes(principal));
    return computeMonthlyReport({ month: current, previousMonth: previous, incidents: factsByIncident(events), generatedAt: now, ...this.impact() });
  }
}

/** Events arrive grouped by incident in version order; each group becomes one incident's facts. */
function factsByIncident(events: readonly StoredEvent[]): IncidentFacts[] {
  const facts: IncidentFacts[] = [];
  let start = 0;
  for (let i = 1; i <= events.length; i++) {
    if (i === events.length || events[i]!.incidentId !== events[start]!.incidentId) {
      facts.push(computeIncidentFacts(events.slice(start, i)));
      start = i;
    }
  }
  return facts;
}
