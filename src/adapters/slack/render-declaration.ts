import type { DeclarationPagingDto, DeclaredOutcome } from '../../app/incidents/index.js';
import { checklistProgress, phaseText, responseClock, severityBadge, updateClock } from './incident-words.js';
import { context, escapeSlack, fields, header, section, slackResponse, type SlackResponse } from './slack-blocks.js';

/**
 * The in-channel card after `/incident-response critical outage production`: what was declared,
 * the policy's deadlines, who was paged (or that no one was, and how to fix it), the first checklist
 * phase, and who declared it.
 */
export function renderDeclaration(outcome: DeclaredOutcome, declaredBy: { slackUserId: string }, command = '/incident-response'): SlackResponse {
  const i = outcome.incident;
  const first = i.checklist.phases[0];
  const blocks = [
    header(`${i.id} · ${i.title}`),
    fields([
      ['Severity', severityBadge(i)],
      ['Type', escapeSlack(i.type)],
      ['Environment', escapeSlack(i.environment)],
      ['Service', i.service === null ? '—' : escapeSlack(i.service)],
    ]),
    section([
      `*Response:* ${responseClock(i)}`,
      `*Updates:* ${updateClock(i)}`,
      `*Escalation:* ${escapeSlack(i.policy.escalation)}${outcome.paging.paged.length === 0 ? ' (policy; nobody was paged)' : ''}`,
      pagingText(outcome.paging),
    ].join('\n')),
    ...(first === undefined ? [] : [section(`*${escapeSlack(i.checklist.title)}* — ${checklistProgress(i)}\n${phaseText(first)}`)]),
    context(
      `Declared by <@${escapeSlack(declaredBy.slackUserId)}> (${escapeSlack(i.declaredBy)}) · status ${escapeSlack(i.status)} · public: ${escapeSlack(i.publicStatus)}`,
      `Acknowledge with \`${escapeSlack(command)} ack ${i.id}\``,
    ),
  ];
  const text = `:rotating_light: ${escapeSlack(`${i.severityLabel} ${i.type} in ${i.environment} declared: ${i.id} ${i.title}`)}`;
  return slackResponse('in_channel', text, blocks);
}

function pagingText(p: DeclarationPagingDto): string {
  if (p.paged.length === 0) return `*Paged:* no one. ${escapeSlack(p.summary)}`;
  const people = new Map<string, string[]>();
  for (const x of p.paged) people.set(x.name, [...new Set([...(people.get(x.name) ?? []), x.via])]);
  const who = [...people].map(([name, via]) => `${escapeSlack(name)} (${escapeSlack(via.join(', '))})`).join(', ');
  return `*Paged:* ${who}${p.policy !== null ? ` through ${escapeSlack(p.policy)}` : ''}`;
}
