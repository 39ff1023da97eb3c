import type { JiraTicketsConfig } from '../../app/config/index.js';
import type { CreatedTicket, TicketRequest, TicketState } from '../../app/ports/index.js';
import { isTicketStatusDone } from '../../domain/action-items/index.js';
import { AppError } from '../../domain/errors/index.js';
import type { AddressGuard } from '../outbound-net/index.js';
import { basicAuth, isRecord, requestTicketJson, requireSecret } from './ticket-http.js';

/** Jira's error body: `{ errorMessages: [...], errors: { field: message } }`. */
export function readJiraReason(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const messages = Array.isArray(body['errorMessages']) ? body['errorMessages'].filter((m): m is string => typeof m === 'string') : [];
  const fields = isRecord(body['errors']) ? Object.entries(body['errors']).map(([k, v]) => `${k}: ${String(v)}`) : [];
  const all = [...messages, ...fields];
  return all.length ? all.join('; ') : undefined;
}

/** A description in Atlassian Document Format: one paragraph per line. */
export function toAdf(paragraphs: readonly string[]): unknown {
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.filter((p) => p.trim() !== '').map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })),
  };
}

/**
 * Jira Cloud REST v3: POST /rest/api/3/issue, GET /rest/api/3/issue/{key}?fields=status, and for
 * tickets opened automatically POST …/remotelink and GET/POST …/transitions.
 */
export class JiraTickets {
  constructor(
    private readonly config: JiraTicketsConfig,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly guard: AddressGuard,
  ) {}

  #auth(): { header: string; secret: string } {
    const token = requireSecret(this.env, this.config.apiTokenEnv, 'tickets.jira.api_token_env');
    return { header: basicAuth(this.config.email, token), secret: token };
  }

  #hints(): Partial<Record<number, string>> {
    return {
      401: `Check tickets.jira.email (${this.config.email}) and the API token in $${this.config.apiTokenEnv}.`,
      403: `The account ${this.config.email} may not create issues in project ${this.config.projectKey}.`,
    };
  }

  async create(request: TicketRequest): Promise<CreatedTicket> {
    const { header, secret } = this.#auth();
    const priority = this.config.priorities[request.priority];
    const fields = {
      project: { key: this.config.projectKey },
      summary: request.summary.slice(0, 255),
      issuetype: { name: this.config.issueType },
      description: toAdf(request.description),
      labels: ['incident-response', request.incidentId],
      ...(priority === undefined ? {} : { priority: { name: priority } }),
      ...(request.dueOn === undefined ? {} : { duedate: request.dueOn }),
    };
    const body = await requestTicketJson('Jira', this.guard, `${this.config.baseUrl}/rest/api/3/issue`, {
      method: 'POST', headers: { authorization: header }, body: JSON.stringify({ fields }),
    }, readJiraReason, [secret, header], this.#hints());
    if (!isRecord(body) || typeof body['key'] !== 'string') throw new AppError('UPSTREAM_FAILED', 'Jira created an issue but its answer has no key');
    const key = body['key'];
    const state = await this.readStatus(key).catch(() => ({ status: 'new', isDone: false }));
    return { key, ...(typeof body['id'] === 'string' ? { externalId: body['id'] } : {}), url: `${this.config.baseUrl}/browse/${encodeURIComponent(key)}`, status: state.status };
  }

  /**
   * Links the issue back to the incident (POST /rest/api/3/issue/{key}/remotelink). Jira keeps one
   * link per `globalId`: linking again updates it instead of adding another.
   */
  async linkBack(key: string, link: { readonly url: string; readonly title: string; readonly globalId: string }): Promise<void> {
    const { header, secret } = this.#auth();
    await requestTicketJson('Jira', this.guard, `${this.config.baseUrl}/rest/api/3/issue/${encodeURIComponent(key)}/remotelink`, {
      method: 'POST', headers: { authorization: header },
      body: JSON.stringify({ globalId: link.globalId, application: { type: 'incident-response', name: 'incident-response' }, object: { url: link.url, title: link.title.slice(0, 255) } }),
    }, readJiraReason, [secret, header], this.#hints());
  }

  /**
   * Moves the issue to a done status: reads its transitions (GET …/transitions) and takes the one
   * named `tickets.jira.done_transition` (by transition or target status name), else the first whose
   * target status is in the done category; sets the resolution when one is configured. An issue
   * already done is left as it is. Returns its status afterwards.
   */
  async close(key: string): Promise<TicketState> {
    const now = await this.readStatus(key);
    if (now.isDone) return now;
    const { header, secret } = this.#auth();
    const url = `${this.config.baseUrl}/rest/api/3/issue/${encodeURIComponent(key)}/transitions`;
    const body = await requestTicketJson('Jira', this.guard, url, { method: 'GET', headers: { authorization: header } }, readJiraReason, [secret, header], this.#hints());
    const transitions = isRecord(body) && Array.isArray(body['transitions']) ? body['transitions'].filter(isRecord) : [];
    const target = (t: Record<string, unknown>) => (isRecord(t['to']) ? t['to'] : {});
    const wanted = this.config.doneTransition?.toLowerCase();
    const chosen = wanted !== undefined
      ? transitions.find((t) => String(t['name']).toLowerCase() === wanted || String(target(t)['name']).toLowerCase() === wanted)
      : transitions.find((t) => isRecord(target(t)['statusCategory']) && (target(t)['statusCategory'] as Record<string, unknown>)['key'] === 'done');
    if (chosen === undefined || typeof chosen['id'] !== 'string') {
      const names = transitions.map((t) => String(t['name'])).join(', ') || 'none';
      throw new AppError('UPSTREAM_FAILED', `Jira offers no transition to a done status for ${key} (available: ${names})`, {
        hint: 'Name the transition with tickets.jira.done_transition, or allow the API user to close issues in this workflow.',
      });
    }
    await requestTicketJson('Jira', this.guard, url, {
      method: 'POST', headers: { authorization: header },
      body: JSON.stringify({ transition: { id: chosen['id'] }, ...(this.config.resolution !== undefined ? { fields: { resolution: { name: this.config.resolution } } } : {}) }),
    }, readJiraReason, [secret, header], this.#hints());
    return this.readStatus(key);
  }

  /** The status category key (new, indeterminate, done) decides "done"; the status name is shown. */
  async readStatus(key: string): Promise<TicketState> {
    const { header, secret } = this.#auth();
    const body = await requestTicketJson('Jira', this.guard, `${this.config.baseUrl}/rest/api/3/issue/${encodeURIComponent(key)}?fields=status`, {
      method: 'GET', headers: { authorization: header },
    }, readJiraReason, [secret, header], this.#hints());
    const status = isRecord(body) && isRecord(body['fields']) && isRecord(body['fields']['status']) ? body['fields']['status'] : undefined;
    const name = typeof status?.['name'] === 'string' ? status['name'] : undefined;
    const category = isRecord(status?.['statusCategory']) && typeof status['statusCategory']['key'] === 'string' ? status['statusCategory']['key'] : undefined;
    if (name === undefined) throw new AppError('UPSTREAM_FAILED', `Jira's answer for ${key} has no fields.status`);
    const isDone = isTicketStatusDone('jira', category ?? '', this.config.doneStatuses) || isTicketStatusDone('jira', name, this.config.doneStatuses);
    return { status: name, isDone };
  }
}
