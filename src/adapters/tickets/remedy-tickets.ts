import type { TicketsConfig } from '../../app/config/index.js';
import type { CreatedTicket, TicketRequest, TicketState } from '../../app/ports/index.js';
import { isTicketStatusDone } from '../../domain/action-items/index.js';
import type { ActionItemPriority } from '../../domain/incident/index.js';
import { AppError } from '../../domain/errors/index.js';
import type { AddressGuard } from '../outbound-net/index.js';
import { requestItsm } from './itsm-request.js';
import { isRecord, requireSecret } from './ticket-http.js';

type RemedyTicketsConfig = NonNullable<TicketsConfig['remedy']>;

/** Helix ITSM's Impact and Urgency menus; Remedy derives the priority (Critical … Low) from the two. */
const IMPACT: Record<ActionItemPriority, string> = {
  critical: '1-Extensive/Widespread', high: '2-Significant/Large', medium: '3-Moderate/Limited', low: '4-Minor/Localized',
};
const URGENCY: Record<ActionItemPriority, string> = { critical: '1-Critical', high: '2-High', medium: '3-Medium', low: '4-Low' };

const CREATE_FORM = 'HPD:IncidentInterface_Create';
const INCIDENT_FORM = 'HPD:IncidentInterface';

/** The AR REST error body: `[{ messageType, messageText, messageAppendedText, messageNumber }]`. */
export function readRemedyReason(body: unknown): string | undefined {
  const list = Array.isArray(body) ? body : isRecord(body) ? [body] : [];
  const parts = list.filter(isRecord).map((m) => [m['messageText'], m['messageAppendedText']].filter((p): p is string => typeof p === 'string' && p !== '').join(': ')).filter((p) => p !== '');
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/**
 * BMC Helix ITSM / Remedy over the AR System REST API: a JWT from POST /api/jwt/login (sent as
 * "AR-JWT <token>"), incidents created through HPD:IncidentInterface_Create (z1D_Action CREATE),
 * read and updated through HPD:IncidentInterface by Incident Number, and the token released with
 * POST /api/jwt/logout (Remedy counts sessions against licences).
 */
export class RemedyTickets {
  constructor(
    private readonly config: RemedyTicketsConfig,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly guard: AddressGuard,
  ) {}

  #hints(): Partial<Record<number, string>> {
    return { 401: `Check tickets.remedy.username (${this.config.username}) and the password in $${this.config.passwordEnv}.` };
  }

  /** Logs in, runs `work` with the authorization header, and logs out whatever happened. */
  async #session<T>(work: (authorization: string, secrets: string[]) => Promise<T>): Promise<T> {
    const password = requireSecret(this.env, this.config.passwordEnv, 'tickets.remedy.password_env');
    const login = await requestItsm('Remedy', this.guard, `${this.config.baseUrl}/api/jwt/login`, {
      method: 'POST', form: { username: this.config.username, password },
    }, readRemedyReason, [password], this.#hints());
    const token = login.text.trim();
    if (token === '') throw new AppError('UPSTREAM_FAILED', 'Remedy accepted the login but answered no token');
    const authorization = `AR-JWT ${token}`;
    try {
      return await work(authorization, [password, token]);
    } finally {
      await requestItsm('Remedy', this.guard, `${this.config.baseUrl}/api/jwt/logout`, { method: 'POST', headers: { authorization } }, readRemedyReason, [password, token])
        .catch(() => undefined);
    }
  }

  async create(request: TicketRequest): Promise<CreatedTicket> {
    return this.#session(async (authorization, secrets) => {
      const values = {
        First_Name: this.config.firstName,
        Last_Name: this.config.lastName,
        Description: request.summary.slice(0, 100),
        Detailed_Decription: request.description.join('\n'),
        Impact: IMPACT[request.priority],
        Urgency: URGENCY[request.priority],
        Status: 'Assigned',
        'Reported Source': this.config.reportedSource,
        Service_Type: this.config.serviceType,
        ...(this.config.assignedGroup === undefined ? {} : { 'Assigned Group': this.config.assignedGroup }),
        ...(this.config.company === undefined ? {} : { Company: this.config.company }),
        z1D_Action: 'CREATE',
      };
      const url = `${this.config.baseUrl}/api/arsys/v1/entry/${encodeURIComponent(CREATE_FORM)}?fields=${encodeURIComponent('values(Incident Number,Request ID)')}`;
      const answer = await requestItsm('Remedy', this.guard, url, { method: 'POST', headers: { authorization }, json: { values } }, readRemedyReason, secrets, this.#hints());
      const created = isRecord(answer.json) && isRecord(answer.json['values']) ? answer.json['values'] : undefined;
      const number = created?.['Incident Number'];
      if (typeof number !== 'string' || number === '') throw new AppError('UPSTREAM_FAILED', 'Remedy created an entry but its answer has no Incident Number');
      const requestId = created?.['Request ID'];
      return {
        key: number,
        ...(typeof requestId === 'string' && requestId !== '' ? { externalId: requestId } : {}),
        status: 'Assigned',
      };
    });
  }

  /** The incident's entry in HPD:IncidentInterface, found by its Incident Number. */
  async #find(authorization: string, secrets: string[], number: string): Promise<{ entryId: string; status: string }> {
    const q = `'Incident Number'="${number.replace(/"/g, '')}"`;
    const url = `${this.config.baseUrl}/api/arsys/v1/entry/${encodeURIComponent(INCIDENT_FORM)}?q=${encodeURIComponent(q)}&fields=${encodeURIComponent('values(Request ID,Incident Number,Status)')}`;
    const answer = await requestItsm('Remedy', this.guard, url, { method: 'GET', headers: { authorization } }, readRemedyReason, secrets, this.#hints());
    const entries = isRecord(answer.json) && Array.isArray(answer.json['entries']) ? answer.json['entries'].filter(isRecord) : [];
    const values = entries.map((e) => (isRecord(e['values']) ? e['values'] : {}))[0];
    const entryId = values?.['Request ID'];
    const status = values?.['Status'];
    if (typeof entryId !== 'string' || typeof status !== 'string') throw new AppError('UPSTREAM_FAILED', `Remedy has no incident ${number} in ${INCIDENT_FORM}`);
    return { entryId, status };
  }

  async readStatus(ticket: { key: string }): Promise<TicketState> {
    return this.#session(async (authorization, secrets) => {
      const { status } = await this.#find(authorization, secrets, ticket.key);
      return { status, isDone: isTicketStatusDone('remedy', status, this.config.doneStatuses) };
    });
  }

  /**
   * Resolves the incident in Remedy when ours is resolved (closure sync): Status Resolved with the
   * resolution text. An incident already Resolved, Closed or Cancelled there is left as it is.
   */
  async resolve(ticket: { key: string }, resolution: string): Promise<TicketState> {
    return this.#session(async (authorization, secrets) => {
      const found = await this.#find(authorization, secrets, ticket.key);
      if (isTicketStatusDone('remedy', found.status, this.config.doneStatuses)) return { status: found.status, isDone: true };
      const url = `${this.config.baseUrl}/api/arsys/v1/entry/${encodeURIComponent(INCIDENT_FORM)}/${encodeURIComponent(found.entryId)}`;
      await requestItsm('Remedy', this.guard, url, {
        method: 'PUT', headers: { authorization },
        json: { values: { Status: 'Resolved', Status_Reason: 'No Further Action Required', Resolution: resolution.slice(0, 4000) } },
      }, readRemedyReason, secrets, this.#hints());
      return { status: 'Resolved', isDone: true };
    });
  }
}
