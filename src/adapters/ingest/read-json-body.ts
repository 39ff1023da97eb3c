import type { z } from 'zod';
import type { IngestRejected } from './ingest-source.js';
import { zodIssues } from './zod-issues.js';

export type BodyResult<T> = { readonly ok: true; readonly value: T } | IngestRejected;

/**
 * Size check (in UTF-8 bytes, as the sender's limit is stated), JSON parse, then the schema.
 * Unknown fields are kept out of the result but never refused: senders add fields over time.
 */
export function readJsonBody<T>(rawBody: string, schema: z.ZodType<T>, maxBodyBytes: number): BodyResult<T> {
  const size = Buffer.byteLength(rawBody, 'utf8');
  if (size > maxBodyBytes) {
    return { ok: false, reason: 'too-large', errors: [{ path: '', message: `body is ${size} bytes; the limit is ${maxBodyBytes} bytes` }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch (e) {
    return { ok: false, reason: 'invalid', errors: [{ path: '', message: `body is not JSON: ${(e as Error).message}` }] };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'invalid', errors: zodIssues(parsed.error) };
  return { ok: true, value: parsed.data };
}
