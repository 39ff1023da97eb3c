import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { RESTRICTED_TYPES, canSeeIncidentType, type Principal } from '../../domain/access/index.js';
import { INCIDENT_TYPES, SEVERITIES, type IncidentType, type Severity } from '../../domain/classification/index.js';

export interface HttpMetrics {
  readonly registry: Registry;
  readonly contentType: string;
  /**
   * The scrape. Open incidents of restricted types (security) are never in the public series; a
   * scrape by a principal who may see them (security team, admins) also gets them apart, labelled
   * `confidential="true"`.
   */
  render(principal: Principal | undefined): Promise<string>;
  observe(route: string, method: string, status: number, seconds: number): void;
}

/** Counts open incidents per severity, of the given types only. */
export type CountActiveIncidents = (types: readonly IncidentType[]) => Promise<Record<Severity, number>>;

/** prom-client default metrics that are gauges with a counter's `_total` suffix; not exposed. */
const GAUGES_NAMED_LIKE_COUNTERS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'] as const;

const RESTRICTED = INCIDENT_TYPES.filter((t) => RESTRICTED_TYPES[t] !== undefined);
const PUBLIC = INCIDENT_TYPES.filter((t) => RESTRICTED_TYPES[t] === undefined);

/**
 * The server's Prometheus metrics, in a registry of its own (several servers in one process must
 * not share counters): requests by route pattern (never the raw URL), latency, open incidents by
 * severity (counted on scrape; counts only, never titles; security incidents only for those who may
 * see them), and the process defaults, event-loop lag among them.
 */
/** What the paging engine's health reads on scrape: overdue timers and outbox rows by status. */
export interface PagingGauges {
  overdueTimers(): Promise<number>;
  messagesByStatus(): Promise<Record<string, number>>;
}

export function createHttpMetrics(countActiveIncidents: CountActiveIncidents, paging?: PagingGauges): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // prom-client names these gauges `_total`, a suffix Prometheus keeps for counters (promtool check
  // metrics fails them); each equals the sum of its by-type gauge (`sum(nodejs_active_handles)`).
  for (const name of GAUGES_NAMED_LIKE_COUNTERS) registry.removeSingleMetric(name);
  const requests = new Counter({
    name: 'ir_http_requests_total',
    help: 'HTTP requests by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'ir_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern and method',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  if (paging !== undefined) {
    new Gauge({
      name: 'ir_paging_timers_overdue',
      help: 'Escalation and reminder timers due longer ago than paging.engine.overdue_after and not fired (alert when above 0)',
      registers: [registry],
      async collect() {
        this.set(await paging.overdueTimers());
      },
    });
    new Gauge({
      name: 'ir_paging_messages',
      help: 'Outbound messages by delivery status (pending, delivered, failed, cancelled, bundled)',
      labelNames: ['status'] as const,
      registers: [registry],
      async collect() {
        for (const [status, count] of Object.entries(await paging.messagesByStatus())) this.set({ status }, count);
      },
    });
  }
  return {
    registry,
    contentType: registry.contentType,
    async render(principal) {
      // Built per scrape, so two scrapes at once (one allowed to see security incidents) never share a value.
      const incidents = new Registry();
      const open = new Gauge({
        name: 'ir_incidents_open',
        help: 'Incidents not yet resolved, by severity; security incidents only under the confidential label, in scrapes by the security team or admins',
        labelNames: ['severity', 'confidential'] as const,
        registers: [incidents],
      });
      const counts = await countActiveIncidents(PUBLIC);
      for (const severity of SEVERITIES) open.set({ severity }, counts[severity]);
      const visible = principal === undefined ? [] : RESTRICTED.filter((t) => canSeeIncidentType(principal, t));
      if (visible.length > 0) {
        const confidential = await countActiveIncidents(visible);
        for (const severity of SEVERITIES) open.set({ severity, confidential: 'true' }, confidential[severity]);
      }
      return Registry.merge([registry, incidents]).metrics();
    },
    observe(route, method, status, seconds) {
      requests.inc({ route, method, status: String(status) });
      latency.observe({ route, method }, seconds);
    },
  };
}
