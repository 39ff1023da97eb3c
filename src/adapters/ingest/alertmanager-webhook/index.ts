// Prometheus Alertmanager's webhook receiver payload (version 4; Grafana's variant too) → AlertSignals.
export { alertmanagerWebhookSource } from './alertmanager-webhook-source.js';
export { parseAlertmanagerWebhook, ALERTMANAGER_WEBHOOK } from './alertmanager-webhook-parser.js';
export { alertmanagerWebhookSchema } from './alertmanager-webhook-schema.js';
export type { AlertmanagerWebhookPayload } from './alertmanager-webhook-schema.js';
