import { jsonAnswer, textAnswer } from '../http-answer.js';
import type { IngestSource } from '../ingest-source.js';
import { NEWRELIC, NEWRELIC_MAX_BODY_BYTES, parseNewRelic } from './newrelic-parser.js';

/** New Relic marks a notification failed on non-2xx and retries server errors; overload answers 503. */
export const newRelicSource: IngestSource = {
  name: NEWRELIC,
  title: 'New Relic alerts (workflow webhook destination)',
  routes: [{ method: 'POST', path: '/integrations/newrelic' }, { method: 'POST', path: '/integrations/newrelic/:key' }],
  contentTypes: ['application/json'],
  maxBodyBytes: NEWRELIC_MAX_BODY_BYTES,
  parse: parseNewRelic,
  accepted: (o) => jsonAnswer(202, { status: 'accepted', signals: o.signals.length }),
  rejected: (r) => jsonAnswer(r.reason === 'too-large' ? 413 : r.reason === 'unauthenticated' ? 401 : 400, { status: 'error', errors: r.errors }),
  overloaded: () => textAnswer(503, 'overloaded, retry later'),
};
