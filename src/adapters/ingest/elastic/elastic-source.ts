import { jsonAnswer, retryAfter } from '../http-answer.js';
import type { IngestSource } from '../ingest-source.js';
import { ELASTIC, ELASTIC_MAX_BODY_BYTES, parseElastic } from './elastic-parser.js';

/** Kibana's webhook connector marks a 5xx or 429 answer retryable and tries the action again later, so overload answers 503. */
export const elasticSource: IngestSource = {
  name: ELASTIC,
  title: 'Elastic / Kibana alerting (webhook connector)',
  routes: [{ method: 'POST', path: '/integrations/elastic' }, { method: 'POST', path: '/integrations/elastic/:key' }],
  contentTypes: ['application/json'],
  maxBodyBytes: ELASTIC_MAX_BODY_BYTES,
  parse: parseElastic,
  accepted: (o) => jsonAnswer(202, { status: 'accepted', signals: o.signals.length }),
  rejected: (r) => jsonAnswer(r.reason === 'too-large' ? 413 : r.reason === 'unauthenticated' ? 401 : 400, { status: 'error', errors: r.errors }),
  overloaded: (seconds) => jsonAnswer(503, { status: 'error', errors: [{ path: '', message: 'overloaded, retry later' }] }, retryAfter(seconds)),
};
