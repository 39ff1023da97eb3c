import { labelFingerprint, severityFromWord } from '../../../domain/alerts/index.js';
import type { AlertSignal } from '../../../domain/alerts/index.js';
import type { IngestContext, IngestOutcome } from '../ingest-source.js';
import { parseInstant } from '../parse-instant.js';
import { readJsonBody } from '../read-json-body.js';
import { splunkSchema } from './splunk-schema.js';

export const SPLUNK = 'splunk';
export const SPLUNK_MAX_BODY_BYTES = 512 * 1024;
/** Result fields copied into labels; the rest of the row stays in details. */
const LABEL_FIELDS = ['host', 'service', 'environment', 'env', 'sourcetype', 'source', 'index', 'app', 'status'] as const;

const nonEmpty = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';

/**
 * A Splunk alert fires; it never sends a recovery, so every delivery triggers (the incident is
 * resolved here, or by auto-resolve). The saved search's name is the alert's identity: it is the
 * grouping key and, with the app, the dedup key, so each run of the same search joins the same
 * alert. An ad hoc search (search_name null) is identified by its sid.
 */
export function parseSplunk(rawBody: string, ctx: IngestContext): IngestOutcome {
  const body = readJsonBody(rawBody, splunkSchema, SPLUNK_MAX_BODY_BYTES);
  if (!body.ok) return body;
  const d = body.value;
  const row: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.result ?? {})) {
    if (v === null) continue;
    row[k] = Array.isArray(v) ? v.join(',') : v;
  }
  const name = nonEmpty(d.search_name) ? d.search_name.trim() : undefined;
  const labels: Record<string, string> = {};
  for (const f of LABEL_FIELDS) if (nonEmpty(row[f])) labels[f === 'env' ? 'environment' : f] = row[f];
  if (nonEmpty(d.app)) labels['splunk_app'] = d.app;
  if (name !== undefined) labels['search_name'] = name;
  const severityWord = [row['severity'], row['urgency'], row['priority']].find(nonEmpty);
  const severity = severityWord === undefined ? undefined : severityFromWord(severityWord);
  const at = parseInstant(row['_time']?.replace(/\.\d+$/, ''));
  const summary = name ?? `Splunk search ${d.sid}`;
  const signal: AlertSignal = {
    source: SPLUNK,
    ...(ctx.integrationKey !== undefined ? { integrationKey: ctx.integrationKey } : {}),
    dedupKey: name !== undefined ? `search:${d.app ?? ''}:${name}` : `sid:${d.sid}`,
    fingerprint: labelFingerprint(labels),
    action: 'trigger',
    summary,
    alertName: summary,
    ...(severity !== undefined ? { severity } : {}),
    ...(labels['service'] !== undefined ? { service: labels['service'] } : {}),
    labels,
    annotations: nonEmpty(row['message']) ? { description: row['message'] } : {},
    details: { sid: d.sid, ...(nonEmpty(d.owner) ? { owner: d.owner } : {}), ...(nonEmpty(d.app) ? { app: d.app } : {}), result: row },
    ...(at !== undefined ? { startsAt: at } : {}),
    links: nonEmpty(d.results_link) ? [{ href: d.results_link, text: 'Splunk search results' }] : [],
    receivedAt: ctx.receivedAt,
  };
  return { ok: true, signals: [signal] };
}
