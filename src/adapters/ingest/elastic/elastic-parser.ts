import { labelFingerprint, severityFromWord } from '../../../domain/alerts/index.js';
import type { AlertSignal } from '../../../domain/alerts/index.js';
import type { IngestContext, IngestOutcome } from '../ingest-source.js';
import { parseInstant } from '../parse-instant.js';
import { readJsonBody } from '../read-json-body.js';
import { ELASTIC_RECOVERED, elasticSchema } from './elastic-schema.js';

export const ELASTIC = 'elastic';
export const ELASTIC_MAX_BODY_BYTES = 512 * 1024;

const nonEmpty = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';

/**
 * One rule run's action for one alert. The rule is the alert's identity (its name is the grouping
 * key); rule id and alert id (the group or host the rule split on) form the dedup key, so the
 * recovered action resolves the alert its firing opened. Tags written "key:value" become labels
 * ("service:checkout", "env:production", "severity:high").
 */
export function parseElastic(rawBody: string, ctx: IngestContext): IngestOutcome {
  const body = readJsonBody(rawBody, elasticSchema, ELASTIC_MAX_BODY_BYTES);
  if (!body.ok) return body;
  const d = body.value;
  const tags = (Array.isArray(d.rule.tags) ? d.rule.tags : (d.rule.tags ?? '').split(',')).map((t) => t.trim()).filter(Boolean);
  const labels: Record<string, string> = {};
  for (const tag of tags) {
    const i = tag.indexOf(':');
    const key = i > 0 ? tag.slice(0, i).trim() : tag;
    labels[key === 'env' ? 'environment' : key] = i > 0 ? tag.slice(i + 1).trim() : '';
  }
  labels['rule'] = d.rule.name;
  const isRecovered = d.alert.action_group.trim().toLowerCase() === ELASTIC_RECOVERED;
  const severity = severityFromWord(labels['severity'] ?? labels['priority']);
  const at = parseInstant(d.date);
  const reason = [d.context?.reason, d.context?.message].find(nonEmpty);
  const link = [d.context?.link, d.rule.url].find(nonEmpty);
  const signal: AlertSignal = {
    source: ELASTIC,
    ...(ctx.integrationKey !== undefined ? { integrationKey: ctx.integrationKey } : {}),
    dedupKey: `${d.rule.id}:${nonEmpty(d.alert.id) ? d.alert.id : nonEmpty(d.alert.uuid) ? d.alert.uuid : 'alert'}`,
    fingerprint: labelFingerprint(labels),
    action: isRecovered ? 'resolve' : 'trigger',
    summary: d.rule.name,
    alertName: d.rule.name,
    ...(severity !== undefined ? { severity } : {}),
    ...(labels['service'] !== undefined && labels['service'] !== '' ? { service: labels['service'] } : {}),
    labels,
    annotations: reason !== undefined ? { description: reason } : {},
    details: {
      ruleId: d.rule.id, actionGroup: d.alert.action_group,
      ...(nonEmpty(d.alert.uuid) ? { alertUuid: d.alert.uuid } : {}), ...(nonEmpty(d.rule.space_id) ? { space: d.rule.space_id } : {}),
      ...(d.alert.flapping === 'true' ? { flapping: true } : {}),
    },
    ...(at !== undefined && !isRecovered ? { startsAt: at } : {}),
    ...(at !== undefined && isRecovered ? { endsAt: at } : {}),
    links: link !== undefined ? [{ href: link, text: 'Kibana' }] : [],
    receivedAt: ctx.receivedAt,
  };
  return { ok: true, signals: [signal] };
}
