import { SEVERITY_LABEL } from '../classification/index.js';
import type { IncidentState } from '../incident/index.js';
import { formatInZone, isoUtc, type EpochMs } from '../time/index.js';

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
}

type IncidentFacts = Pick<IncidentState, 'id' | 'title' | 'severity' | 'incidentType' | 'environment' | 'service' | 'status' | 'declaredAt'>;

function headline(incident: IncidentFacts): string {
  return `[${SEVERITY_LABEL[incident.severity].label}] ${incident.id} ${incident.title}`;
}

/** An instant for the reader: in their zone when they have one ("2026-11-28 15:30 CET"), else ISO 8601 UTC. */
function when(at: EpochMs, zone: string | undefined): string {
  return zone === undefined ? isoUtc(at) : formatInZone(at, zone);
}

function facts(incident: IncidentFacts, zone?: string): string {
  return `${SEVERITY_LABEL[incident.severity].label} ${incident.incidentType} in ${incident.environment}${incident.service ? `, service ${incident.service}` : ''}; declared ${when(incident.declaredAt, zone)}`;
}

/** A page: what broke, why this person, and how to stop the paging; times in the person's zone when they have one. */
export function renderPage(incident: IncidentFacts, reason: string, link?: string, zone?: string): RenderedMessage {
  return {
    subject: headline(incident),
    text: [
      headline(incident),
      facts(incident, zone),
      `Why you: ${reason}.`,
      `Acknowledge to stop escalation: incident-response ack ${incident.id}${link ? ` or ${link}` : ''}`,
    ].join('\n'),
  };
}

export const STAKEHOLDER_MOMENTS = ['declared', 'status-update', 'resolved'] as const;
export type StakeholderMoment = (typeof STAKEHOLDER_MOMENTS)[number];

/** What a stakeholder group receives when an incident is declared, updated or resolved. */
export function renderStakeholderMessage(incident: IncidentFacts, moment: StakeholderMoment, body: string, nextUpdateDueAt: EpochMs | undefined): RenderedMessage {
  const verb = moment === 'declared' ? 'Incident declared' : moment === 'resolved' ? 'Resolved' : 'Update';
  const next = nextUpdateDueAt === undefined ? [] : [`Next update by ${isoUtc(nextUpdateDueAt)}.`];
  return {
    subject: `${verb}: ${headline(incident)}`,
    text: [`${verb}: ${headline(incident)}`, facts(incident), body, ...next].filter((l) => l !== '').join('\n'),
  };
}

/**
 * The same moment for a shared channel (a Slack channel, a Teams channel) about a confidential
 * incident: the id, severity and moment only; the title and text stay with those who may see it.
 */
export function renderWithheldStakeholderMessage(incident: IncidentFacts, moment: StakeholderMoment): RenderedMessage {
  const verb = moment === 'declared' ? 'Incident declared' : moment === 'resolved' ? 'Resolved' : 'Update';
  const subject = `${verb}: [${SEVERITY_LABEL[incident.severity].label}] ${incident.id} (${incident.incidentType})`;
  return { subject, text: `${subject}\nThe details are kept to the ${incident.incidentType} team and the incident's private war room.` };
}

/** The reminder to the communications lead that the next stakeholder update is due soon or late. */
export function renderUpdateReminder(incident: IncidentFacts, dueAt: EpochMs, lateByMs: number, zone?: string): RenderedMessage {
  const late = lateByMs > 0;
  const minutes = Math.round(lateByMs / 60_000);
  const subject = late
    ? `Update overdue by ${minutes} min: ${incident.id} ${incident.title}`
    : `Update due at ${when(dueAt, zone)}: ${incident.id} ${incident.title}`;
  return {
    subject,
    text: [subject, facts(incident, zone), `Post it with: incident-response update ${incident.id} "…"`].join('\n'),
  };
}

/** What the war room opens with: the incident, then its workflow as a checklist by phase. */
export function renderWarRoomSummary(incident: IncidentFacts & Pick<IncidentState, 'workflow' | 'summary'>, link?: string): string {
  const lines = [headline(incident), facts(incident)];
  if (incident.summary !== undefined) lines.push(incident.summary);
  if (link !== undefined) lines.push(link);
  lines.push('', `Checklist (${incident.workflow.title}):`);
  for (const phase of incident.workflow.phases) {
    const window = phase.endMin === undefined ? `${phase.startMin} min+` : `${phase.startMin}-${phase.endMin} min`;
    lines.push(`${phase.title} (${window})`);
    for (const step of phase.steps) lines.push(`  [ ] ${step.title}`);
  }
  return lines.join('\n');
}
