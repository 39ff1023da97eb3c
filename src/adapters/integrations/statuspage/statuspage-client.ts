import { STATUS_CODES } from 'node:http';
import { guardedRequest, type AddressGuard } from '../../outbound-net/index.js';
import type { StatuspageIncidentPlan } from './plan-statuspage-incident.js';

export const DEFAULT_STATUSPAGE_API_URL = 'https://api.statuspage.io';
const TIMEOUT_MS = 15_000;
/** The metadata namespace our incidents carry on the page, so each is found again without local state. */
const METADATA_NAMESPACE = 'incident_response';

export interface StatuspageSettings {
  readonly apiUrl: string;
  readonly pageId: string;
  readonly apiKey: string;
}

/** How one sync ended; the caller owns retries (`retry` for 420/429/5xx and network failures). */
export type StatuspageOutcome =
  | { readonly kind: 'created' | 'updated'; readonly statuspageId: string; readonly detail: string }
  | { readonly kind: 'unchanged'; readonly detail: string; readonly statuspageId?: string }
  | { readonly kind: 'retry' | 'failed'; readonly reason: string };

interface RemoteIncident {
  readonly id: string;
  readonly status: string;
  readonly revision: number | undefined;
  readonly latestBody: string | undefined;
}

/**
 * Publishes our public incidents to a statuspage.io page through its REST API v1
 * (`Authorization: OAuth <key>`): POST /v1/pages/{page_id}/incidents to create, PATCH
 * /v1/pages/{page_id}/incidents/{id} to update and resolve, with component statuses. Idempotent
 * without local state: each incident carries our id and revision in its metadata, it is found again
 * in the page's incident list, and a plan no newer than the page's copy changes nothing, so a
 * retried or repeated sync never opens a second incident or posts the same update twice.
 */
export class StatuspageClient {
  constructor(private readonly settings: StatuspageSettings, private readonly guard: AddressGuard) {}

  async #call(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<{ ok: true; json: unknown } | { ok: false; retryable: boolean; reason: string }> {
    const reply = await guardedRequest({
      method,
      url: `${this.settings.apiUrl}/v1/pages/${encodeURIComponent(this.settings.pageId)}${path}`,
      headers: { authorization: `OAuth ${this.settings.apiKey}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }, { guard: this.guard, timeoutMs: TIMEOUT_MS, maxBodyBytes: 2_000_000 });
    if ('failure' in reply) return { ok: false, retryable: reply.failure !== 'refused', reason: `Statuspage could not be reached: ${reply.reason}` };
    let json: unknown;
    try {
      json = reply.body === '' ? undefined : JSON.parse(reply.body);
    } catch {
      json = undefined;
    }
    if (reply.status >= 200 && reply.status < 300) return { ok: true, json };
    const said = isRecord(json) && typeof json['error'] === 'string' ? json['error'] : isRecord(json) && typeof json['message'] === 'string' ? json['message'] : reply.body.trim().slice(0, 200);
    const reason = `Statuspage answered ${reply.status}${STATUS_CODES[reply.status] ? ` ${STATUS_CODES[reply.status]}` : ''}${said ? `: ${said}` : ''}`.split(this.settings.apiKey).join('[redacted]');
    // 420 is Statuspage's own "rate limited" alongside 429.
    const retryable = reply.status >= 500 || reply.status === 429 || reply.status === 420 || reply.status === 408;
    return { ok: false, retryable, reason: reply.status === 401 ? `${reason} (check the API key in integrations.statuspage.api_key_env)` : reason };
  }

  async #find(incidentId: string): Promise<RemoteIncident | undefined | { error: StatuspageOutcome }> {
    // Newest first; an incident we still update is among the page's recent ones.
    const answer = await this.#call('GET', '/incidents?limit=100');
    if (!answer.ok) return { error: { kind: answer.retryable ? 'retry' : 'failed', reason: answer.reason } };
    const list = Array.isArray(answer.json) ? answer.json.filter(isRecord) : [];
    for (const item of list) {
      const meta = isRecord(item['metadata']) ? item['metadata'][METADATA_NAMESPACE] : undefined;
      if (!isRecord(meta) || meta['incident_id'] !== incidentId || typeof item['id'] !== 'string') continue;
      const updates = Array.isArray(item['incident_updates']) ? item['incident_updates'].filter(isRecord) : [];
      const revision = Number(meta['revision']);
      return {
        id: item['id'],
        status: String(item['status'] ?? ''),
        revision: Number.isFinite(revision) ? revision : undefined,
        latestBody: typeof updates[0]?.['body'] === 'string' ? updates[0]['body'] : undefined,
      };
    }
    return undefined;
  }

  async sync(plan: StatuspageIncidentPlan): Promise<StatuspageOutcome> {
    const found = await this.#find(plan.incidentId);
    if (found !== undefined && 'error' in found) return found.error;
    const metadata = { [METADATA_NAMESPACE]: { incident_id: plan.incidentId, revision: String(plan.revision) } };
    const componentIds = Object.keys(plan.components);
    if (found === undefined) {
      if (plan.status === 'resolved') return { kind: 'unchanged', detail: `${plan.incidentId} is resolved and was never on the Statuspage page` };
      const created = await this.#call('POST', '/incidents', {
        incident: {
          name: plan.name, status: plan.status, body: plan.body, impact_override: plan.impact,
          components: plan.components, component_ids: componentIds, metadata, deliver_notifications: true,
        },
      });
      if (!created.ok) return { kind: created.retryable ? 'retry' : 'failed', reason: created.reason };
      const id = isRecord(created.json) && typeof created.json['id'] === 'string' ? created.json['id'] : undefined;
      if (id === undefined) return { kind: 'failed', reason: 'Statuspage created an incident but its answer has no id' };
      return { kind: 'created', statuspageId: id, detail: `created Statuspage incident ${id} (${plan.status})` };
    }
    if (found.revision !== undefined && found.revision >= plan.revision) return { kind: 'unchanged', statuspageId: found.id, detail: `Statuspage incident ${found.id} already shows this update` };
    // The same status and text again (a retried sync whose answer was lost) adds no second update.
    const isSameUpdate = found.status === plan.status && found.latestBody === plan.body;
    const patched = await this.#call('PATCH', `/incidents/${encodeURIComponent(found.id)}`, {
      incident: {
        name: plan.name, status: plan.status, impact_override: plan.impact, components: plan.components, component_ids: componentIds, metadata,
        ...(isSameUpdate ? {} : { body: plan.body, deliver_notifications: true }),
      },
    });
    if (!patched.ok) return { kind: patched.retryable ? 'retry' : 'failed', reason: patched.reason };
    return { kind: 'updated', statuspageId: found.id, detail: `updated Statuspage incident ${found.id} (${plan.status})` };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
