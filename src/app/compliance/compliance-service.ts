import { canSeeIncidentType, hiddenIncidentTypes, requirePermission, type Principal } from '../../domain/access/index.js';
import {
  COMPLIANCE_REGIMES, COMPLIANCE_REGIME_LABEL, DEFAULT_COMPLIANCE_SETTINGS, computeComplianceChecklist, decideComplianceFlag, decideComplianceNotification,
  planComplianceReminders, type ComplianceReminder, type ComplianceSettings, type FlagInput, type NotifyInput,
} from '../../domain/compliance/index.js';
import { isActiveStatus, type IncidentState } from '../../domain/incident/index.js';
import { foldRcaContent } from '../../domain/rca/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';
import { notFound, toIncidentDto, toTimelineEntryDto, type CommandOutcome, type IncidentService } from '../incidents/index.js';
import type { DueReminder, ReminderFallback } from '../paging/index.js';
import type { Clock, IncidentStore } from '../ports/index.js';

/** A gap in an incident's documentation that a SOC 2 auditor would ask about. */
export interface Soc2Finding {
  readonly code: 'missing-root-cause' | 'missing-review' | 'missing-status-updates' | 'missing-compliance-notification';
  readonly message: string;
}

export interface Soc2IncidentReport {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly status: string;
  readonly declaredAt: string;
  readonly findings: readonly Soc2Finding[];
}

export interface Soc2Report {
  readonly since: string | null;
  readonly checked: number;
  readonly incomplete: readonly Soc2IncidentReport[];
}

const PAGE = 1000;
const COMPLIANCE_REMINDER_FALLBACK: readonly ReminderFallback[] = ['service-on-call', 'security-team'];
const NEEDS_FULL_RECORD = new Set(['critical', 'high']);

/** Compliance flags and notifications on incidents, the reminder plan, and the SOC 2 completeness check. */
export class ComplianceService {
  constructor(
    private readonly store: IncidentStore,
    private readonly incidents: IncidentService,
    private readonly clock: Clock,
    private readonly settings: ComplianceSettings = DEFAULT_COMPLIANCE_SETTINGS,
  ) {}

  /** Flags an incident (or corrects its flag); starts that regime's clocks from `awareAt`. */
  async flag(id: string, input: FlagInput, principal: Principal): Promise<CommandOutcome> {
    await this.guard(id, principal, 'incident:command');
    const now = this.clock.now();
    let changed = false;
    const after = await this.store.write((tx) => this.incidents.recordIn(tx, id, { name: principal.name }, now, (s) => {
      const d = decideComplianceFlag(s.compliance, input, now);
      changed = d.length > 0;
      return d;
    }));
    return this.outcome(changed, after, now);
  }

  /** Records a notification made (to a regulator, acquirer, auditor, the people affected …). */
  async notify(id: string, input: NotifyInput, principal: Principal): Promise<CommandOutcome> {
    await this.guard(id, principal, 'incident:work');
    const now = this.clock.now();
    const after = await this.store.write((tx) => this.incidents.recordIn(tx, id, { name: principal.name }, now, (s) => decideComplianceNotification(s.compliance, input, this.settings, s.id)));
    return this.outcome(true, after, now);
  }

  /**
   * The reminders due now across open incidents that are flagged (for the paging engine to
   * deliver; each carries an idempotency key).
   */
  async dueReminders(): Promise<ComplianceReminder[]> {
    const now = this.clock.now();
    const subjects = (await this.allSince(undefined, [])).filter((s) => s.compliance !== undefined).map((s) => ({ incidentId: s.id, title: s.title, record: s.compliance }));
    return planComplianceReminders(subjects, now, this.settings);
  }

  /**
   * The due reminders as the paging engine delivers them: to the incident's communications lead,
   * else its commander (or whoever acknowledged); an incident nobody took, as those opened by trigger
   * rules and alerts are, to the on-call of its owning service, then to the security team. The
   * timeline names who was reminded and why.
   */
  async dueReminderMessages(): Promise<DueReminder[]> {
    return (await this.dueReminders()).map((r) => ({
      idempotencyKey: r.idempotencyKey,
      incidentId: r.incidentId,
      recipient: undefined,
      fallback: COMPLIANCE_REMINDER_FALLBACK,
      subject: `${r.regime.toUpperCase()} ${r.kind === 'late' ? 'deadline passed' : 'deadline approaching'}: ${r.incidentId}`,
      text: r.message,
    }));
  }

  /** Incidents declared since `since` that miss documentation SOC 2 evidence needs. */
  async soc2(since: EpochMs | undefined, principal: Principal): Promise<Soc2Report> {
    requirePermission(principal, 'incident:read');
    const now = this.clock.now();
    const incidents = await this.allSince(since, hiddenIncidentTypes(principal));
    const incomplete: Soc2IncidentReport[] = [];
    for (const s of incidents) {
      const findings: Soc2Finding[] = [];
      const finished = !isActiveStatus(s.status);
      if (finished && NEEDS_FULL_RECORD.has(s.severity)) {
        const rca = foldRcaContent(await this.store.readIncidentEvents(s.id));
        if (rca.rootCause === undefined || rca.rootCause.trim() === '') findings.push({ code: 'missing-root-cause', message: `no root cause in the RCA (incident-response rca ${s.id} --root-cause "…")` });
        if (s.reviewDoneAt === undefined && s.status !== 'closed') findings.push({ code: 'missing-review', message: 'the post-incident review is not done' });
        if (s.updateCount === 0) findings.push({ code: 'missing-status-updates', message: 'no status update was posted' });
      }
      for (const o of computeComplianceChecklist(s.compliance, this.settings, now)) {
        if (o.status === 'overdue' || (finished && o.status === 'pending')) {
          findings.push({ code: 'missing-compliance-notification', message: `${COMPLIANCE_REGIME_LABEL[o.regime]}: ${o.title.toLowerCase()} is not recorded${o.dueAt === undefined ? '' : ` (due ${new Date(o.dueAt).toISOString()})`}` });
        }
      }
      for (const regime of COMPLIANCE_REGIMES) {
        if (s.compliance?.flags[regime] !== undefined && !s.compliance.notifications.some((n) => n.regime === regime) && !findings.some((f) => f.message.startsWith(COMPLIANCE_REGIME_LABEL[regime]))) {
          findings.push({ code: 'missing-compliance-notification', message: `${COMPLIANCE_REGIME_LABEL[regime]}: flagged, but no notification is recorded` });
        }
      }
      if (findings.length > 0) {
        incomplete.push({ id: s.id, title: s.title, severity: s.severity, status: s.status, declaredAt: new Date(s.declaredAt).toISOString(), findings });
      }
    }
    return { since: since === undefined ? null : new Date(since).toISOString(), checked: incidents.length, incomplete };
  }

  /** Everything the evidence bundle of one incident holds that comes from the incident itself. */
  async evidence(id: string, principal: Principal) {
    await this.guard(id, principal, 'incident:read');
    const view = await this.incidents.get(id);
    const events = await this.store.readIncidentEvents(id);
    return { incident: toIncidentDto(view), events, timeline: events.map(toTimelineEntryDto) };
  }

  private async allSince(since: EpochMs | undefined, hiddenTypes: readonly IncidentState['incidentType'][]): Promise<IncidentState[]> {
    const out: IncidentState[] = [];
    let after: { declaredAt: EpochMs; id: string } | undefined;
    for (;;) {
      const page = await this.store.listIncidents({ limit: PAGE, hiddenTypes, ...(since === undefined ? {} : { since }), ...(after === undefined ? {} : { after }) });
      out.push(...page);
      const last = page[page.length - 1];
      if (page.length < PAGE || last === undefined) break;
      after = { declaredAt: epochMs(last.declaredAt), id: last.id };
    }
    return out;
  }

  private async guard(id: string, principal: Principal, permission: 'incident:read' | 'incident:work' | 'incident:command'): Promise<void> {
    requirePermission(principal, permission);
    const incident = await this.store.findIncident(id);
    if (incident === undefined || !canSeeIncidentType(principal, incident.incidentType)) throw notFound(id);
  }

  private outcome(changed: boolean, after: IncidentState, now: EpochMs): CommandOutcome {
    return { incident: toIncidentDto(this.incidents.view(after, now)), changed, recorded: [] };
  }
}
