import type { AppError } from '../../domain/errors/index.js';
import { context, escapeSlack, section, slackResponse, type SlackResponse } from './slack-blocks.js';

/**
 * An AppError for the person who ran the command only: the message, the issues it does not
 * already say, and the hint. Never a stack trace.
 */
export function renderSlackError(e: AppError): SlackResponse {
  const issues = e.issues.filter((i) => !e.message.includes(i.message)).map((i) => `• ${escapeSlack(i.path)}: ${escapeSlack(i.message)}`);
  const text = `:warning: ${escapeSlack(e.message)}`;
  return slackResponse('ephemeral', text, [
    section([text, ...issues].join('\n')),
    ...(e.hint === undefined ? [] : [context(escapeSlack(e.hint))]),
  ]);
}
