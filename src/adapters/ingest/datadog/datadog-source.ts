import { jsonAnswer, textAnswer } from '../http-answer.js';
import type { IngestSource } from '../ingest-source.js';
import { DATADOG, DATADOG_MAX_BODY_BYTES, parseDatadog } from './datadog-parser.js';

/** Datadog retries only on 5xx (5 times, 15 s timeout), so overload answers 503. */
export const datadogSource: IngestSource = {
  name: DATADOG,
  title: 'Datadog monitors (Webhooks integration)',
  routes: [{ method: 'POST', path: '/integrations/datadog' }, { method: 'POST', path: '/integrations/datadog/:key' }],
  contentTypes: ['application/json'],
  maxBodyBytes: DATADOG_MAX_BODY_BYTES,
  parse: parseDatadog,
  accepted: (o) => jsonAnswer(202, { status: 'accepted', signals: o.signals.length }),
  rejected: (r) => jsonAnswer(r.reason === 'too-large' ? 413 : r.reason === 'unauthenticated' ? 401 : 400, { status: 'error', errors: r.errors }),
  overloaded: () => textAnswer(503, 'overloaded, retry later'),
};
