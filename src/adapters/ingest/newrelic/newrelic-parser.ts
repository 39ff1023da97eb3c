import { labelFingerprint } from '../../../domain/alerts/index.js';
import type { AlertAction, AlertSignal } from '../../../domain/alerts/index.js';
import type { Severity } from '../../../domain/classification/index.js';
import type { IngestContext, IngestOutcome } from '../ingest-source.js';
import { parseInstant } from '../parse-instant.js';
import { readJsonBody } from '../read-json-body.js';
import { newRelicSchema } from './newrelic-schema.js';
import type { NEWRELIC_PRIORITIES, NEWRELIC_STATES } from './newrelic-schema.js';

export const NEWRELIC = 'newrelic';
export const NEWRELIC_MAX_BODY_BYTES = 512 * 1024;

const ACTION: Record<(typeof NEWRELIC_STATES)[number], AlertAction> = {
  CREATED: 'trigger', ACTIVATED: 'trigger', ACKNOWLEDGED: 'acknowledge', CLOSED: 'resolve', DEACTIVATED: 'resolve',
};
const SEVERITY: Record<(typeof NEWRELIC_PRIORITIES)[number], Severity> = { CRITICAL: 'critical', HIGH: 'high', MEDIUM: 'medium', LOW: 'low' };

/** One issue, one alert: the issue id is the dedup key across ACTIVATED → ACKNOWLEDGED → CLOSED. */
export function parseNewRelic(rawBody: string, ctx: IngestContext): IngestOutcome {
  const body = readJsonBody(rawBody, newRelicSchema, NEWRELIC_MAX_BODY_BYTES);
  if (!body.ok) return body;
  const p = body.value;
  const issueId = (p.id ?? p.issueId)!;
  const labels: Record<string, string> = {};
  if (p.alertPolicyNames?.[0]) labels['policy'] = p.alertPolicyNames[0];
  if (p.alertConditionNames?.[0]) labels['condition'] = p.alertConditionNames[0];
  if (p.impactedEntities?.[0]) labels['entity'] = p.impactedEntities[0];
  if (p.workflowName) labels['workflow'] = p.workflowName;
  const createdAt = parseInstant(p.createdAt);
  const closedAt = parseInstant(p.closedAt) ?? (p.state === 'CLOSED' ? parseInstant(p.updatedAt) : undefined);
  const signal: AlertSignal = {
    source: NEWRELIC,
    ...(ctx.integrationKey !== undefined ? { integrationKey: ctx.integrationKey } : {}),
    dedupKey: issueId,
    fingerprint: labelFingerprint(labels),
    action: ACTION[p.state],
    summary: p.title || `New Relic issue ${issueId}`,
    ...(p.alertConditionNames?.[0] ? { alertName: p.alertConditionNames[0] } : p.title ? { alertName: p.title } : {}),
    ...(p.priority ? { severity: SEVERITY[p.priority] } : {}),
    labels,
    annotations: {},
    details: {
      state: p.state, ...(p.trigger ? { trigger: p.trigger } : {}), ...(p.totalIncidents != null ? { totalIncidents: p.totalIncidents } : {}),
      ...(p.impactedEntities?.length ? { impactedEntities: p.impactedEntities } : {}), ...(p.sources?.length ? { sources: p.sources } : {}),
      ...(p.alertPolicyNames?.length ? { alertPolicyNames: p.alertPolicyNames } : {}), ...(p.alertConditionNames?.length ? { alertConditionNames: p.alertConditionNames } : {}),
      ...(p.isCorrelated != null ? { isCorrelated: p.isCorrelated } : {}),
    },
    ...(createdAt !== undefined ? { startsAt: createdAt } : {}),
    ...(closedAt !== undefined ? { endsAt: closedAt } : {}),
    links: p.issueUrl ? [{ href: p.issueUrl, text: 'New Relic issue' }] : [],
    receivedAt: ctx.receivedAt,
  };
  return { ok: true, signals: [signal] };
}
