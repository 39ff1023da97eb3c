import { createHmac, randomUUID } from 'node:crypto';
import type { WebhookTicketsConfig } from '../../app/config/index.js';
import type { CreatedTicket, TicketRequest, TicketState } from '../../app/ports/index.js';
import { isTicketStatusDone } from '../../domain/action-items/index.js';
import { AppError } from '../../domain/errors/index.js';
import type { AddressGuard } from '../outbound-net/index.js';
import { isRecord, requestTicketJson, requireSecret } from './ticket-http.js';

/** A common error body: `{ error: "…" }`, `{ error: { message } }` or `{ message }`. */
function readWebhookReason(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const e = body['error'];
  if (typeof e === 'string') return e;
  if (isRecord(e) && typeof e['message'] === 'string') return e['message'];
  return typeof body['message'] === 'string' ? body['message'] : undefined;
}

/**
 * Standard Webhooks signature headers for `body`: webhook-id, webhook-timestamp (seconds) and
 * webhook-signature `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed by the base64 part of
 * the `whsec_…` secret.
 */
export function signStandardWebhook(secret: string, id: string, timestampSeconds: number, body: string): Record<string, string> {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': `v1,${signature}` };
}

/**
 * A generic ITSM: `POST url` with `{ type: "ticket.create", ticket: {…} }` answered by
 * `{ id, status, url? }`; `POST url` with `{ type: "ticket.status", id }` answered by `{ status }`.
 * Both are signed when a secret is configured.
 */
export class WebhookTickets {
  constructor(
    private readonly config: WebhookTicketsConfig,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly nowSeconds: () => number,
    private readonly guard: AddressGuard,
  ) {}

  async #post(payload: unknown): Promise<Record<string, unknown>> {
    const body = JSON.stringify(payload);
    const secret = this.config.signingSecretEnv === undefined ? undefined : requireSecret(this.env, this.config.signingSecretEnv, 'tickets.webhook.signing_secret_env');
    const headers = secret === undefined ? {} : signStandardWebhook(secret, `msg_${randomUUID()}`, this.nowSeconds(), body);
    const answer = await requestTicketJson('The ITSM webhook', this.guard, this.config.url, { method: 'POST', headers, body }, readWebhookReason, secret === undefined ? [] : [secret]);
    if (!isRecord(answer)) throw new AppError('UPSTREAM_FAILED', 'The ITSM webhook answered without a JSON object');
    return answer;
  }

  async create(request: TicketRequest): Promise<CreatedTicket> {
    const answer = await this.#post({ type: 'ticket.create', ticket: request });
    const id = answer['id'] ?? answer['key'];
    if (typeof id !== 'string' && typeof id !== 'number') throw new AppError('UPSTREAM_FAILED', 'The ITSM webhook answered without an id for the ticket');
    return { key: String(id), status: typeof answer['status'] === 'string' ? answer['status'] : 'open', ...(typeof answer['url'] === 'string' ? { url: answer['url'] } : {}) };
  }

  async readStatus(key: string): Promise<TicketState> {
    const answer = await this.#post({ type: 'ticket.status', id: key });
    if (typeof answer['status'] !== 'string') throw new AppError('UPSTREAM_FAILED', `The ITSM webhook answered without a status for ${key}`);
    return { status: answer['status'], isDone: isTicketStatusDone('webhook', answer['status'], this.config.doneStatuses) };
  }
}
