import type { CommandOutcome } from '../../app/incidents/index.js';
import { assertNever } from '../../domain/errors/index.js';
import { responseClock, updateClock } from './incident-words.js';
import { context, escapeSlack, quote, section, slackResponse, type SlackResponse } from './slack-blocks.js';

export type WorkVerb = 'ack' | 'update' | 'resolve';

/**
 * What the channel sees after ack, update or resolve; a command that changed nothing (acknowledging
 * an acknowledged incident) only tells the person who ran it.
 */
export function renderCommandOutcome(verb: WorkVerb, outcome: CommandOutcome, by: { slackUserId: string }): SlackResponse {
  const i = outcome.incident;
  const who = `<@${escapeSlack(by.slackUserId)}>`;
  const subject = `*${i.id}* ${escapeSlack(i.title)}`;
  if (!outcome.changed) {
    const already = i.acknowledgedBy !== null && verb === 'ack' ? ` by ${escapeSlack(i.acknowledgedBy)}` : '';
    const text = `Nothing changed: ${i.id} is already ${escapeSlack(i.status)}${already}.`;
    return slackResponse('ephemeral', text, [section(text)]);
  }
  let lead: string;
  let fallback: string;
  switch (verb) {
    case 'ack':
      lead = `:eyes: ${who} acknowledged ${subject}\n*Response:* ${responseClock(i)}`;
      fallback = `acknowledged ${i.id}`;
      break;
    case 'update': {
      const u = i.lastUpdate;
      lead = `:loudspeaker: ${subject} — *${escapeSlack(u?.status ?? i.publicStatus)}* (update by ${who})${u === null ? '' : `\n${quote(escapeSlack(u.message))}`}`;
      fallback = `status update on ${i.id}: ${u?.status ?? i.publicStatus}`;
      break;
    }
    case 'resolve':
      lead = `:white_check_mark: ${who} resolved ${subject}${i.resolutionSummary === null ? '' : `\n${quote(escapeSlack(i.resolutionSummary))}`}`;
      fallback = `resolved ${i.id}`;
      break;
    default:
      return assertNever(verb);
  }
  const status = `status ${escapeSlack(i.status)} · public: ${escapeSlack(i.publicStatus)}`;
  return slackResponse('in_channel', `${escapeSlack(fallback)}: ${escapeSlack(i.title)}`, [
    section(lead),
    context(verb === 'resolve' ? status : `${status} · ${updateClock(i)}`),
  ]);
}
