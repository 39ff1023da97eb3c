// Metric sources for the trigger rules: a Prometheus server's query API and built-in HTTP health
// checks (with an SSRF guard on the address connected to). Pushed samples live in app/detection.
export { queryPrometheus } from './prometheus-query.js';
export type { PrometheusQueryResult } from './prometheus-query.js';
export { PrometheusMetricSource } from './prometheus-metric-source.js';
export { HealthCheckSource } from './health-check-source.js';
// Re-exported for src/main, which checks signing-certificate URLs with it.
export { AddressGuard } from '../outbound-net/index.js';
