import type { TicketsConfig } from '../../app/config/index.js';
import type { CreatedTicket, TicketRequest, TicketState } from '../../app/ports/index.js';
import { isTicketStatusDone } from '../../domain/action-items/index.js';
import type { ActionItemPriority } from '../../domain/incident/index.js';
import { AppError } from '../../domain/errors/index.js';
import type { AddressGuard } from '../outbound-net/index.js';
import { requestItsm } from './itsm-request.js';
import { isRecord, requireSecret } from './ticket-http.js';

type CherwellTicketsConfig = NonNullable<TicketsConfig['cherwell']>;

/** Cherwell's Incident Priority values (1 highest … 5). */
const PRIORITY: Record<ActionItemPriority, string> = { critical: '1', high: '2', medium: '3', low: '4' };

/** Cherwell's error shapes: the OAuth `{ error, error_description }` and the API's `{ errorCode, errorMessage, hasError }`. */
export function readCherwellReason(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const parts = [body['error_description'] ?? body['error'], body['errorMessage'], body['Message']].filter((p): p is string => typeof p === 'string' && p !== '');
  const code = typeof body['errorCode'] === 'string' && body['errorCode'] !== '' ? `${body['errorCode']}: ` : '';
  return parts.length > 0 ? `${code}${parts.join('; ')}` : undefined;
}

interface TemplateField {
  readonly fieldId: string;
  readonly name: string;
  value: string;
  dirty: boolean;
}

/**
 * Cherwell Service Management's REST API: an access token from POST /token (password grant with
 * the REST API client id), the Incident business object's id by name, its template, and
 * POST /api/V1/savebusinessobject with the fields filled in by name (marked dirty). Status is read
 * with getbusinessobject by public id; closure sync saves Status Resolved with a close description.
 */
export class CherwellTickets {
  constructor(
    private readonly config: CherwellTicketsConfig,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly guard: AddressGuard,
  ) {}

  #hints(): Partial<Record<number, string>> {
    return {
      400: `Check tickets.cherwell.username (${this.config.username}), the password in $${this.config.passwordEnv} and the client id in $${this.config.clientIdEnv}.`,
      401: `Check tickets.cherwell.username (${this.config.username}) and the password in $${this.config.passwordEnv}.`,
    };
  }

  async #login(): Promise<{ authorization: string; secrets: string[] }> {
    const password = requireSecret(this.env, this.config.passwordEnv, 'tickets.cherwell.password_env');
    const clientId = requireSecret(this.env, this.config.clientIdEnv, 'tickets.cherwell.client_id_env');
    const answer = await requestItsm('Cherwell', this.guard, `${this.config.baseUrl}/token`, {
      method: 'POST', form: { grant_type: 'password', client_id: clientId, username: this.config.username, password },
    }, readCherwellReason, [password, clientId], this.#hints());
    const token = isRecord(answer.json) ? answer.json['access_token'] : undefined;
    if (typeof token !== 'string' || token === '') throw new AppError('UPSTREAM_FAILED', 'Cherwell accepted the login but answered no access_token');
    return { authorization: `Bearer ${token}`, secrets: [password, clientId, token] };
  }

  async #api(method: 'GET' | 'POST', path: string, session: { authorization: string; secrets: string[] }, json?: unknown): Promise<Record<string, unknown> | unknown[]> {
    const answer = await requestItsm('Cherwell', this.guard, `${this.config.baseUrl}/api/V1/${path}`, {
      method, headers: { authorization: session.authorization }, ...(json === undefined ? {} : { json }),
    }, readCherwellReason, session.secrets, this.#hints());
    // Cherwell answers some refusals with 200 and hasError: true.
    if (isRecord(answer.json) && answer.json['hasError'] === true) {
      throw new AppError('UPSTREAM_FAILED', `Cherwell refused ${path.split('/')[0]}: ${readCherwellReason(answer.json) ?? 'no reason given'}`);
    }
    if (isRecord(answer.json) || Array.isArray(answer.json)) return answer.json;
    throw new AppError('UPSTREAM_FAILED', `Cherwell answered ${path.split('/')[0]} with a body that is not JSON`);
  }

  async #busObId(session: { authorization: string; secrets: string[] }): Promise<string> {
    const summary = await this.#api('GET', `getbusinessobjectsummary/busobname/${encodeURIComponent(this.config.businessObject)}`, session);
    const first = (Array.isArray(summary) ? summary : [summary]).filter(isRecord)[0];
    const id = first?.['busObId'];
    if (typeof id !== 'string' || id === '') throw new AppError('UPSTREAM_FAILED', `Cherwell has no business object named ${this.config.businessObject}`);
    return id;
  }

  async #template(session: { authorization: string; secrets: string[] }, busObId: string): Promise<TemplateField[]> {
    const template = await this.#api('POST', 'getbusinessobjecttemplate', session, { busObId, includeRequired: true, includeAll: true });
    const fields = isRecord(template) && Array.isArray(template['fields']) ? template['fields'].filter(isRecord) : [];
    return fields.flatMap((f) => (typeof f['fieldId'] === 'string' && typeof f['name'] === 'string' ? [{ fieldId: f['fieldId'], name: f['name'], value: typeof f['value'] === 'string' ? f['value'] : '', dirty: false }] : []));
  }

  /** Sets the named fields; a name the template lacks is refused, naming it (a misspelt tickets.cherwell.fields key). */
  #fill(template: TemplateField[], values: Readonly<Record<string, string>>): TemplateField[] {
    for (const [name, value] of Object.entries(values)) {
      const field = template.find((f) => f.name.toLowerCase() === name.toLowerCase());
      if (field === undefined) throw new AppError('UPSTREAM_FAILED', `Cherwell's ${this.config.businessObject} has no field named ${name}`, { hint: 'Check the field names under tickets.cherwell.fields against the business object in Cherwell Administrator.' });
      field.value = value;
      field.dirty = true;
    }
    return template.filter((f) => f.dirty);
  }

  async create(request: TicketRequest): Promise<CreatedTicket> {
    const session = await this.#login();
    const busObId = await this.#busObId(session);
    const fields = this.#fill(await this.#template(session, busObId), {
      ShortDescription: request.summary.slice(0, 250),
      Description: request.description.join('\n'),
      Priority: PRIORITY[request.priority],
      ...this.config.fields,
    });
    const saved = await this.#api('POST', 'savebusinessobject', session, { busObId, fields, persist: true });
    const publicId = isRecord(saved) ? saved['busObPublicId'] : undefined;
    const recId = isRecord(saved) ? saved['busObRecId'] : undefined;
    if (typeof publicId !== 'string' || publicId === '' || typeof recId !== 'string') throw new AppError('UPSTREAM_FAILED', 'Cherwell saved the incident but its answer has no busObPublicId and busObRecId');
    return { key: publicId, externalId: recId, status: 'New' };
  }

  async #read(session: { authorization: string; secrets: string[] }, busObId: string, publicId: string): Promise<string> {
    const record = await this.#api('GET', `getbusinessobject/busobid/${encodeURIComponent(busObId)}/publicid/${encodeURIComponent(publicId)}`, session);
    const fields = isRecord(record) && Array.isArray(record['fields']) ? record['fields'].filter(isRecord) : [];
    const status = fields.find((f) => f['name'] === 'Status')?.['value'];
    if (typeof status !== 'string') throw new AppError('UPSTREAM_FAILED', `Cherwell's answer for ${publicId} has no Status field`);
    return status;
  }

  async readStatus(ticket: { key: string }): Promise<TicketState> {
    const session = await this.#login();
    const status = await this.#read(session, await this.#busObId(session), ticket.key);
    return { status, isDone: isTicketStatusDone('cherwell', status, this.config.doneStatuses) };
  }

  /** Closure sync: Status Resolved with the resolution as close description; a ticket already done is left as it is. */
  async resolve(ticket: { key: string; externalId?: string }, resolution: string): Promise<TicketState> {
    const session = await this.#login();
    const busObId = await this.#busObId(session);
    const status = await this.#read(session, busObId, ticket.key);
    if (isTicketStatusDone('cherwell', status, this.config.doneStatuses)) return { status, isDone: true };
    const fields = this.#fill(await this.#template(session, busObId), { Status: 'Resolved', CloseDescription: resolution.slice(0, 4000) });
    await this.#api('POST', 'savebusinessobject', session, {
      busObId, busObPublicId: ticket.key, ...(ticket.externalId === undefined ? {} : { busObRecId: ticket.externalId }), fields, persist: true,
    });
    return { status: 'Resolved', isDone: true };
  }
}
