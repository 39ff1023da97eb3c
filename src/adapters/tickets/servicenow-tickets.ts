import type { ServiceNowTicketsConfig } from '../../app/config/index.js';
import type { CreatedTicket, TicketRequest, TicketState } from '../../app/ports/index.js';
import { isTicketStatusDone } from '../../domain/action-items/index.js';
import type { ActionItemPriority } from '../../domain/incident/index.js';
import { AppError } from '../../domain/errors/index.js';
import type { AddressGuard } from '../outbound-net/index.js';
import { basicAuth, isRecord, requestTicketJson, requireSecret } from './ticket-http.js';

/** Impact and urgency (1 high … 3 low); ServiceNow derives its priority from the two. */
const IMPACT_URGENCY: Record<ActionItemPriority, [number, number]> = { critical: [1, 1], high: [1, 2], medium: [2, 2], low: [3, 3] };

/** ServiceNow's error body: `{ error: { message, detail }, status: "failure" }`. */
export function readServiceNowReason(body: unknown): string | undefined {
  if (!isRecord(body) || !isRecord(body['error'])) return undefined;
  const { message, detail } = body['error'];
  const parts = [message, detail].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.length ? parts.join(': ') : undefined;
}

/** The Table API: POST /api/now/table/{incident|problem}, GET /api/now/table/{table}/{sys_id}. */
export class ServiceNowTickets {
  constructor(
    private readonly config: ServiceNowTicketsConfig,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly guard: AddressGuard,
  ) {}

  #auth(): { header: string; secret: string } {
    const password = requireSecret(this.env, this.config.passwordEnv, 'tickets.servicenow.password_env');
    return { header: basicAuth(this.config.username, password), secret: password };
  }

  #hints(): Partial<Record<number, string>> {
    return { 401: `Check tickets.servicenow.username (${this.config.username}) and the password in $${this.config.passwordEnv}.` };
  }

  #table(): string {
    return `${this.config.instanceUrl}/api/now/table/${this.config.table}`;
  }

  async create(request: TicketRequest): Promise<CreatedTicket> {
    const { header, secret } = this.#auth();
    const [impact, urgency] = IMPACT_URGENCY[request.priority];
    const record = {
      short_description: request.summary.slice(0, 160),
      description: request.description.join('\n'),
      impact: String(impact),
      urgency: String(urgency),
      correlation_id: request.actionItemRef ?? request.incidentId,
      correlation_display: 'incident-response',
      ...(this.config.assignmentGroup === undefined ? {} : { assignment_group: this.config.assignmentGroup }),
    };
    const body = await requestTicketJson('ServiceNow', this.guard, `${this.#table()}?sysparm_fields=sys_id,number,state`, {
      method: 'POST', headers: { authorization: header }, body: JSON.stringify(record),
    }, readServiceNowReason, [secret, header], this.#hints());
    const result = isRecord(body) && isRecord(body['result']) ? body['result'] : undefined;
    const sysId = result?.['sys_id'];
    const number = result?.['number'];
    if (typeof sysId !== 'string' || typeof number !== 'string') throw new AppError('UPSTREAM_FAILED', 'ServiceNow created a record but its answer has no sys_id and number');
    return {
      key: number,
      externalId: sysId,
      url: `${this.config.instanceUrl}/nav_to.do?uri=${encodeURIComponent(`${this.config.table}.do?sys_id=${sysId}`)}`,
      status: String(result?.['state'] ?? '1'),
    };
  }

  async readStatus(ticket: { key: string; externalId?: string }): Promise<TicketState> {
    if (ticket.externalId === undefined) throw new AppError('UPSTREAM_FAILED', `ServiceNow record ${ticket.key} has no sys_id recorded`);
    const { header, secret } = this.#auth();
    const body = await requestTicketJson('ServiceNow', this.guard, `${this.#table()}/${encodeURIComponent(ticket.externalId)}?sysparm_fields=number,state`, {
      method: 'GET', headers: { authorization: header },
    }, readServiceNowReason, [secret, header], this.#hints());
    const result = isRecord(body) && isRecord(body['result']) ? body['result'] : undefined;
    const state = result?.['state'];
    if (typeof state !== 'string' && typeof state !== 'number') throw new AppError('UPSTREAM_FAILED', `ServiceNow's answer for ${ticket.key} has no state`);
    return { status: String(state), isDone: isTicketStatusDone('servicenow', String(state), this.config.doneStates) };
  }
}
