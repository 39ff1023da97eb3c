import { labelFingerprint, severityFromWord } from '../../../domain/alerts/index.js';
import type { AlertLink, AlertSignal } from '../../../domain/alerts/index.js';
import type { IngestContext, IngestOutcome } from '../ingest-source.js';
import { parseInstant } from '../parse-instant.js';
import { readJsonBody } from '../read-json-body.js';
import { alertmanagerWebhookSchema } from './alertmanager-webhook-schema.js';

export const ALERTMANAGER_WEBHOOK = 'alertmanager-webhook';
/** Alertmanager's webhook notifier has no limit of its own; 4 MiB holds thousands of alerts. */
export const ALERTMANAGER_MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * One signal per alert in the group. The dedup key is the alert's fingerprint (computed like
 * Alertmanager when an old release omits it), so the same alert in later notifications appends.
 */
export function parseAlertmanagerWebhook(rawBody: string, ctx: IngestContext): IngestOutcome {
  const body = readJsonBody(rawBody, alertmanagerWebhookSchema, ALERTMANAGER_MAX_BODY_BYTES);
  if (!body.ok) return body;
  const p = body.value;
  const signals = p.alerts.map((a): AlertSignal => {
    const fingerprint = a.fingerprint ?? labelFingerprint(a.labels);
    const annotations = { ...p.commonAnnotations, ...a.annotations };
    const links: AlertLink[] = [];
    if (a.generatorURL) links.push({ href: a.generatorURL, text: 'Source' });
    if (annotations['runbook_url']) links.push({ href: annotations['runbook_url'], text: 'Runbook' });
    const severity = severityFromWord(a.labels['severity']);
    const startsAt = parseInstant(a.startsAt);
    const endsAt = parseInstant(a.endsAt);
    return {
      source: ALERTMANAGER_WEBHOOK,
      ...(ctx.integrationKey !== undefined ? { integrationKey: ctx.integrationKey } : {}),
      dedupKey: fingerprint,
      fingerprint,
      action: a.status === 'firing' ? 'trigger' : 'resolve',
      summary: annotations['summary'] ?? annotations['description'] ?? a.labels['alertname'] ?? `alert ${fingerprint}`,
      ...(severity !== undefined ? { severity } : {}),
      ...(a.labels['service'] !== undefined ? { service: a.labels['service'] } : {}),
      ...(a.labels['alertname'] !== undefined ? { alertName: a.labels['alertname'] } : {}),
      labels: a.labels,
      annotations,
      details: { groupKey: p.groupKey, receiver: p.receiver, groupLabels: p.groupLabels, ...(p.externalURL ? { externalURL: p.externalURL } : {}), ...(p.truncatedAlerts ? { truncatedAlerts: p.truncatedAlerts } : {}) },
      ...(startsAt !== undefined ? { startsAt } : {}),
      ...(endsAt !== undefined ? { endsAt } : {}),
      links,
      receivedAt: ctx.receivedAt,
    };
  });
  return { ok: true, signals };
}
