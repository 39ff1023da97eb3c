import { labelFingerprint, severityFromWord } from '../../../domain/alerts/index.js';
import type { AlertAction, AlertSignal } from '../../../domain/alerts/index.js';
import type { Severity } from '../../../domain/classification/index.js';
import type { IngestContext, IngestOutcome } from '../ingest-source.js';
import { parseInstant } from '../parse-instant.js';
import { readJsonBody } from '../read-json-body.js';
import { datadogSchema } from './datadog-schema.js';

export const DATADOG = 'datadog';
export const DATADOG_MAX_BODY_BYTES = 512 * 1024;

const TRANSITION: Record<string, { action: AlertAction; severity?: Severity } | undefined> = {
  'triggered': { action: 'trigger' }, 're-triggered': { action: 'trigger' }, 'renotify': { action: 'trigger' },
  'warn': { action: 'trigger', severity: 'medium' }, 're-warn': { action: 'trigger', severity: 'medium' },
  'no data': { action: 'trigger', severity: 'low' }, 're-no data': { action: 'trigger', severity: 'low' },
  'recovered': { action: 'resolve' }, 'warn recovered': { action: 'resolve' },
};

const nonEmpty = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '' && !s.startsWith('$');

/**
 * The transition comes from `alert_transition`, else from the title's "[Triggered]" / "[Recovered]"
 * prefix (the default payload). The dedup key links trigger and recovery: alert_cycle_key, then
 * aggreg_key, then monitor id + scope, then the title without its prefix. Null transitions and
 * non-monitor events are accepted and ignored.
 */
export function parseDatadog(rawBody: string, ctx: IngestContext): IngestOutcome {
  const body = readJsonBody(rawBody, datadogSchema, DATADOG_MAX_BODY_BYTES);
  if (!body.ok) return body;
  const d = body.value;
  const title = d.title ?? '';
  const prefix = /^\[([^\]]+)\]\s*/.exec(title);
  const transitionWord = nonEmpty(d.alert_transition) ? d.alert_transition : prefix?.[1] ?? '';
  const transition = TRANSITION[transitionWord.trim().toLowerCase()];
  const bareTitle = nonEmpty(d.alert_title) ? d.alert_title : title.replace(/^(\[[^\]]+\]\s*)+/, '');
  if (transition === undefined) {
    if (bareTitle === '' && !nonEmpty(d.alert_id)) return { ok: false, reason: 'invalid', errors: [{ path: 'title', message: 'neither title nor alert_id is set; keep $EVENT_TITLE or $ALERT_ID in the webhook payload' }] };
    return { ok: true, signals: [] };
  }
  const dedupKey = [d.alert_cycle_key, d.aggreg_key].find(nonEmpty)
    ?? (nonEmpty(d.alert_id) ? `monitor:${d.alert_id}${nonEmpty(d.alert_scope) ? `:${d.alert_scope}` : ''}` : `title:${bareTitle}`);
  const labels: Record<string, string> = {};
  for (const tag of (d.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean)) {
    const i = tag.indexOf(':');
    labels[i > 0 ? tag.slice(0, i) : tag] = i > 0 ? tag.slice(i + 1) : '';
  }
  const host = [d.host_name, d.hostname].find(nonEmpty);
  if (host !== undefined) labels['host'] = host;
  if (nonEmpty(d.alert_metric)) labels['metric'] = d.alert_metric;
  if (nonEmpty(d.alert_id)) labels['monitor_id'] = d.alert_id;
  const severity = transition.severity ?? (nonEmpty(d.alert_priority) ? severityFromWord(d.alert_priority) : undefined);
  const at = parseInstant(d.date);
  const signal: AlertSignal = {
    source: DATADOG,
    ...(ctx.integrationKey !== undefined ? { integrationKey: ctx.integrationKey } : {}),
    dedupKey,
    fingerprint: labelFingerprint(labels),
    action: transition.action,
    summary: bareTitle || `Datadog monitor ${d.alert_id ?? ''}`.trim(),
    // One monitor is one alert, whichever of its scopes (hosts, tags) fires.
    ...(nonEmpty(d.alert_id) ? { alertName: `Datadog monitor ${d.alert_id}` } : bareTitle !== '' ? { alertName: bareTitle } : {}),
    ...(severity !== undefined ? { severity } : {}),
    ...(labels['service'] !== undefined ? { service: labels['service'] } : {}),
    labels,
    annotations: { ...(nonEmpty(d.body) ? { description: d.body } : {}), ...(nonEmpty(d.alert_status) ? { status: d.alert_status } : {}) },
    details: {
      transition: transitionWord, ...(nonEmpty(d.id) ? { eventId: d.id } : {}), ...(nonEmpty(d.event_type) ? { eventType: d.event_type } : {}),
      ...(d.org && nonEmpty(d.org.name) ? { org: d.org.name } : {}), ...(nonEmpty(d.alert_scope) ? { scope: d.alert_scope } : {}),
    },
    ...(at !== undefined && transition.action === 'trigger' ? { startsAt: at } : {}),
    ...(at !== undefined && transition.action === 'resolve' ? { endsAt: at } : {}),
    links: nonEmpty(d.link) ? [{ href: d.link, text: 'Datadog' }] : [],
    receivedAt: ctx.receivedAt,
  };
  return { ok: true, signals: [signal] };
}
