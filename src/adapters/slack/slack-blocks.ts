// Block Kit building blocks: the response shape, escaping, Slack's length limits and date tokens.
// Every builder here enforces its limit, so renderers cannot produce a message Slack rejects.

export interface PlainText { readonly type: 'plain_text'; readonly text: string; readonly emoji: true }
export interface Mrkdwn { readonly type: 'mrkdwn'; readonly text: string }

export type Block =
  | { readonly type: 'header'; readonly text: PlainText }
  | { readonly type: 'section'; readonly text: Mrkdwn }
  | { readonly type: 'section'; readonly fields: readonly Mrkdwn[] }
  | { readonly type: 'context'; readonly elements: readonly Mrkdwn[] }
  | { readonly type: 'divider' };

/** What the slash-command endpoint answers with (HTTP 200, JSON). */
export interface SlackResponse {
  readonly response_type: 'in_channel' | 'ephemeral';
  /** Shown in notifications and where blocks cannot be; mrkdwn, escaped. */
  readonly text: string;
  readonly blocks: readonly Block[];
}

/** Slack's documented maxima (characters) for the objects we use. */
export const SLACK_LIMITS = { header: 150, section: 3000, field: 2000, fields: 10, context: 10, blocks: 50, text: 3000 } as const;

/** `&`, `<` and `>` must be entities in mrkdwn, else `<!channel>` in a title would ping everyone. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cuts to at most `max` characters ending in "…", never inside an entity (`&amp;`), a `<…>` token
 * (mention, link, date) or a surrogate pair, so what is left still renders.
 */
export function limitText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const amp = text.lastIndexOf('&', cut - 1);
  const entity = amp === -1 ? null : /^&(?:amp|lt|gt);/.exec(text.slice(amp));
  if (entity !== null && amp + entity[0].length > cut) cut = amp;
  const lastOpen = text.lastIndexOf('<', cut - 1);
  if (lastOpen !== -1 && text.indexOf('>', lastOpen) >= cut) cut = lastOpen;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/**
 * A Slack date token: each reader sees the instant in their own time zone ("today at 14:45").
 * The fallback (for clients that cannot render it) is UTC.
 */
export function slackDate(iso: string, format = '{date_short_pretty} at {time}'): string {
  const ms = Date.parse(iso);
  const fallback = new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  return `<!date^${Math.floor(ms / 1000)}^${format}|${fallback}>`;
}

/** Slack block quote of escaped text, one `>` per line so a multi-line message stays quoted. */
export function quote(escaped: string): string {
  return escaped.split('\n').map((l) => `>${l}`).join('\n');
}

/** Raw text: escaped here, since Slack decodes the three entities in plain_text objects too. */
export const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text: limitText(escapeSlack(text), SLACK_LIMITS.header), emoji: true } });

/** `text` is mrkdwn the caller has already escaped. */
export const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: limitText(text, SLACK_LIMITS.section) } });

/** Two-column label/value pairs; values are mrkdwn the caller has already escaped. */
export const fields = (pairs: readonly (readonly [label: string, value: string])[]): Block => ({
  type: 'section',
  fields: pairs.slice(0, SLACK_LIMITS.fields).map(([label, value]) => ({ type: 'mrkdwn', text: limitText(`*${label}*\n${value}`, SLACK_LIMITS.field) })),
});

export const context = (...texts: readonly string[]): Block => ({
  type: 'context',
  elements: texts.slice(0, SLACK_LIMITS.context).map((t) => ({ type: 'mrkdwn', text: limitText(t, SLACK_LIMITS.section) })),
});

export function slackResponse(responseType: SlackResponse['response_type'], text: string, blocks: readonly Block[]): SlackResponse {
  return { response_type: responseType, text: limitText(text, SLACK_LIMITS.text), blocks: blocks.slice(0, SLACK_LIMITS.blocks) };
}
