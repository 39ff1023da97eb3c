import { labelFingerprint, severityFromWord } from '../../../domain/alerts/index.js';
import type { AlertAction, AlertSignal } from '../../../domain/alerts/index.js';
import { findEnvironment } from '../../../domain/classification/index.js';
import type { Issue } from '../../../domain/errors/index.js';
import { epochMs, type EpochMs } from '../../../domain/time/index.js';
import type { IngestContext, IngestOutcome } from '../ingest-source.js';
import { parseInstant } from '../parse-instant.js';
import { readJsonBody } from '../read-json-body.js';
import type { GenericWebhookConfig } from './generic-webhook-schema.js';
import { readPath, readText } from './read-path.js';
import { verifyStandardWebhook } from './verify-standard-webhook.js';
import { z } from 'zod';

export const GENERIC_WEBHOOK = 'generic-webhook';
export const GENERIC_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

/** Finds the mapping configured for the integration (by name) that the request's URL key authenticated to. */
export type FindGenericWebhook = (integrationName: string) => GenericWebhookConfig | undefined;

/**
 * Builds the parser over the configured integrations: unknown key → unauthenticated; configured
 * secrets → Standard Webhooks signature required (5-minute replay window); then each item is mapped
 * through the dotted paths. Missing required fields are reported with the path that was read.
 */
export function createGenericWebhookParser(find: FindGenericWebhook): (rawBody: string, ctx: IngestContext) => IngestOutcome {
  return (rawBody, ctx) => {
    const name = ctx.integrationName;
    const config = name === undefined ? undefined : find(name);
    if (config === undefined) {
      const message = name === undefined
        ? 'unknown webhook key; copy the URL from the integration settings'
        : `integration '${name}' has no field mapping; add it under integrations.webhooks in the configuration file`;
      return { ok: false, reason: 'unauthenticated', errors: [{ path: 'key', message }] };
    }
    let delivery: { id: string; expiresAt: EpochMs } | undefined;
    if (config.signingSecrets.length > 0) {
      const v = verifyStandardWebhook({ headers: ctx.headers, rawBody }, config.signingSecrets, ctx.receivedAt, config.toleranceSeconds);
      if (!v.ok) {
        const message = { 'missing-headers': 'webhook-id, webhook-timestamp and webhook-signature headers are required', 'stale-timestamp': `webhook-timestamp is more than ${config.toleranceSeconds}s away from our clock (replayed or clock skew)`, 'bad-signature': 'webhook-signature does not match the body with any configured secret' }[v.reason];
        return { ok: false, reason: 'unauthenticated', errors: [{ path: `headers.webhook-${v.reason === 'missing-headers' ? 'id' : v.reason === 'stale-timestamp' ? 'timestamp' : 'signature'}`, message }] };
      }
      // The signature holds while its timestamp is within the tolerance of our clock, either side:
      // remember the webhook-id that long past the latest timestamp accepted now.
      delivery = { id: v.id, expiresAt: epochMs(ctx.receivedAt + 2 * config.toleranceSeconds * 1000) };
    }
    const body = readJsonBody(rawBody, z.unknown(), GENERIC_WEBHOOK_MAX_BODY_BYTES);
    if (!body.ok) return body;
    const items = config.itemsPath === undefined ? [body.value] : readPath(body.value, config.itemsPath);
    if (!Array.isArray(items)) return { ok: false, reason: 'invalid', errors: [{ path: config.itemsPath ?? '', message: 'expected an array of alerts here' }] };
    const errors: Issue[] = [];
    const signals: AlertSignal[] = [];
    items.forEach((item, i) => {
      const at = (p: string) => (config.itemsPath === undefined ? p : `${config.itemsPath}[${i}].${p}`);
      const m = config.mapping;
      const dedupKey = readText(item, m.dedupKey);
      const summary = readText(item, m.summary);
      if (dedupKey === undefined) errors.push({ path: at(m.dedupKey), message: 'missing: this path is mapped to the dedup key' });
      if (summary === undefined) errors.push({ path: at(m.summary), message: 'missing: this path is mapped to the summary' });
      let action: AlertAction = 'trigger';
      if (m.action !== undefined) {
        const raw = readText(item, m.action) ?? '';
        const mapped = m.actionValues?.[raw] ?? (['trigger', 'acknowledge', 'resolve'].includes(raw) ? (raw as AlertAction) : undefined);
        if (mapped === undefined) errors.push({ path: at(m.action), message: `'${raw}' is not a mapped action (${Object.keys(m.actionValues ?? {}).join(', ') || 'trigger, acknowledge, resolve'})` });
        else action = mapped;
      }
      if (dedupKey === undefined || summary === undefined) return;
      const labels: Record<string, string> = {};
      for (const [name, path] of Object.entries(m.labels)) {
        const v = readText(item, path);
        if (v !== undefined) labels[name] = v;
      }
      const severityWord = readText(item, m.severity);
      const severity = (severityWord === undefined ? undefined : m.severityValues?.[severityWord]) ?? severityFromWord(severityWord);
      const environmentWord = readText(item, m.environment);
      const environment = environmentWord === undefined ? undefined : findEnvironment(environmentWord);
      const service = readText(item, m.service);
      const description = readText(item, m.description);
      const startsAt = parseInstant(readText(item, m.startsAt));
      const link = readText(item, m.link);
      signals.push({
        source: GENERIC_WEBHOOK,
        dedupKey,
        fingerprint: labelFingerprint(labels),
        action,
        summary,
        // The mapped title (summary) names the alert; an explicit `alertname` label still wins in grouping.
        alertName: summary,
        ...(severity !== undefined ? { severity } : {}),
        ...(environment !== undefined ? { environment } : {}),
        ...(service !== undefined ? { service } : {}),
        labels,
        annotations: description !== undefined ? { description } : {},
        details: { payload: item },
        ...(startsAt !== undefined ? { startsAt } : {}),
        links: link !== undefined ? [{ href: link }] : [],
        receivedAt: ctx.receivedAt,
      });
    });
    if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
    return { ok: true, signals, ...(delivery !== undefined ? { delivery } : {}) };
  };
}
