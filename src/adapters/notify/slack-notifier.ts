import type { DeliveryOutcome, Notifier, OutboundMessage, WarRoom, WarRoomProvider, WarRoomStart } from '../../app/ports/index.js';
import type { HttpContext } from './http-delivery.js';
import { callSlack } from './slack-api.js';
import { warRoomChannelName } from './war-room-channel-name.js';

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
const CHANNEL_NAME = /^#[a-z0-9_-]{1,80}$/;
/** A section block's text limit. */
const MAX_SECTION = 3000;
/** Per Web API call of the war room (the port gives it no timeout). */
export const WAR_ROOM_CALL_TIMEOUT_MS = 10_000;
/** conversations.list pages searched for an existing war room (1,000 channels each). */
const MAX_LIST_PAGES = 20;

/** Slack's own escaping for mrkdwn text: &, < and >. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slack: chat.postMessage to a channel id, a "#name" or, for a user id, the direct message opened
 * with conversations.open. Also the war-room provider: one channel per incident.
 */
export class SlackNotifier implements Notifier, WarRoomProvider {
  constructor(private readonly apiUrl: string, private readonly token: string, private readonly ctx: HttpContext) {}

  async deliver(message: OutboundMessage, timeoutMs: number): Promise<DeliveryOutcome> {
    const address = message.address.trim();
    // One deadline for the attempt, shared by conversations.open and chat.postMessage.
    const deadline = performance.now() + timeoutMs;
    const left = () => Math.max(1, Math.round(deadline - performance.now()));
    let channel = address;
    if (USER_ID.test(address)) {
      const opened = await callSlack(this.apiUrl, 'conversations.open', { users: address }, this.token, left(), this.ctx);
      if (!opened.ok) return opened.outcome;
      const id = (opened.data['channel'] as { id?: unknown } | undefined)?.id;
      if (typeof id !== 'string') return { kind: 'retry', reason: 'Slack conversations.open answered without a channel id' };
      channel = id;
    } else if (!CHANNEL_ID.test(address) && !CHANNEL_NAME.test(address)) {
      return { kind: 'failed', reason: `'${address}' is not a Slack user id (U…), channel id (C…) or #channel-name` };
    }
    const posted = await callSlack(this.apiUrl, 'chat.postMessage', { channel, ...messageArgs(message) }, this.token, left(), this.ctx);
    if (!posted.ok) return posted.outcome;
    const ts = typeof posted.data['ts'] === 'string' ? posted.data['ts'] : undefined;
    const postedTo = typeof posted.data['channel'] === 'string' ? posted.data['channel'] : channel;
    return { kind: 'delivered', detail: `Slack posted to ${postedTo}${ts === undefined ? '' : ` (ts ${ts})`}`, ...(ts === undefined ? {} : { providerId: `${postedTo}/${ts}` }) };
  }

  async startWarRoom(input: WarRoomStart): Promise<WarRoom> {
    // A private room's name carries the id only: channel names travel further than their messages.
    const name = warRoomChannelName(input.incident.id, input.isPrivate ? '' : input.incident.title);
    const created = await this.call('conversations.create', { name, is_private: input.isPrivate }, ['name_taken']);
    const channelId = created.ok ? stringField(created.data['channel'], 'id') : await this.findChannel(name, input.isPrivate);
    if (input.inviteUserIds.length > 0) {
      // force: invite the valid ids even when one is unknown or already a member.
      await this.call('conversations.invite', { channel: channelId, users: input.inviteUserIds.join(','), force: true }, ['already_in_channel', 'cant_invite_self']);
    }
    const room: WarRoom = { channelId, channelName: name };
    await this.postToWarRoom(room, input.summaryText);
    return room;
  }

  async postToWarRoom(room: WarRoom, text: string): Promise<void> {
    await this.call('chat.postMessage', { channel: room.channelId, text, mrkdwn: true }, []);
  }

  /**
   * The existing channel named `name` (conversations.list, all pages), unarchived and joined as
   * needed. A private room is looked for among private channels only: a public channel of that
   * name is never taken for it.
   */
  private async findChannel(name: string, isPrivate: boolean): Promise<string> {
    let cursor = '';
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const listed = await this.call('conversations.list', { types: isPrivate ? 'private_channel' : 'public_channel', exclude_archived: false, limit: 1000, ...(cursor === '' ? {} : { cursor }) }, []);
      if (!listed.ok) break;
      const channels = Array.isArray(listed.data['channels']) ? (listed.data['channels'] as Record<string, unknown>[]) : [];
      const found = channels.find((c) => c['name'] === name);
      if (found !== undefined) {
        const id = stringField(found, 'id');
        if (found['is_archived'] === true) await this.call('conversations.unarchive', { channel: id }, ['not_archived']);
        if (found['is_member'] !== true && found['is_private'] !== true) await this.call('conversations.join', { channel: id }, []);
        return id;
      }
      cursor = stringField(listed.data['response_metadata'], 'next_cursor', '');
      if (cursor === '') break;
    }
    throw new Error(`Slack says the channel #${name} exists (name_taken), but it is not among the channels the bot can list; invite the bot to it or rename it`);
  }

  /** A war-room call: `tolerated` errors count as done; any other refusal throws a readable Error. */
  private async call(method: string, args: Readonly<Record<string, string | number | boolean>>, tolerated: readonly string[]): Promise<{ ok: true; data: Record<string, unknown> } | { ok: false }> {
    const answer = await callSlack(this.apiUrl, method, args, this.token, WAR_ROOM_CALL_TIMEOUT_MS, this.ctx);
    if (answer.ok) return answer;
    if (answer.error !== undefined && tolerated.includes(answer.error)) return { ok: false };
    const outcome = answer.outcome;
    throw new Error(outcome.kind === 'delivered' ? `Slack ${method} failed` : outcome.reason);
  }
}

function stringField(value: unknown, key: string, fallback?: string): string {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  if (typeof v === 'string') return v;
  if (fallback !== undefined) return fallback;
  throw new Error(`Slack answered without ${key}`);
}

/** text (the notification fallback and the whole message for clients without blocks) and blocks. */
function messageArgs(message: OutboundMessage): Record<string, string> {
  const incident = message.incident;
  const body = `*${escapeMrkdwn(message.subject)}*\n${escapeMrkdwn(message.text)}`;
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text: body.length > MAX_SECTION ? `${body.slice(0, MAX_SECTION - 1)}…` : body } }];
  if (incident !== undefined) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: escapeMrkdwn(`${incident.id} · ${incident.severityLabel} · ${incident.status}${incident.service === undefined ? '' : ` · ${incident.service}`}`) }],
    });
    if (incident.url !== undefined) {
      blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: `Open ${incident.id}` }, url: incident.url }] });
    }
  }
  return { text: escapeMrkdwn(`${message.subject}\n${message.text}`), blocks: JSON.stringify(blocks), unfurl_links: 'false' };
}
