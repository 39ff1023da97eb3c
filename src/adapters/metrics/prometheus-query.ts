import type { EpochMs } from '../../domain/time/index.js';
import { guardedRequest, type AddressGuard } from '../outbound-net/index.js';

/** A few series fit in far less; a body cut here fails as "not JSON" rather than filling memory. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** One instant query's outcome: a single number, nothing (an empty result), or why it failed. */
export type PrometheusQueryResult =
  | { readonly ok: true; readonly value: number | undefined }
  | { readonly ok: false; readonly message: string };

interface PromSample { readonly metric?: Record<string, string>; readonly value?: [number, string] }
interface PromBody {
  readonly status?: string;
  readonly errorType?: string;
  readonly error?: string;
  readonly data?: { readonly resultType?: string; readonly result?: unknown };
}

/**
 * `GET <base>/api/v1/query?query=…&time=…` (the Prometheus HTTP API), through the SSRF guard
 * (redirects re-checked). A scalar, or a vector of exactly one series, is the value; an empty
 * vector is no data; several series are an error that says to aggregate; "NaN" is no data. Never
 * throws: refusals, network errors and timeouts are results.
 */
export async function queryPrometheus(baseUrl: string, expr: string, at: EpochMs, timeoutMs: number, guard: AddressGuard): Promise<PrometheusQueryResult> {
  const url = `${baseUrl}/api/v1/query?${new URLSearchParams({ query: expr, time: (at / 1000).toFixed(3) })}`;
  const reply = await guardedRequest({ method: 'GET', url, headers: { accept: 'application/json' } }, { guard, timeoutMs, maxBodyBytes: MAX_BODY_BYTES });
  if ('failure' in reply) {
    if (reply.failure === 'timeout') return { ok: false, message: `Prometheus did not answer within ${timeoutMs} ms (${baseUrl})` };
    return { ok: false, message: `cannot reach Prometheus: ${reply.reason}` };
  }
  const status = reply.status;
  let body: PromBody;
  try {
    body = JSON.parse(reply.body) as PromBody;
  } catch {
    return { ok: false, message: `Prometheus answered ${status} with a body that is not JSON: ${reply.body.slice(0, 120)}` };
  }
  if (body.status === 'error') return { ok: false, message: `Prometheus refused the query (${status} ${body.errorType ?? 'error'}): ${body.error ?? 'no reason given'}` };
  if (body.status !== 'success' || body.data === undefined) return { ok: false, message: `Prometheus answered ${status} without "status":"success"` };
  const { resultType, result } = body.data;
  if (resultType === 'scalar') return readPair(result);
  if (resultType === 'vector' && Array.isArray(result)) {
    const series = result as PromSample[];
    if (series.length === 0) return { ok: true, value: undefined };
    if (series.length > 1) {
      return { ok: false, message: `the query returned ${series.length} series; aggregate it to one (sum(…), max(…)) so a rule has one number` };
    }
    return readPair(series[0]?.value);
  }
  return { ok: false, message: `the query returned a ${resultType ?? 'result of unknown type'}; write an instant query that returns a scalar or one series (not a range vector)` };
}

function readPair(pair: unknown): PrometheusQueryResult {
  if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[1] !== 'string') return { ok: false, message: 'Prometheus answered a sample that is not [time, "value"]' };
  const value = Number(pair[1]);
  // Prometheus writes NaN as "NaN" (0/0 with no traffic): no data, not a number to compare.
  if (Number.isNaN(value) && pair[1] !== 'NaN') return { ok: false, message: `Prometheus answered a value that is not a number: ${pair[1]}` };
  return { ok: true, value: Number.isNaN(value) ? undefined : value };
}
