import type { DeclarationReceipt, IncidentDto } from '../../app/incidents/index.js';
import { isRestrictedIncidentType } from '../../domain/access/index.js';
import { INCIDENT_TYPES, type IncidentType } from '../../domain/classification/index.js';
import { context, escapeSlack, section, slackResponse, type SlackResponse } from './slack-blocks.js';

const ONLY_YOU = 'Only you can see this: security incidents are never posted in channels. Their private war room carries the updates.';

/** Whether an incident's answers must stay with the person who typed the command (security incidents). */
export function isConfidential(incident: Pick<IncidentDto, 'type'>): boolean {
  return (INCIDENT_TYPES as readonly string[]).includes(incident.type) && isRestrictedIncidentType(incident.type as IncidentType);
}

/** The same answer, told only to the person who typed the command when the incident is confidential. */
export function keepConfidential(incident: Pick<IncidentDto, 'type'>, answer: SlackResponse): SlackResponse {
  if (!isConfidential(incident)) return answer;
  return slackResponse('ephemeral', answer.text, [...answer.blocks, context(ONLY_YOU)]);
}

/** What a declarer outside the team gets: the id, the severity and to whom it went; nothing they could not see afterwards. */
export function renderDeclarationReceipt(r: DeclarationReceipt): SlackResponse {
  const text = `:lock: ${escapeSlack(`${r.id} (${r.severityLabel} ${r.type}) was declared and handed to the ${r.handedTo} team.`)}`;
  return slackResponse('ephemeral', text, [
    section(`${text}\n${escapeSlack(r.message)}`),
    context(ONLY_YOU),
  ]);
}
