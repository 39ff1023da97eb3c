import { ENVIRONMENTS, INCIDENT_TYPES, PUBLIC_STATUSES, SEVERITIES } from '../../domain/classification/index.js';
import { context, escapeSlack, section, slackResponse, type SlackResponse } from './slack-blocks.js';

/** The ephemeral usage card for `/incident-response help` (and an empty command). */
export function renderSlackHelp(command = '/incident-response'): SlackResponse {
  const c = escapeSlack(command);
  const id = 'INC-2026-1128-001';
  return slackResponse('ephemeral', `How to use ${c}`, [
    section([
      `*Declare an incident*`,
      `\`${c} critical outage production --title "Checkout API down" --service checkout\``,
      `\`${c} high performance staging Search is slow\` (words after the environment are the title)`,
    ].join('\n')),
    section([
      `*Work an incident*`,
      `\`${c} status ${id}\` — state, clocks, commander and last update (only you see it)`,
      `\`${c} ack ${id}\` — acknowledge`,
      `\`${c} update ${id} identified: a bad deploy of the payments service\``,
      `\`${c} update ${id} --status monitoring --message "Rolled back; watching error rates"\``,
      `\`${c} resolve ${id} Rolled back the deploy\``,
    ].join('\n')),
    section([
      `*Change who is on call*`,
      `\`${c} oncall override --schedule primary --person bob --from "2026-11-28 22:00" --to "2026-11-29 08:00"\` — times in the display time zone, or with an offset`,
      `\`${c} oncall override list\` · \`${c} oncall override delete ovr_…\``,
    ].join('\n')),
    context(
      `Severity: ${SEVERITIES.join(', ')} · Type: ${INCIDENT_TYPES.join(', ')} · Environment: ${ENVIRONMENTS.join(', ')} · Update status: ${PUBLIC_STATUSES.join(', ')}`,
    ),
  ]);
}
