import { jsonAnswer, textAnswer } from '../http-answer.js';
import type { IngestSource } from '../ingest-source.js';
import { ALERTMANAGER_API, ALERTMANAGER_API_MAX_BODY_BYTES, parseAlertmanagerApi } from './alertmanager-api-parser.js';

/** Alertmanager answers 200 with an empty body, and 400 with the error as a JSON string. */
export const alertmanagerApiSource: IngestSource = {
  name: ALERTMANAGER_API,
  title: 'Prometheus / Alertmanager API v2 clients (POST /api/v2/alerts)',
  routes: [{ method: 'POST', path: '/api/v2/alerts' }],
  contentTypes: ['application/json'],
  maxBodyBytes: ALERTMANAGER_API_MAX_BODY_BYTES,
  parse: parseAlertmanagerApi,
  accepted: () => textAnswer(200),
  rejected: (r) => jsonAnswer(r.reason === 'too-large' ? 413 : r.reason === 'unauthenticated' ? 401 : 400, r.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ')),
  overloaded: () => textAnswer(503, 'overloaded, retry later'),
};
