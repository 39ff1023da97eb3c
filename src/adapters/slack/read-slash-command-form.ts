import { AppError, nulCharacterError } from '../../domain/errors/index.js';

/**
 * The fields of a slash-command request we use. Slack's deprecated verification `token` is left
 * out on purpose: the request signature replaces it, and it should not travel further or be logged.
 */
export interface SlashCommandForm {
  readonly teamId: string;
  readonly userId: string;
  readonly userName: string;
  /** The command as typed, e.g. `/incident-response` (used in help and error wording). */
  readonly command: string;
  readonly text: string;
  readonly channelId: string;
  readonly responseUrl: string;
  readonly triggerId: string;
}

/** Reads Slack's `application/x-www-form-urlencoded` body (the raw body that was verified). */
export function readSlashCommandForm(rawBody: string | Uint8Array): SlashCommandForm {
  const params = new URLSearchParams(typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8'));
  // Text typed in Slack holding a NUL character is refused naming the field, as the API does.
  for (const [name, value] of params) if (value.includes('\u0000')) throw nulCharacterError(name);
  const get = (name: string) => params.get(name) ?? '';
  const form: SlashCommandForm = {
    teamId: get('team_id'),
    userId: get('user_id'),
    userName: get('user_name'),
    command: get('command') || '/incident-response',
    text: get('text'),
    channelId: get('channel_id'),
    responseUrl: get('response_url'),
    triggerId: get('trigger_id'),
  };
  if (form.userId === '') {
    throw new AppError('VALIDATION', 'the Slack request has no user_id; is this a slash-command request?', { issues: [{ path: 'user_id', message: 'missing' }] });
  }
  return form;
}
