import { open } from 'node:fs/promises';
import type { LogSourceConfig } from '../../app/config/index.js';
import { assertNever } from '../../domain/errors/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import { guardedRequest, type AddressGuard } from '../outbound-net/index.js';
import { runCommand } from './run-command.js';
import { queryElasticsearch, querySplunk } from './search-log-sources.js';

/** Loki's JSON for `limit` lines; an answer cut here is reported, never parsed half. */
const LOKI_BODY_MAX_BYTES = 64 * 1024 * 1024;

export type { LogSourceContent } from './log-source-content.js';
import type { LogSourceContent } from './log-source-content.js';

/**
 * Reads one evidence source as of `at`; Loki, Splunk and Elasticsearch are asked through `guard`
 * (the SSRF guard, redirects re-checked), with their secrets read from `env`. Never throws: a
 * failure is `ok: false` with the reason.
 */
export async function readLogSource(source: LogSourceConfig, at: EpochMs, guard: AddressGuard, env: Readonly<Record<string, string | undefined>> = {}): Promise<LogSourceContent> {
  switch (source.kind) {
    case 'file': return readFileTail(source.path, source.maxBytes);
    case 'command': {
      const out = await runCommand(source.argv, source.timeoutMs, source.maxBytes);
      const content = out.stderr === '' ? out.stdout : `${out.stdout}\n--- stderr ---\n${out.stderr}`;
      return { ok: out.ok || out.isTruncated, detail: `${source.argv.join(' ')}: ${out.outcome}`, isTruncated: out.isTruncated, content };
    }
    case 'loki': return queryLoki(source, at, guard);
    case 'splunk': return querySplunk(source, at, guard, env);
    case 'elasticsearch': return queryElasticsearch(source, at, guard, env);
    default: return assertNever(source);
  }
}

/** The last `maxBytes` of a file: the newest lines of a log are the ones that matter. */
async function readFileTail(path: string, maxBytes: number): Promise<LogSourceContent> {
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, maxBytes);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      const isTruncated = size > maxBytes;
      return { ok: true, detail: `${path}: ${size} bytes${isTruncated ? `, last ${maxBytes} kept` : ''}`, isTruncated, content: buffer.toString('utf8') };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { ok: false, detail: `${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, isTruncated: false, content: '' };
  }
}

interface LokiBody {
  readonly status?: string;
  readonly error?: string;
  readonly data?: { readonly resultType?: string; readonly result?: { stream?: Record<string, string>; values?: [string, string][] }[] };
}

/** Loki's `GET /loki/api/v1/query_range` over [at − since, at], newest lines first, one line per entry. */
async function queryLoki(source: Extract<LogSourceConfig, { kind: 'loki' }>, at: EpochMs, guard: AddressGuard): Promise<LogSourceContent> {
  const ns = (ms: number) => (BigInt(Math.round(ms)) * 1_000_000n).toString();
  const params = new URLSearchParams({ query: source.query, start: ns(at - source.sinceMs), end: ns(at), limit: String(source.limit), direction: 'backward' });
  const url = `${source.url}/loki/api/v1/query_range?${params}`;
  const failed = (detail: string): LogSourceContent => ({ ok: false, detail, isTruncated: false, content: '' });
  const reply = await guardedRequest({ method: 'GET', url, headers: { accept: 'application/json' } }, { guard, timeoutMs: source.timeoutMs, maxBodyBytes: LOKI_BODY_MAX_BYTES });
  if ('failure' in reply) return failed(reply.failure === 'timeout' ? `Loki at ${source.url}: no answer within ${source.timeoutMs} ms` : `cannot reach Loki: ${reply.reason}`);
  const text = reply.body;
  let body: LokiBody;
  try {
    body = JSON.parse(text) as LokiBody;
  } catch {
    if (Buffer.byteLength(text) >= LOKI_BODY_MAX_BYTES - 3) return failed(`Loki answered more than ${LOKI_BODY_MAX_BYTES / 1024 / 1024} MiB; lower the source's loki.limit or since`);
    return failed(`Loki answered ${reply.status}: ${text.slice(0, 200)}`);
  }
  const isOk = reply.status >= 200 && reply.status < 300;
  if (!isOk || body.status !== 'success') return failed(`Loki answered ${reply.status}: ${body.error ?? text.slice(0, 200)}`);
  const lines = (body.data?.result ?? []).flatMap((s) => (s.values ?? []).map(([t, line]) => ({ t: BigInt(t), text: `${new Date(Number(BigInt(t) / 1_000_000n)).toISOString()} ${JSON.stringify(s.stream ?? {})} ${line}` })));
  lines.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
  let content = lines.map((l) => l.text).join('\n');
  const isTruncated = Buffer.byteLength(content) > source.maxBytes;
  if (isTruncated) content = Buffer.from(content).subarray(-source.maxBytes).toString('utf8');
  return { ok: true, detail: `${lines.length} lines from Loki${isTruncated ? `, last ${source.maxBytes} bytes kept` : ''}`, isTruncated, content };
}
