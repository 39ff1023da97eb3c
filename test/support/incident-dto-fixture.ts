// A realistic IncidentDto / CommandOutcome (as LocalIncidentApi answers for a fresh SEV-1 outage),
// for adapters that only move or render DTOs: the HTTP client and the Slack command.
import type { CommandOutcome, DeclarationPagingDto, DeclaredOutcome, IncidentDto, IncidentSummaryDto, TimelineEntryDto } from '../../src/app/incidents/index.js';

type Phase = IncidentDto['checklist']['phases'][number];

const step = (key: string, number: string, title: string, dueAt: string | null): Phase['steps'][number] =>
  ({ key, number, title, status: 'open', dueAt, completedAt: null, completedBy: null });

export function sampleIncidentDto(overrides: Partial<IncidentDto> = {}): IncidentDto {
  return {
    id: 'INC-2026-1128-001',
    title: 'Checkout API down',
    severity: 'critical',
    severityLabel: 'SEV-1',
    severityName: 'Critical',
    type: 'outage',
    environment: 'production',
    service: 'checkout',
    summary: null,
    status: 'triggered',
    publicStatus: 'investigating',
    declaredAt: '2026-11-28T14:30:00.000Z',
    declaredBy: 'rob',
    impactStartedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    mitigatedAt: null,
    resolvedAt: null,
    resolvedBy: null,
    resolutionSummary: null,
    closedAt: null,
    version: 1,
    roles: {},
    lastUpdate: null,
    updateCount: 0,
    reopenCount: 0,
    policy: {
      respondWithin: '15 min',
      escalation: 'automatic escalation to leadership',
      updateCadence: 'every 30 min',
      impact: 'Complete service outage or critical functionality unavailable',
    },
    clocks: {
      response: { dueAt: '2026-11-28T14:45:00.000Z', state: 'running', metAt: null },
      nextUpdate: { dueAt: '2026-11-28T15:00:00.000Z', state: 'running' },
    },
    checklist: {
      title: 'System Outage Response Workflow',
      done: 0,
      total: 7,
      overdue: 0,
      phases: [
        {
          key: 'immediate', title: 'Immediate Actions', marker: 'OK', window: '0–15 min',
          startsAt: '2026-11-28T14:30:00.000Z', endsAt: '2026-11-28T14:45:00.000Z',
          steps: [
            step('confirm-scope', '1.1', 'Confirm incident scope and impact', '2026-11-28T14:45:00.000Z'),
            step('activate-team', '1.2', 'Activate incident response team', '2026-11-28T14:45:00.000Z'),
            step('establish-comms', '1.3', 'Establish communication channels', '2026-11-28T14:45:00.000Z'),
          ],
        },
        {
          key: 'investigation', title: 'Investigation Phase', marker: 'SCAN', window: '15–60 min',
          startsAt: '2026-11-28T14:45:00.000Z', endsAt: '2026-11-28T15:30:00.000Z',
          steps: [
            step('gather-metrics', '2.1', 'Gather system metrics and logs', '2026-11-28T15:30:00.000Z'),
            step('root-cause-hypothesis', '2.2', 'Identify root cause hypothesis', '2026-11-28T15:30:00.000Z'),
          ],
        },
        {
          key: 'resolution', title: 'Resolution Phase', marker: 'TOOLS', window: 'from 60 min (varies)',
          startsAt: '2026-11-28T15:30:00.000Z', endsAt: null,
          steps: [step('primary-fix', '3.1', 'Implement primary fix', null), step('confirm-resolution', '3.2', 'Confirm full resolution', null)],
        },
      ],
    },
    compliance: { flags: [], obligations: [] },
    review: { required: true, dueAt: null, scheduledAt: null, doneAt: null },
    seenBefore: [],
    asOf: '2026-11-28T14:30:00.000Z',
    ...overrides,
  };
}

/** The list summary of an incident as `sampleIncidentDto` builds it. */
export function sampleIncidentSummaryDto(overrides: Partial<IncidentDto> = {}): IncidentSummaryDto {
  const i = sampleIncidentDto(overrides);
  return {
    id: i.id, title: i.title, severity: i.severity, severityLabel: i.severityLabel, type: i.type, environment: i.environment, service: i.service,
    status: i.status, publicStatus: i.publicStatus, declaredAt: i.declaredAt, acknowledgedAt: i.acknowledgedAt, resolvedAt: i.resolvedAt,
    lastUpdateAt: i.lastUpdate?.at ?? null, commander: i.roles['commander'] ?? null, clocks: i.clocks, complianceFlagCount: i.compliance.flags.length, asOf: i.asOf,
  };
}

export function sampleTimelineEntry(overrides: Partial<TimelineEntryDto> = {}): TimelineEntryDto {
  return {
    seq: 1, version: 1, at: '2026-11-28T14:30:00.000Z', actor: 'rob', kind: 'declared',
    text: 'declared SEV-1 outage in production for checkout by rob: Checkout API down',
    data: { title: 'Checkout API down', severity: 'critical' },
    ...overrides,
  };
}

export function sampleOutcome(incident: Partial<IncidentDto> = {}, recorded: TimelineEntryDto[] = [sampleTimelineEntry()]): CommandOutcome {
  return { incident: sampleIncidentDto(incident), changed: recorded.length > 0, recorded };
}

/** A declaration's answer: the outcome and who it paged (one person by SMS unless given). */
export function sampleDeclared(incident: Partial<IncidentDto> = {}, paging: Partial<DeclarationPagingDto> = {}): DeclaredOutcome {
  return {
    ...sampleOutcome(incident),
    paging: {
      paged: [{ name: 'Alice Chen', via: 'sms', step: 1, at: '2026-11-28T14:32:00.000Z' }], policy: 'Checkout on-call', isConfigured: true,
      summary: 'Paged Alice Chen (sms) through Checkout on-call.', ...paging,
    },
  };
}
