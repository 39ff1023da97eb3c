import { STATUS_CODES } from 'node:http';
import type { LogSourceConfig } from '../../app/config/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import { guardedRequest, type AddressGuard } from '../outbound-net/index.js';
import type { LogSourceContent } from './log-source-content.js';

const BODY_MAX_BYTES = 64 * 1024 * 1024;
type Env = Readonly<Record<string, string | undefined>>;

const failed = (detail: string): LogSourceContent => ({ ok: false, detail, isTruncated: false, content: '' });

/** Keeps the newest `maxBytes` of the lines (oldest first), as the Loki source does. */
function keep(lines: readonly string[], maxBytes: number, what: string): LogSourceContent {
  let content = lines.join('\n');
  const isTruncated = Buffer.byteLength(content) > maxBytes;
  if (isTruncated) content = Buffer.from(content).subarray(-maxBytes).toString('utf8');
  return { ok: true, detail: `${lines.length} ${what}${isTruncated ? `, last ${maxBytes} bytes kept` : ''}`, isTruncated, content };
}

const statusWord = (status: number) => `${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;

/**
 * Splunk's REST search export, POST /services/search/jobs/export with output_mode=json and
 * earliest_time / latest_time as epoch seconds over [at − since, at]: Splunk streams one JSON object
 * per line ({"result": {…, "_raw", "_time"}}, "messages" for errors), so nothing waits for a job.
 */
export async function querySplunk(source: Extract<LogSourceConfig, { kind: 'splunk' }>, at: EpochMs, guard: AddressGuard, env: Env): Promise<LogSourceContent> {
  const token = env[source.tokenEnv];
  if (token === undefined || token === '') return failed(`Splunk: the environment variable ${source.tokenEnv} holding the token is not set`);
  const spl = /^\s*(search\b|\|)/i.test(source.search) ? source.search.trim() : `search ${source.search.trim()}`;
  const form = new URLSearchParams({
    search: `${spl} | head ${source.limit}`,
    output_mode: 'json',
    earliest_time: String(Math.floor((at - source.sinceMs) / 1000)),
    latest_time: String(Math.ceil(at / 1000)),
  });
  const reply = await guardedRequest({
    method: 'POST', url: `${source.url}/services/search/jobs/export`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
  }, { guard, timeoutMs: source.timeoutMs, maxBodyBytes: BODY_MAX_BYTES });
  if ('failure' in reply) return failed(reply.failure === 'timeout' ? `Splunk at ${source.url}: no answer within ${source.timeoutMs} ms` : `cannot reach Splunk: ${reply.reason}`);
  const objects = reply.body.split('\n').map((l) => l.trim()).filter(Boolean).flatMap((l) => {
    try {
      return [JSON.parse(l) as { result?: Record<string, unknown>; messages?: { type?: string; text?: string }[] }];
    } catch {
      return [];
    }
  });
  const errors = objects.flatMap((o) => o.messages ?? []).filter((m) => m.type === 'FATAL' || m.type === 'ERROR').map((m) => m.text ?? '');
  if (reply.status < 200 || reply.status >= 300 || errors.length > 0) {
    const said = objects.flatMap((o) => o.messages ?? []).map((m) => m.text ?? '').find((t) => t !== '');
    const why = errors[0] ?? said ?? reply.body.replace(/\s+/g, ' ').trim().slice(0, 200);
    const hint = reply.status === 401 ? ` (check the token in $${source.tokenEnv})` : '';
    return failed(`Splunk answered ${statusWord(reply.status)}: ${why.split(token).join('[redacted]')}${hint}`);
  }
  const lines = objects.flatMap((o) => (o.result === undefined ? [] : [o.result])).map((r) => {
    const raw = typeof r['_raw'] === 'string' ? r['_raw'] : JSON.stringify(r);
    return typeof r['_time'] === 'string' ? `${r['_time']} ${raw}` : raw;
  });
  // The export streams newest first; evidence reads oldest first.
  return keep(lines.reverse(), source.maxBytes, 'events from Splunk');
}

interface SearchHit { readonly _index?: string; readonly _source?: Record<string, unknown> }

/**
 * Elasticsearch's POST /<index>/_search: the query string, a range filter on the timestamp field
 * over [at − since, at], `size` documents, newest first (then written oldest first). Each document
 * becomes one line: its timestamp, then `message` (ECS) when it has one, else the whole source.
 */
export async function queryElasticsearch(source: Extract<LogSourceConfig, { kind: 'elasticsearch' }>, at: EpochMs, guard: AddressGuard, env: Env): Promise<LogSourceContent> {
  const apiKey = source.apiKeyEnv === undefined ? undefined : env[source.apiKeyEnv];
  if (source.apiKeyEnv !== undefined && (apiKey === undefined || apiKey === '')) return failed(`Elasticsearch: the environment variable ${source.apiKeyEnv} holding the API key is not set`);
  const body = {
    size: source.limit,
    sort: [{ [source.timestampField]: { order: 'desc' } }],
    query: {
      bool: {
        must: [{ query_string: { query: source.query } }],
        filter: [{ range: { [source.timestampField]: { gte: new Date(at - source.sinceMs).toISOString(), lte: new Date(at).toISOString(), format: 'strict_date_optional_time' } } }],
      },
    },
  };
  const reply = await guardedRequest({
    method: 'POST', url: `${source.url}/${encodeURIComponent(source.index).replace(/%2A/g, '*').replace(/%2C/g, ',')}/_search`,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(apiKey === undefined ? {} : { authorization: `ApiKey ${apiKey}` }) },
    body: JSON.stringify(body),
  }, { guard, timeoutMs: source.timeoutMs, maxBodyBytes: BODY_MAX_BYTES });
  if ('failure' in reply) return failed(reply.failure === 'timeout' ? `Elasticsearch at ${source.url}: no answer within ${source.timeoutMs} ms` : `cannot reach Elasticsearch: ${reply.reason}`);
  let json: { hits?: { hits?: SearchHit[] }; error?: { type?: string; reason?: string; root_cause?: { reason?: string }[] } | string };
  try {
    json = JSON.parse(reply.body) as typeof json;
  } catch {
    return failed(`Elasticsearch answered ${statusWord(reply.status)}: ${reply.body.slice(0, 200)}`);
  }
  if (reply.status < 200 || reply.status >= 300) {
    const e = json.error;
    const why = typeof e === 'string' ? e : [e?.type, e?.root_cause?.[0]?.reason ?? e?.reason].filter(Boolean).join(': ');
    const hint = reply.status === 401 ? ` (check the API key in $${source.apiKeyEnv ?? 'api_key_env'})` : '';
    return failed(`Elasticsearch answered ${statusWord(reply.status)}: ${why || reply.body.slice(0, 200)}${hint}`);
  }
  const lines = (json.hits?.hits ?? []).map((h) => {
    const doc = h._source ?? {};
    const time = doc[source.timestampField];
    const message = typeof doc['message'] === 'string' ? doc['message'] : JSON.stringify(doc);
    return `${typeof time === 'string' ? `${time} ` : ''}${message}`;
  });
  return keep(lines.reverse(), source.maxBytes, 'documents from Elasticsearch');
}
