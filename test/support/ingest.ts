// Shared by the ingest parser tests: fixtures of real payloads and a parse context at a fixed time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IngestAccepted, IngestContext, IngestOutcome, IngestRejected } from '../../src/adapters/ingest/ingest-source.js';
import { epochMs } from '../../src/domain/time/index.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/ingest');

/** A payload from test/fixtures/ingest, as text. */
export const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

export const NOW = epochMs(Date.parse('2026-11-28T18:00:00Z'));

let ids = 0;
export function ctx(over: Partial<IngestContext> = {}): IngestContext {
  return { receivedAt: NOW, headers: {}, params: {}, query: {}, newId: () => `id-${++ids}`, ...over };
}

export function accepted(o: IngestOutcome): IngestAccepted {
  if (!o.ok) assert.fail(`expected ok, got ${JSON.stringify(o.errors)}`);
  return o;
}

export function rejected(o: IngestOutcome): IngestRejected {
  if (o.ok) assert.fail('expected a rejection');
  return o;
}
