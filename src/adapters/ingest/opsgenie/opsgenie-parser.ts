import { labelFingerprint } from '../../../domain/alerts/index.js';
import type { AlertAction, AlertSignal } from '../../../domain/alerts/index.js';
import type { Severity } from '../../../domain/classification/index.js';
import { headerValue } from '../header-value.js';
import type { IngestContext, IngestOutcome } from '../ingest-source.js';
import { readJsonBody } from '../read-json-body.js';
import { OPSGENIE_LIMITS, opsgenieActionSchema, opsgenieCreateSchema } from './opsgenie-schema.js';
import type { OpsgenieCreate } from './opsgenie-schema.js';

export const OPSGENIE = 'opsgenie';

const SEVERITY: Record<NonNullable<OpsgenieCreate['priority']>, Severity> = { P1: 'critical', P2: 'high', P3: 'medium', P4: 'low', P5: 'low' };
const ACTIONS: Record<string, AlertAction | 'note'> = { close: 'resolve', acknowledge: 'acknowledge', notes: 'note' };

/** The API key Opsgenie clients send (`Authorization: GenieKey <key>`), our integration key. */
function integrationKey(ctx: IngestContext): string | undefined {
  if (ctx.integrationKey !== undefined) return ctx.integrationKey;
  return /^GenieKey\s+(\S+)$/i.exec(headerValue(ctx.headers, 'authorization') ?? '')?.[1];
}

/**
 * `POST /v2/alerts` creates (dedup by alias, as Opsgenie does; no alias means a new alert each time);
 * `POST /v2/alerts/{identifier}/{close|acknowledge|notes}?identifierType=alias|id` acts on it: by
 * alias, or by our alert id (Opsgenie's default type; the ids `GET /api/v1/alerts` lists). Tiny ids
 * do not exist here and are refused with 422.
 */
export function parseOpsgenie(rawBody: string, ctx: IngestContext): IngestOutcome {
  const key = integrationKey(ctx);
  const identifier = ctx.params['identifier'];
  const verb = ctx.params['action'];
  if (identifier === undefined) return create(rawBody, ctx, key);
  const action = verb === undefined ? undefined : ACTIONS[verb];
  if (action === undefined) return { ok: false, reason: 'invalid', errors: [{ path: 'action', message: `unsupported alert action '${verb ?? ''}'; use close, acknowledge or notes` }] };
  // Opsgenie's default is `id`. Our alert ids are those `GET /api/v1/alerts` lists; tiny ids do not exist here.
  const identifierType = ctx.query['identifierType'] ?? 'id';
  if (identifierType !== 'alias' && identifierType !== 'id') {
    return { ok: false, reason: 'invalid', errors: [{ path: 'identifierType', message: `identifierType '${identifierType}' is not supported here; send identifierType=alias with the alert's alias, or identifierType=id with the alert id` }] };
  }
  const body = readJsonBody(rawBody.trim() === '' ? '{}' : rawBody, opsgenieActionSchema, OPSGENIE_LIMITS.bodyBytes);
  if (!body.ok) return body;
  const b = body.value;
  // By id, the dedup key is only a placeholder: the ingest replaces it with the named alert's own.
  const base = {
    source: OPSGENIE, ...(key !== undefined ? { integrationKey: key } : {}), dedupKey: identifier,
    ...(identifierType === 'id' ? { alertId: identifier } : {}), receivedAt: ctx.receivedAt,
  };
  if (action === 'note') {
    if (!b.note) return { ok: false, reason: 'invalid', errors: [{ path: 'note', message: 'Note can not be empty.' }] };
    return { ok: true, signals: [], notes: [{ ...base, text: b.note, ...(b.user ? { user: b.user } : {}) }] };
  }
  const signal: AlertSignal = {
    ...base,
    fingerprint: labelFingerprint({}),
    action,
    summary: `${action === 'resolve' ? 'closed' : 'acknowledged'} via Opsgenie API${b.user ? ` by ${b.user}` : ''}`,
    labels: {},
    annotations: {},
    details: { ...(b.source ? { source: b.source } : {}), ...(b.user ? { user: b.user } : {}), ...(b.note ? { note: b.note } : {}) },
    links: [],
  };
  return { ok: true, signals: [signal] };
}

function create(rawBody: string, ctx: IngestContext, key: string | undefined): IngestOutcome {
  const body = readJsonBody(rawBody, opsgenieCreateSchema, OPSGENIE_LIMITS.bodyBytes);
  if (!body.ok) return body;
  const c = body.value;
  // Alertmanager puts the group's common labels into details: they are our labels.
  const labels = { ...(c.details ?? {}) };
  const severity = c.priority !== undefined ? SEVERITY[c.priority] : undefined;
  const signal: AlertSignal = {
    source: OPSGENIE,
    ...(key !== undefined ? { integrationKey: key } : {}),
    dedupKey: c.alias !== undefined && c.alias !== '' ? c.alias : ctx.newId(),
    fingerprint: labelFingerprint(labels),
    action: 'trigger',
    summary: c.message,
    alertName: c.alias !== undefined && c.alias !== '' ? c.alias : c.message,
    ...(severity !== undefined ? { severity } : {}),
    labels,
    annotations: c.description ? { description: c.description } : {},
    details: {
      ...(c.entity ? { entity: c.entity } : {}), ...(c.source ? { source: c.source } : {}), ...(c.tags?.length ? { tags: c.tags } : {}),
      ...(c.responders?.length ? { responders: c.responders } : {}), ...(c.visibleTo?.length ? { visibleTo: c.visibleTo } : {}),
      ...(c.actions?.length ? { actions: c.actions } : {}), ...(c.user ? { user: c.user } : {}), ...(c.note ? { note: c.note } : {}),
      ...(c.priority ? { priority: c.priority } : {}),
    },
    links: [],
    receivedAt: ctx.receivedAt,
  };
  return { ok: true, signals: [signal] };
}
