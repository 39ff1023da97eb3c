import { jsonAnswer, retryAfter } from '../http-answer.js';
import type { IngestSource } from '../ingest-source.js';
import { parseSplunk, SPLUNK, SPLUNK_MAX_BODY_BYTES } from './splunk-parser.js';

/**
 * Splunk's webhook alert action cannot set headers, so the integration key travels in the URL; it
 * does not retry a failed POST, so overload still answers 503 (the delivery shows as failed in
 * Splunk's internal log) rather than pretending to accept.
 */
export const splunkSource: IngestSource = {
  name: SPLUNK,
  title: 'Splunk alerts (webhook alert action)',
  routes: [{ method: 'POST', path: '/integrations/splunk' }, { method: 'POST', path: '/integrations/splunk/:key' }],
  contentTypes: ['application/json'],
  maxBodyBytes: SPLUNK_MAX_BODY_BYTES,
  parse: parseSplunk,
  accepted: (o) => jsonAnswer(202, { status: 'accepted', signals: o.signals.length }),
  rejected: (r) => jsonAnswer(r.reason === 'too-large' ? 413 : r.reason === 'unauthenticated' ? 401 : 400, { status: 'error', errors: r.errors }),
  overloaded: (seconds) => jsonAnswer(503, { status: 'error', errors: [{ path: '', message: 'overloaded, retry later' }] }, retryAfter(seconds)),
};
