import { buildTelemetryLinks, type TelemetryLink } from '../adapters/integrations/grafana/index.js';
import type { IntegrationsConfig } from '../app/config/index.js';

/** Dashboard and trace links for a service over an incident window, from integrations.grafana. */
export function serviceTelemetryLinks(config: IntegrationsConfig['grafana'], service: string | undefined, window: { fromMs: number; toMs: number }): TelemetryLink[] {
  if (config === undefined || service === undefined) return [];
  const s = config.services[service];
  const traced = s?.traceService ?? service;
  const dashboardUid = s?.dashboardUid;
  return buildTelemetryLinks(service, {
    ...(dashboardUid === undefined ? {} : { grafana: { url: config.url, dashboardUid, ...(s?.panelId === undefined ? {} : { panelId: s.panelId }) } }),
    ...(config.jaegerUrl === undefined ? {} : { jaeger: { url: config.jaegerUrl, service: traced } }),
    ...(config.tempoDatasourceUid === undefined ? {} : { tempo: { grafanaUrl: config.url, datasourceUid: config.tempoDatasourceUid, service: traced } }),
  }, window);
}
