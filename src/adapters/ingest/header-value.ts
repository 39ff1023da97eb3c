import type { IngestContext } from './ingest-source.js';

/** The first value of a (lower-cased) header, undefined when absent or empty. */
export function headerValue(headers: IngestContext['headers'], name: string): string | undefined {
  const v = headers[name];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' && one !== '' ? one : undefined;
}
