import { labelFingerprint } from '../../../domain/alerts/index.js';
import type { AlertAction, AlertLink, AlertSignal } from '../../../domain/alerts/index.js';
import type { Severity } from '../../../domain/classification/index.js';
import type { Issue } from '../../../domain/errors/index.js';
import type { IngestContext, IngestOutcome } from '../ingest-source.js';
import { parseInstant } from '../parse-instant.js';
import { readJsonBody } from '../read-json-body.js';
import { stringLabels } from '../string-labels.js';
import { PAGERDUTY_ACTIONS, PAGERDUTY_LIMITS, PAGERDUTY_SEVERITIES, pagerDutyEventSchema } from './pagerduty-events-schema.js';
import type { PagerDutyEvent } from './pagerduty-events-schema.js';

export const PAGERDUTY_EVENTS = 'pagerduty-events';

const SEVERITY: Record<(typeof PAGERDUTY_SEVERITIES)[number], Severity> = { critical: 'critical', error: 'high', warning: 'medium', info: 'low' };

const blank = (s: string | null | undefined): s is null | undefined | '' => s === null || s === undefined || s.trim() === '';
const isOneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);
const quote = (list: readonly string[]): string => `${list.slice(0, -1).map((s) => `'${s}'`).join(', ')} or '${list[list.length - 1]}'`;

/**
 * A v1 event is one that names `service_key` and no `routing_key` (Alertmanager with service_key, or
 * any Events API v1 client). Both map to one signal; the integration is the routing/service key.
 * A trigger without a dedup key gets a fresh one from `ctx.newId`, as PagerDuty generates a UUID.
 */
export function parsePagerDutyEvent(rawBody: string, ctx: IngestContext): IngestOutcome {
  const body = readJsonBody(rawBody, pagerDutyEventSchema, PAGERDUTY_LIMITS.bodyBytes);
  if (!body.ok) return body;
  const e = body.value;
  return blank(e.routing_key) && !blank(e.service_key) ? fromV1(e, ctx) : fromV2(e, ctx);
}

function fromV2(e: PagerDutyEvent, ctx: IngestContext): IngestOutcome {
  const errors: Issue[] = [];
  if (blank(e.routing_key)) errors.push({ path: 'routing_key', message: "'routing_key' is missing or blank" });
  const action = e.event_action ?? '';
  if (!isOneOf(PAGERDUTY_ACTIONS, action)) errors.push({ path: 'event_action', message: `'event_action' is invalid (must be one of the following: ${quote(PAGERDUTY_ACTIONS)})` });
  checkDedupKey(e.dedup_key, 'dedup_key', errors);
  const p = e.payload;
  if (action === 'trigger') {
    if (p === null || p === undefined) errors.push({ path: 'payload', message: "'payload' is missing" });
    else {
      if (blank(p.summary)) errors.push({ path: 'payload.summary', message: "'payload.summary' is missing or blank" });
      else if (p.summary.length > PAGERDUTY_LIMITS.summary) errors.push({ path: 'payload.summary', message: `'payload.summary' is longer than ${PAGERDUTY_LIMITS.summary} characters (${p.summary.length})` });
      if (blank(p.source)) errors.push({ path: 'payload.source', message: "'payload.source' is missing or blank" });
      if (!isOneOf(PAGERDUTY_SEVERITIES, p.severity ?? '')) errors.push({ path: 'payload.severity', message: `'payload.severity' is invalid (must be one of the following: ${quote(PAGERDUTY_SEVERITIES)})` });
      if (!blank(p.timestamp) && parseInstant(p.timestamp) === undefined) errors.push({ path: 'payload.timestamp', message: "'payload.timestamp' is not a valid ISO 8601 timestamp" });
    }
  } else if (isOneOf(PAGERDUTY_ACTIONS, action) && blank(e.dedup_key)) {
    errors.push({ path: 'dedup_key', message: `'dedup_key' is required for '${action}' events` });
  }
  if (errors.length > 0 || !isOneOf(PAGERDUTY_ACTIONS, action)) return { ok: false, reason: 'invalid', errors };

  const dedupKey = blank(e.dedup_key) ? ctx.newId() : e.dedup_key;
  const labels = stringLabels({ source: p?.source, component: p?.component, group: p?.group, class: p?.class });
  const severityWord = p?.severity ?? '';
  const severity = isOneOf(PAGERDUTY_SEVERITIES, severityWord) ? SEVERITY[severityWord] : undefined;
  const links: AlertLink[] = [
    ...(e.links ?? []).map((l) => ({ href: l.href, ...(l.text ? { text: l.text } : {}) })),
    ...(e.client_url ? [{ href: e.client_url, text: e.client ?? 'Client' }] : []),
  ];
  const startsAt = parseInstant(p?.timestamp);
  const signal: AlertSignal = {
    source: PAGERDUTY_EVENTS,
    integrationKey: ctx.integrationKey ?? e.routing_key!,
    dedupKey,
    fingerprint: labelFingerprint(labels),
    action,
    summary: p?.summary ?? `${action} ${dedupKey}`,
    // The sender's dedup key names its alert; without one, its summary does (PagerDuty's content-based grouping).
    ...(!blank(e.dedup_key) ? { alertName: e.dedup_key } : p !== undefined && p !== null && !blank(p.summary) ? { alertName: p.summary } : {}),
    ...(severity !== undefined ? { severity } : {}),
    labels,
    annotations: {},
    details: {
      ...(p?.custom_details !== undefined ? { custom_details: p.custom_details } : {}),
      ...(e.images && e.images.length > 0 ? { images: e.images } : {}),
      ...(e.client ? { client: e.client } : {}),
    },
    ...(startsAt !== undefined ? { startsAt } : {}),
    links,
    receivedAt: ctx.receivedAt,
  };
  return { ok: true, signals: [signal], echo: { dedup_key: dedupKey } };
}

function fromV1(e: PagerDutyEvent, ctx: IngestContext): IngestOutcome {
  const errors: Issue[] = [];
  const type = e.event_type ?? '';
  if (!isOneOf(PAGERDUTY_ACTIONS, type)) errors.push({ path: 'event_type', message: `'event_type' is invalid (must be one of the following: ${quote(PAGERDUTY_ACTIONS)})` });
  checkDedupKey(e.incident_key, 'incident_key', errors);
  if (type === 'trigger') {
    if (blank(e.description)) errors.push({ path: 'description', message: "'description' is missing or blank" });
    else if (e.description.length > PAGERDUTY_LIMITS.summary) errors.push({ path: 'description', message: `'description' is longer than ${PAGERDUTY_LIMITS.summary} characters (${e.description.length})` });
  } else if (isOneOf(PAGERDUTY_ACTIONS, type) && blank(e.incident_key)) {
    errors.push({ path: 'incident_key', message: `'incident_key' is required for '${type}' events` });
  }
  if (errors.length > 0 || !isOneOf(PAGERDUTY_ACTIONS, type)) return { ok: false, reason: 'invalid', errors };
  const action: AlertAction = type;
  const dedupKey = blank(e.incident_key) ? ctx.newId() : e.incident_key;
  const links: AlertLink[] = [
    ...(e.contexts ?? []).filter((c) => c.type === 'link' && c.href).map((c) => ({ href: c.href!, ...(c.text ? { text: c.text } : {}) })),
    ...(e.client_url ? [{ href: e.client_url, text: e.client ?? 'Client' }] : []),
  ];
  const signal: AlertSignal = {
    source: PAGERDUTY_EVENTS,
    integrationKey: ctx.integrationKey ?? e.service_key!,
    dedupKey,
    fingerprint: labelFingerprint({}),
    action,
    summary: blank(e.description) ? `${action} ${dedupKey}` : e.description,
    ...(!blank(e.incident_key) ? { alertName: e.incident_key } : !blank(e.description) ? { alertName: e.description } : {}),
    labels: {},
    annotations: {},
    details: { ...(e.details !== undefined && e.details !== null ? { details: e.details } : {}), ...(e.client ? { client: e.client } : {}), apiVersion: 'v1' },
    links,
    receivedAt: ctx.receivedAt,
  };
  return { ok: true, signals: [signal], echo: { incident_key: dedupKey, dedup_key: dedupKey } };
}

function checkDedupKey(key: string | null | undefined, path: string, errors: Issue[]): void {
  if (!blank(key) && key.length > PAGERDUTY_LIMITS.dedupKey) {
    errors.push({ path, message: `'${path}' is longer than ${PAGERDUTY_LIMITS.dedupKey} characters (${key.length})` });
  }
}
