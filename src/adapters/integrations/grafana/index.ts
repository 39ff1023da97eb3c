// Grafana: annotations on declaration, mitigation and resolution through its HTTP API, and the
// dashboard, Jaeger and Tempo links for a service over an incident's window.
export { GrafanaAnnotations, ANNOTATED_MOMENTS } from './grafana-annotations.js';
export type { AnnotatedMoment, AnnotationOutcome, AnnotationRequest, GrafanaSettings } from './grafana-annotations.js';
export { buildTelemetryLinks } from './incident-links.js';
export type { ServiceTelemetry, TelemetryLink } from './incident-links.js';
