import type { ChangeEvent } from '../../../domain/alerts/index.js';
import type { Issue } from '../../../domain/errors/index.js';
import type { IngestContext, IngestOutcome } from '../ingest-source.js';
import { parseInstant } from '../parse-instant.js';
import { readJsonBody } from '../read-json-body.js';
import { PAGERDUTY_CHANGE_LIMITS, pagerDutyChangeSchema } from './pagerduty-change-schema.js';

export const PAGERDUTY_CHANGE = 'pagerduty-change';

/** A change event becomes a ChangeEvent (context on the timeline), never an alert. */
export function parsePagerDutyChange(rawBody: string, ctx: IngestContext): IngestOutcome {
  const body = readJsonBody(rawBody, pagerDutyChangeSchema, PAGERDUTY_CHANGE_LIMITS.bodyBytes);
  if (!body.ok) return body;
  const e = body.value;
  const errors: Issue[] = [];
  if (!e.routing_key) errors.push({ path: 'routing_key', message: "'routing_key' is missing or blank" });
  const summary = e.payload?.summary ?? '';
  if (e.payload === null || e.payload === undefined) errors.push({ path: 'payload', message: "'payload' is missing" });
  else if (summary.trim() === '') errors.push({ path: 'payload.summary', message: "'payload.summary' is missing or blank" });
  else if (summary.length > PAGERDUTY_CHANGE_LIMITS.summary) errors.push({ path: 'payload.summary', message: `'payload.summary' is longer than ${PAGERDUTY_CHANGE_LIMITS.summary} characters (${summary.length})` });
  const happenedAt = parseInstant(e.payload?.timestamp);
  if (e.payload?.timestamp && happenedAt === undefined) errors.push({ path: 'payload.timestamp', message: "'payload.timestamp' is not a valid ISO 8601 timestamp" });
  if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
  const change: ChangeEvent = {
    source: PAGERDUTY_CHANGE,
    integrationKey: ctx.integrationKey ?? e.routing_key!,
    summary,
    ...(e.payload?.source ? { origin: e.payload.source } : {}),
    ...(happenedAt !== undefined ? { happenedAt } : {}),
    details: e.payload?.custom_details !== undefined ? { custom_details: e.payload.custom_details } : {},
    links: (e.links ?? []).map((l) => ({ href: l.href, ...(l.text ? { text: l.text } : {}) })),
    receivedAt: ctx.receivedAt,
  };
  return { ok: true, signals: [], changes: [change] };
}
