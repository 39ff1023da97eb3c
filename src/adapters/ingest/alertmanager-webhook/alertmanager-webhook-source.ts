import { jsonAnswer, textAnswer } from '../http-answer.js';
import type { IngestSource } from '../ingest-source.js';
import { ALERTMANAGER_MAX_BODY_BYTES, ALERTMANAGER_WEBHOOK, parseAlertmanagerWebhook } from './alertmanager-webhook-parser.js';

/**
 * Alertmanager treats any 2xx as delivered, retries 5xx (and 429 since 0.25) with backoff and drops
 * 4xx after logging the body. So: 200 empty, 400 with the reasons, 503 when we are overloaded.
 */
export const alertmanagerWebhookSource: IngestSource = {
  name: ALERTMANAGER_WEBHOOK,
  title: 'Prometheus Alertmanager / Grafana Alerting (webhook_config)',
  routes: [{ method: 'POST', path: '/api/v1/alertmanager' }, { method: 'POST', path: '/api/v1/alertmanager/:key' }],
  contentTypes: ['application/json'],
  maxBodyBytes: ALERTMANAGER_MAX_BODY_BYTES,
  parse: parseAlertmanagerWebhook,
  accepted: () => textAnswer(200),
  rejected: (r) => jsonAnswer(r.reason === 'too-large' ? 413 : r.reason === 'unauthenticated' ? 401 : 400, { status: 'error', errors: r.errors }),
  overloaded: () => textAnswer(503, 'overloaded, retry later'),
};
