import { STATUS_CODES } from 'node:http';
import { guardedRequest, type AddressGuard } from '../../outbound-net/index.js';

const TIMEOUT_MS = 10_000;

/** The moments of an incident marked on dashboards. */
export const ANNOTATED_MOMENTS = ['declared', 'mitigated', 'resolved'] as const;
export type AnnotatedMoment = (typeof ANNOTATED_MOMENTS)[number];

export interface GrafanaSettings {
  /** https://grafana.example.com, without a trailing slash. */
  readonly url: string;
  /** A service account token (Bearer), with the annotations:write and annotations:read permissions. */
  readonly token: string;
}

/** One annotation: on one dashboard panel (or the whole dashboard, or organisation-wide without a dashboard). */
export interface AnnotationRequest {
  readonly incidentId: string;
  readonly moment: AnnotatedMoment;
  /** Epoch ms. */
  readonly at: number;
  readonly text: string;
  readonly dashboardUid?: string;
  readonly panelId?: number;
  /** Further tags (the service, the severity). */
  readonly tags?: readonly string[];
}

export type AnnotationOutcome =
  | { readonly kind: 'added'; readonly annotationId: number }
  | { readonly kind: 'unchanged'; readonly annotationId: number }
  | { readonly kind: 'retry' | 'failed'; readonly reason: string };

/**
 * Annotations through Grafana's HTTP API: POST /api/annotations with dashboardUID, panelId, time,
 * tags and text, authorised by a service-account token. Each annotation is tagged with our
 * incident id and the moment, and looked for first (GET /api/annotations with those tags, all of
 * which must match), so marking a moment twice leaves one annotation.
 */
export class GrafanaAnnotations {
  constructor(private readonly settings: GrafanaSettings, private readonly guard: AddressGuard) {}

  async #call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ ok: true; json: unknown } | { ok: false; retryable: boolean; reason: string }> {
    const reply = await guardedRequest({
      method, url: `${this.settings.url}${path}`,
      headers: { authorization: `Bearer ${this.settings.token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }, { guard: this.guard, timeoutMs: TIMEOUT_MS, maxBodyBytes: 1_000_000 });
    if ('failure' in reply) return { ok: false, retryable: reply.failure !== 'refused', reason: `Grafana could not be reached: ${reply.reason}` };
    let json: unknown;
    try {
      json = reply.body === '' ? undefined : JSON.parse(reply.body);
    } catch {
      json = undefined;
    }
    if (reply.status >= 200 && reply.status < 300) return { ok: true, json };
    const said = isRecord(json) && typeof json['message'] === 'string' ? json['message'] : reply.body.trim().slice(0, 200);
    const reason = `Grafana answered ${reply.status}${STATUS_CODES[reply.status] ? ` ${STATUS_CODES[reply.status]}` : ''}${said ? `: ${said}` : ''}`.split(this.settings.token).join('[redacted]');
    const hint = reply.status === 401 ? ' (check the service account token in integrations.grafana.token_env)' : reply.status === 403 ? ' (the service account needs the annotations:write permission, e.g. the Editor role)' : '';
    return { ok: false, retryable: reply.status >= 500 || reply.status === 429 || reply.status === 408, reason: `${reason}${hint}` };
  }

  async annotate(request: AnnotationRequest): Promise<AnnotationOutcome> {
    const tags = ['incident-response', request.incidentId, request.moment, ...(request.tags ?? [])];
    const query = new URLSearchParams([['type', 'annotation'], ['limit', '1'], ['tags', 'incident-response'], ['tags', request.incidentId], ['tags', request.moment]]);
    if (request.dashboardUid !== undefined) query.set('dashboardUID', request.dashboardUid);
    const existing = await this.#call('GET', `/api/annotations?${query.toString()}`);
    if (!existing.ok) return { kind: existing.retryable ? 'retry' : 'failed', reason: existing.reason };
    const first = Array.isArray(existing.json) ? existing.json.filter(isRecord)[0] : undefined;
    if (first !== undefined && typeof first['id'] === 'number') return { kind: 'unchanged', annotationId: first['id'] };
    const added = await this.#call('POST', '/api/annotations', {
      ...(request.dashboardUid !== undefined ? { dashboardUID: request.dashboardUid } : {}),
      ...(request.panelId !== undefined ? { panelId: request.panelId } : {}),
      time: request.at,
      tags,
      text: request.text,
    });
    if (!added.ok) return { kind: added.retryable ? 'retry' : 'failed', reason: added.reason };
    const id = isRecord(added.json) ? added.json['id'] : undefined;
    return typeof id === 'number' ? { kind: 'added', annotationId: id } : { kind: 'failed', reason: 'Grafana added an annotation but its answer has no id' };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
