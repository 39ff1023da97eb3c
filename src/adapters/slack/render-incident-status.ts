import type { IncidentDto } from '../../app/incidents/index.js';
import { checklistProgress, responseClock, severityBadge, updateClock } from './incident-words.js';
import { context, escapeSlack, fields, header, quote, section, slackDate, slackResponse, type SlackResponse } from './slack-blocks.js';

/** The ephemeral card for `/incident-response status ID`: state, clocks, commander, last update, progress. */
export function renderIncidentStatus(i: IncidentDto): SlackResponse {
  const commander = i.roles['commander'];
  const lastUpdate = i.lastUpdate === null
    ? '_No status update yet._'
    : `*Last update* (${escapeSlack(i.lastUpdate.status)}, ${slackDate(i.lastUpdate.at)} by ${escapeSlack(i.lastUpdate.by)}):\n${quote(escapeSlack(i.lastUpdate.message))}`;
  const blocks = [
    header(`${i.id} · ${i.title}`),
    fields([
      ['Status', `${escapeSlack(i.status)} · public: ${escapeSlack(i.publicStatus)}`],
      ['Severity', severityBadge(i)],
      ['Commander', commander === undefined ? '_unassigned_' : escapeSlack(commander)],
      ['Checklist', checklistProgress(i)],
      ['Response', responseClock(i)],
      ['Updates', updateClock(i)],
    ]),
    section(lastUpdate),
    ...(i.resolutionSummary === null ? [] : [section(`*Resolution:*\n${quote(escapeSlack(i.resolutionSummary))}`)]),
    context(
      `${escapeSlack(i.type)} · ${escapeSlack(i.environment)}${i.service === null ? '' : ` · ${escapeSlack(i.service)}`}`
        + ` · declared ${slackDate(i.declaredAt)} by ${escapeSlack(i.declaredBy)} · as of ${slackDate(i.asOf, '{time}')}`,
    ),
  ];
  return slackResponse('ephemeral', escapeSlack(`${i.id} ${i.title}: ${i.status} (public: ${i.publicStatus})`), blocks);
}
