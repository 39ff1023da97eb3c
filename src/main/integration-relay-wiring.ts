import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { GrafanaAnnotations } from '../adapters/integrations/grafana/index.js';
import { planStatuspageIncident, StatuspageClient } from '../adapters/integrations/statuspage/index.js';
import { AddressGuard } from '../adapters/outbound-net/index.js';
import { createTicketCloser } from '../adapters/tickets/index.js';
import type { IntegrationsConfig } from '../app/config/index.js';
import { IntegrationRelay, type AnnotationSink, type PublicIncidentSink, type SyncOutcome } from '../app/integrations/index.js';
import { SEVERITY_LABEL } from '../domain/classification/index.js';
import { IntegrationLoop, type IntegrationLoopLog } from '../engine/integrations/index.js';
import type { App } from './create-app.js';

/** How often `serve` relays incident changes to Statuspage, Grafana and ITSM closure. */
export const INTEGRATION_RELAY_EVERY_MS = 10_000;

type Env = Readonly<Record<string, string | undefined>>;

const unset = (variable: string, what: string): SyncOutcome => ({ kind: 'failed', reason: `the environment variable ${variable} holding ${what} is not set` });

/** Our public incidents mirrored to a statuspage.io page. */
export function statuspageSink(config: NonNullable<IntegrationsConfig['statuspage']>, env: Env): PublicIncidentSink {
  const apiKey = env[config.apiKeyEnv];
  const client = apiKey === undefined || apiKey === ''
    ? undefined
    : new StatuspageClient({ apiUrl: config.apiUrl, pageId: config.pageId, apiKey }, new AddressGuard(config.allowPrivateAddresses ?? [], 'integrations.statuspage.allow_private_addresses', [config.apiUrl]));
  return {
    name: 'statuspage',
    publish: async (incident) => {
      if (client === undefined) return unset(config.apiKeyEnv, 'the Statuspage API key');
      const plan = planStatuspageIncident(incident, config.components);
      const out = await client.sync(plan);
      const unmapped = plan.unmapped.length > 0 ? `; components without a statuspage.io id (integrations.statuspage.components): ${plan.unmapped.join(', ')}` : '';
      switch (out.kind) {
        case 'created':
        case 'updated':
          return { kind: 'done', detail: `${out.detail}${unmapped}` };
        case 'unchanged':
          return { kind: 'unchanged' };
        default:
          return out;
      }
    },
  };
}

/** Declaration, mitigation and resolution as Grafana annotations on the service's dashboard. */
export function grafanaAnnotationSink(config: NonNullable<IntegrationsConfig['grafana']>, env: Env): AnnotationSink | undefined {
  if (!config.annotations || config.tokenEnv === undefined) return undefined;
  const variable = config.tokenEnv;
  const token = env[variable];
  const client = token === undefined || token === ''
    ? undefined
    : new GrafanaAnnotations({ url: config.url, token }, new AddressGuard(config.allowPrivateAddresses ?? [], 'integrations.grafana.allow_private_addresses', [config.url]));
  return {
    name: 'grafana-annotation',
    annotate: async (m) => {
      if (client === undefined) return unset(variable, 'the Grafana service account token');
      const service = m.service === undefined ? undefined : config.services[m.service];
      const dashboardUid = service?.dashboardUid ?? config.dashboardUid;
      const panelId = service?.dashboardUid !== undefined ? service.panelId : config.panelId;
      const out = await client.annotate({
        incidentId: m.incidentId, moment: m.moment, at: m.at, text: m.text,
        ...(dashboardUid === undefined ? {} : { dashboardUid }),
        ...(panelId === undefined ? {} : { panelId }),
        tags: [SEVERITY_LABEL[m.severity].label, ...(m.service === undefined ? [] : [`service:${m.service}`])],
      });
      switch (out.kind) {
        case 'added':
          return { kind: 'done', detail: `Grafana annotation ${out.annotationId} (${m.moment})${dashboardUid === undefined ? '' : ` on dashboard ${dashboardUid}`}` };
        case 'unchanged':
          return { kind: 'unchanged' };
        default:
          return out;
      }
    },
  };
}

/** The relay over the app's store with the targets configured, or undefined when none is. */
export function createIntegrationRelay(app: Pick<App, 'config' | 'env' | 'store' | 'incidents'>): IntegrationRelay | undefined {
  const integrations = app.config.integrations;
  const statusPage = integrations?.statuspage ? statuspageSink(integrations.statuspage, app.env) : undefined;
  const annotations = integrations?.grafana ? grafanaAnnotationSink(integrations.grafana, app.env) : undefined;
  const tickets = createTicketCloser(app.config.tickets, app.env);
  const relay = new IntegrationRelay({
    store: app.store, incidents: app.incidents,
    ...(statusPage ? { statusPage } : {}), ...(annotations ? { annotations } : {}), ...(tickets.systems.length > 0 ? { tickets } : {}),
  });
  return relay.hasTargets ? relay : undefined;
}

/** `serve`'s relay loop, or undefined when no outbound integration is configured. */
export function createIntegrationLoop(app: App, log: IntegrationLoopLog): IntegrationLoop | undefined {
  const relay = createIntegrationRelay(app);
  return relay === undefined ? undefined : new IntegrationLoop(relay, app.clock, INTEGRATION_RELAY_EVERY_MS, log, { store: app.store, holder: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}` });
}
