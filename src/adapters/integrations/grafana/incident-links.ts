/** Where a service's telemetry is looked at: its Grafana dashboard (and panel) and its traces. */
export interface ServiceTelemetry {
  readonly grafana?: { readonly url: string; readonly dashboardUid: string; readonly panelId?: number };
  /** The Jaeger UI (https://jaeger.example.com) and the service's name there. */
  readonly jaeger?: { readonly url: string; readonly service: string };
  /** Tempo through Grafana Explore: the Grafana URL, the Tempo data source's uid and the service.name. */
  readonly tempo?: { readonly grafanaUrl: string; readonly datasourceUid: string; readonly service: string };
}

export interface TelemetryLink {
  readonly label: string;
  readonly href: string;
}

/**
 * Links for an incident window (epoch ms; an open incident ends now) on one service: the dashboard
 * (or one panel, viewPanel) over the window, a Jaeger search (its UI takes start/end in
 * microseconds) and a Tempo TraceQL search in Grafana Explore over the same window.
 */
export function buildTelemetryLinks(service: string, telemetry: ServiceTelemetry, window: { readonly fromMs: number; readonly toMs: number }): TelemetryLink[] {
  const links: TelemetryLink[] = [];
  const { fromMs, toMs } = window;
  if (telemetry.grafana) {
    const g = telemetry.grafana;
    const q = new URLSearchParams({ from: String(fromMs), to: String(toMs) });
    if (g.panelId !== undefined) q.set('viewPanel', String(g.panelId));
    links.push({ label: `${service} dashboard${g.panelId !== undefined ? ` (panel ${g.panelId})` : ''}`, href: `${g.url}/d/${encodeURIComponent(g.dashboardUid)}?${q.toString()}` });
  }
  if (telemetry.jaeger) {
    const j = telemetry.jaeger;
    const q = new URLSearchParams({ service: j.service, start: String(fromMs * 1000), end: String(toMs * 1000), limit: '20', lookback: 'custom' });
    links.push({ label: `${service} traces (Jaeger)`, href: `${j.url}/search?${q.toString()}` });
  }
  if (telemetry.tempo) {
    const t = telemetry.tempo;
    const left = {
      datasource: t.datasourceUid,
      queries: [{ refId: 'A', datasource: { type: 'tempo', uid: t.datasourceUid }, queryType: 'traceql', query: `{resource.service.name="${t.service.replace(/["\\]/g, '')}"}`, limit: 20 }],
      range: { from: String(fromMs), to: String(toMs) },
    };
    links.push({ label: `${service} traces (Tempo)`, href: `${t.grafanaUrl}/explore?orgId=1&left=${encodeURIComponent(JSON.stringify(left))}` });
  }
  return links;
}
