import { isDeclarationReceipt, type IncidentApi } from '../../app/incidents/index.js';
import type { OnCallChangesClient, OverrideDto } from '../../app/oncall-overrides/index.js';
import { AppError } from '../../domain/errors/index.js';
import type { Principal } from '../../domain/access/index.js';
import { assertNever, isAppError } from '../../domain/errors/index.js';
import { parseSlashCommand } from './parse-slash-command.js';
import type { SlashCommandForm } from './read-slash-command-form.js';
import { renderCommandOutcome } from './render-command-outcome.js';
import { keepConfidential, renderDeclarationReceipt } from './render-confidential.js';
import { renderDeclaration } from './render-declaration.js';
import { renderIncidentStatus } from './render-incident-status.js';
import { renderSlackError } from './render-slack-error.js';
import { renderSlackHelp } from './render-slack-help.js';
import { escapeSlack, section, slackDate, slackResponse, type SlackResponse } from './slack-blocks.js';

export interface SlashCommandDeps {
  /** The incident API acting as this principal (roles and visibility are enforced there). */
  apiFor(principal: Principal): IncidentApi;
  /** The incident-response user a Slack user is mapped to, or undefined when unmapped. */
  resolveUser(slackUserId: string, userName: string): Principal | undefined | Promise<Principal | undefined>;
  /** On-call overrides acting as this principal (`oncall override …`); the verb is refused when absent. */
  overridesFor?(principal: Principal): Pick<OnCallChangesClient, 'createOverride' | 'listOverrides' | 'deleteOverride'>;
  /** Failures that are not AppErrors (bugs): for the server's log. The person sees a generic message. */
  onUnexpectedError?(error: unknown): void;
}

/**
 * One slash command, start to finish: parse the text, act as the mapped user through IncidentApi,
 * render Block Kit. Always resolves to a response (errors become ephemeral messages), so the
 * endpoint can answer 200 to Slack whatever happened.
 */
export async function handleSlashCommand(form: SlashCommandForm, deps: SlashCommandDeps): Promise<SlackResponse> {
  try {
    const command = parseSlashCommand(form.text, form.command);
    if (command.kind === 'help') return renderSlackHelp(form.command);
    const principal = await deps.resolveUser(form.userId, form.userName);
    if (principal === undefined) return unmapped(form);
    const api = deps.apiFor(principal);
    const by = { slackUserId: form.userId };
    switch (command.kind) {
      case 'declare': {
        const outcome = await api.declare({
          severity: command.severity,
          incidentType: command.type,
          environment: command.environment,
          ...(command.title === undefined ? {} : { title: command.title }),
          ...(command.service === undefined ? {} : { service: command.service }),
        });
        if (isDeclarationReceipt(outcome)) return renderDeclarationReceipt(outcome.receipt);
        return keepConfidential(outcome.incident, renderDeclaration(outcome, by, form.command));
      }
      case 'status': {
        const incident = await api.get(command.id);
        return keepConfidential(incident, renderIncidentStatus(incident));
      }
      case 'ack': {
        const outcome = await api.acknowledge(command.id);
        return keepConfidential(outcome.incident, renderCommandOutcome('ack', outcome, by));
      }
      case 'update': {
        const outcome = await api.postStatusUpdate(command.id, command.status, command.message);
        return keepConfidential(outcome.incident, renderCommandOutcome('update', outcome, by));
      }
      case 'resolve': {
        const outcome = await api.resolve(command.id, command.summary);
        return keepConfidential(outcome.incident, renderCommandOutcome('resolve', outcome, by));
      }
      case 'oncall-override':
      case 'oncall-override-list':
      case 'oncall-override-delete':
        return await handleOverride(command, deps, principal);
      default:
        return assertNever(command);
    }
  } catch (e) {
    if (isAppError(e) && e.code !== 'INTERNAL') return renderSlackError(e);
    deps.onUnexpectedError?.(e);
    const text = ':warning: Something went wrong on our side and it has been logged. Try again in a moment, or use the incident-response CLI.';
    return slackResponse('ephemeral', text, [section(text)]);
  }
}

type OverrideCommand = Extract<ReturnType<typeof parseSlashCommand>, { kind: 'oncall-override' | 'oncall-override-list' | 'oncall-override-delete' }>;

/** Overrides are posted in the channel (the team should know who is on call); the list only to the caller. */
async function handleOverride(command: OverrideCommand, deps: SlashCommandDeps, principal: Principal): Promise<SlackResponse> {
  if (deps.overridesFor === undefined) throw new AppError('VALIDATION', 'On-call overrides are not available on this server.');
  const client = deps.overridesFor(principal);
  const line = (o: OverrideDto) => `\`${escapeSlack(o.id)}\` *${escapeSlack(o.personName)}* on call for \`${escapeSlack(o.scheduleId)}\` from ${slackDate(o.startAt, '{date_short_pretty} {time}')} to ${slackDate(o.endAt, '{date_short_pretty} {time}')}`
    + `${o.replacesPersonId === null ? '' : ` in place of ${escapeSlack(o.replacesPersonId)}`}${o.note === '' ? '' : ` — ${escapeSlack(o.note)}`}`;
  switch (command.kind) {
    case 'oncall-override': {
      const made = await client.createOverride({
        scheduleId: command.scheduleId, personId: command.personId, from: command.from, to: command.to,
        ...(command.replacesPersonId !== undefined ? { replacesPersonId: command.replacesPersonId } : {}),
        ...(command.note !== undefined ? { note: command.note } : {}),
      });
      const text = `:calendar: ${escapeSlack(principal.name)} made an on-call override: ${line(made)}`;
      return slackResponse('in_channel', text, [section(text)]);
    }
    case 'oncall-override-list': {
      const items = await client.listOverrides(command.scheduleId === undefined ? {} : { scheduleId: command.scheduleId });
      const text = items.length === 0 ? 'No on-call overrides are stored (overrides in the configuration file are not listed).' : items.map(line).join('\n');
      return slackResponse('ephemeral', items.length === 0 ? text : `${items.length} on-call override(s)`, [section(text)]);
    }
    case 'oncall-override-delete': {
      const deleted = await client.deleteOverride(command.id);
      const text = `:wastebasket: ${escapeSlack(principal.name)} deleted an on-call override: ${line(deleted)}`;
      return slackResponse('in_channel', text, [section(text)]);
    }
    default:
      return assertNever(command);
  }
}

function unmapped(form: SlashCommandForm): SlackResponse {
  const id = escapeSlack(form.userId);
  const text = `:lock: Your Slack account (<@${id}>) is not linked to an incident-response user yet, so ${escapeSlack(form.command)} cannot act for you.`
    + ` Ask an incident-response admin to map Slack user \`${id}\` to your account; \`${escapeSlack(form.command)} help\` works meanwhile.`;
  return slackResponse('ephemeral', text, [section(text)]);
}
