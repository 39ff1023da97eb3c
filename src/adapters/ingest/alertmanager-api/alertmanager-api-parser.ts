import { labelFingerprint, severityFromWord } from '../../../domain/alerts/index.js';
import type { AlertLink, AlertSignal } from '../../../domain/alerts/index.js';
import type { Issue } from '../../../domain/errors/index.js';
import type { IngestContext, IngestOutcome } from '../ingest-source.js';
import { parseInstant } from '../parse-instant.js';
import { readJsonBody } from '../read-json-body.js';
import { postableAlertsSchema } from './alertmanager-api-schema.js';

export const ALERTMANAGER_API = 'alertmanager-api';
export const ALERTMANAGER_API_MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Prometheus (and any Alertmanager client) posts the whole set of active alerts every evaluation.
 * As in Alertmanager, an alert whose endsAt has passed is resolved; otherwise it is firing.
 */
export function parseAlertmanagerApi(rawBody: string, ctx: IngestContext): IngestOutcome {
  const body = readJsonBody(rawBody, postableAlertsSchema, ALERTMANAGER_API_MAX_BODY_BYTES);
  if (!body.ok) return body;
  const errors: Issue[] = [];
  const signals: AlertSignal[] = [];
  body.value.forEach((a, i) => {
    const startsAt = parseInstant(a.startsAt);
    const endsAt = parseInstant(a.endsAt);
    if (a.startsAt !== undefined && startsAt === undefined) errors.push({ path: `[${i}].startsAt`, message: `not a timestamp: ${a.startsAt}` });
    if (a.endsAt !== undefined && endsAt === undefined && !a.endsAt.startsWith('0001-01-01')) errors.push({ path: `[${i}].endsAt`, message: `not a timestamp: ${a.endsAt}` });
    // Alertmanager's own validation: "start time must be before end time".
    if (startsAt !== undefined && endsAt !== undefined && endsAt < startsAt) errors.push({ path: `[${i}].endsAt`, message: 'start time must be before end time' });
    const fingerprint = labelFingerprint(a.labels);
    const annotations = a.annotations ?? {};
    const links: AlertLink[] = a.generatorURL ? [{ href: a.generatorURL, text: 'Source' }] : [];
    if (annotations['runbook_url']) links.push({ href: annotations['runbook_url'], text: 'Runbook' });
    const severity = severityFromWord(a.labels['severity']);
    signals.push({
      source: ALERTMANAGER_API,
      ...(ctx.integrationKey !== undefined ? { integrationKey: ctx.integrationKey } : {}),
      dedupKey: fingerprint,
      fingerprint,
      action: endsAt !== undefined && endsAt <= ctx.receivedAt ? 'resolve' : 'trigger',
      summary: annotations['summary'] ?? annotations['description'] ?? a.labels['alertname'] ?? `alert ${fingerprint}`,
      ...(severity !== undefined ? { severity } : {}),
      ...(a.labels['service'] !== undefined ? { service: a.labels['service'] } : {}),
      ...(a.labels['alertname'] !== undefined ? { alertName: a.labels['alertname'] } : {}),
      labels: a.labels,
      annotations,
      details: {},
      ...(startsAt !== undefined ? { startsAt } : {}),
      ...(endsAt !== undefined ? { endsAt } : {}),
      links,
      receivedAt: ctx.receivedAt,
    });
  });
  if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
  return { ok: true, signals };
}
