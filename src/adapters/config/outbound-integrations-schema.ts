import { z } from 'zod';
import type { IntegrationsConfig } from '../../app/config/index.js';
import { expectedError } from './config-error-map.js';
import { cidrSchema } from './detection-schema.js';
import { statusPageSwitchesSchema } from './integration-switches.js';

// `integrations.statuspage` (the product description's switches plus the statuspage.io page they
// drive) and `integrations.grafana`: outbound integrations carried by the integration relay
// (docs/integrations.md). Secrets are named by environment variable only.

type StatuspageIntegrationConfig = NonNullable<IntegrationsConfig['statuspage']>;
type GrafanaIntegrationConfig = NonNullable<IntegrationsConfig['grafana']>;

export const DEFAULT_STATUSPAGE_API_URL = 'https://api.statuspage.io';
const ENV_NAME_PATTERN = /^[A-Z_][A-Z0-9_]*$/;
const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

function envName(example: string, description: string) {
  return z
    .string({ error: expectedError(`the name of an environment variable such as ${example}`) })
    .regex(ENV_NAME_PATTERN, `give the name of an environment variable (capital letters, digits and "_", e.g. ${example}), not the secret itself`)
    .meta({ description, examples: [example] });
}

function httpUrl(example: string, description: string) {
  return z
    .string({ error: expectedError(`a URL such as ${example}`) })
    .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), `expected an http(s) URL such as ${example}`)
    .transform((u) => u.replace(/\/+$/, ''))
    .meta({ description });
}

const allowPrivate = (what: string) => z.array(cidrSchema, { error: expectedError('a list of addresses or CIDR ranges such as [10.0.0.0/8]') }).optional()
  .meta({ description: `Loopback, private and link-local addresses ${what} may be redirected to (refused otherwise). The configured URL's origin needs no entry.` });

const statuspageIdSchema = (what: string) => z.string({ error: expectedError(`a statuspage.io ${what} id such as kctbh9vrtdwd`) }).trim().regex(/^[a-z0-9]{6,32}$/, `a statuspage.io ${what} id is lowercase letters and digits, e.g. kctbh9vrtdwd (Statuspage: API info / component settings)`);

export const statuspageIntegrationSchema = statusPageSwitchesSchema
  .extend({
    page_id: statuspageIdSchema('page').meta({ description: 'The statuspage.io page our public incidents are mirrored to (Statuspage → API info). With it, publishing, status updates and resolution are carried to that page.' }).optional(),
    api_key_env: envName('STATUSPAGE_API_KEY', 'Environment variable holding a Statuspage API key (sent as "Authorization: OAuth <key>").').optional(),
    api_url: httpUrl(DEFAULT_STATUSPAGE_API_URL, `The Statuspage REST API (for proxies and tests). Default: ${DEFAULT_STATUSPAGE_API_URL}.`).optional(),
    components: z.record(z.string().regex(ID_PATTERN, 'a component id of status_page.components'), statuspageIdSchema('component'), { error: expectedError('a map such as { api: 8kbf7d35c070 }') })
      .meta({ description: 'Our status_page component id → the statuspage.io component id; mapped components take the incident\'s impact (operational again on resolution).' }).optional(),
    allow_private_addresses: allowPrivate('Statuspage requests'),
  })
  .meta({ description: 'The product description\'s status page switches, and the statuspage.io page (page_id, api_key_env) our public incidents are mirrored to.' })
  .transform((s, ctx): { switches: z.output<typeof statusPageSwitchesSchema>; config: StatuspageIntegrationConfig | undefined } => {
    const switches = {
      ...(s.auto_updates === undefined ? {} : { auto_updates: s.auto_updates }),
      ...(s.component_mapping === undefined ? {} : { component_mapping: s.component_mapping }),
    };
    const pageKeys = (['api_key_env', 'api_url', 'components', 'allow_private_addresses'] as const).filter((k) => s[k] !== undefined);
    if (s.page_id === undefined) {
      if (pageKeys.length > 0) ctx.addIssue({ code: 'custom', message: `${pageKeys.join(', ')} configure${pageKeys.length === 1 ? 's' : ''} the statuspage.io page, which needs page_id`, path: ['page_id'], input: s });
      return { switches, config: undefined };
    }
    if (s.api_key_env === undefined) {
      ctx.addIssue({ code: 'custom', message: 'give the name of the environment variable holding the Statuspage API key, e.g. api_key_env: STATUSPAGE_API_KEY', path: ['api_key_env'], input: s });
      return { switches, config: undefined };
    }
    return {
      switches,
      config: {
        apiUrl: s.api_url ?? DEFAULT_STATUSPAGE_API_URL,
        pageId: s.page_id,
        apiKeyEnv: s.api_key_env,
        components: s.components ?? {},
        ...(s.allow_private_addresses === undefined ? {} : { allowPrivateAddresses: s.allow_private_addresses }),
      },
    };
  });

const serviceTelemetrySchema = z.strictObject({
  dashboard_uid: z.string({ error: expectedError('a dashboard uid such as checkout-overview') }).trim().min(1).meta({ description: 'The service\'s dashboard (the uid in its URL /d/<uid>/…).' }).optional(),
  panel_id: z.int({ error: expectedError('a panel id (a whole number)') }).min(1).meta({ description: 'A panel of that dashboard annotations are drawn on and links open.' }).optional(),
  trace_service: z.string({ error: expectedError('a service name') }).trim().min(1).meta({ description: 'The service\'s name in Jaeger / Tempo (service.name). Default: the service id.' }).optional(),
}).meta({ id: 'ServiceTelemetry' });

export const grafanaIntegrationSchema = z
  .strictObject({
    url: httpUrl('https://grafana.example.com', 'Your Grafana.'),
    token_env: envName('GRAFANA_TOKEN', 'Environment variable holding a service account token (role Editor, or annotations:write and annotations:read). Without it only links are made.').optional(),
    annotations: z.boolean({ error: expectedError('true or false') }).meta({ description: 'Annotate dashboards at declaration, mitigation and resolution. Default: true when token_env is set.' }).optional(),
    dashboard_uid: z.string({ error: expectedError('a dashboard uid') }).trim().min(1).meta({ description: 'Dashboard annotated for incidents whose service has none; without it those annotations are organisation-wide.' }).optional(),
    panel_id: z.int({ error: expectedError('a panel id (a whole number)') }).min(1).optional(),
    services: z.record(z.string().regex(ID_PATTERN, 'a service id'), serviceTelemetrySchema).meta({ description: 'Per service: its dashboard and panel, and its name in the tracing backend.' }).optional(),
    jaeger_url: httpUrl('https://jaeger.example.com', 'The Jaeger UI: each service gets a trace search link over the incident window.').optional(),
    tempo_datasource_uid: z.string({ error: expectedError('a data source uid') }).trim().min(1).meta({ description: 'A Tempo data source of this Grafana: each service gets a TraceQL search link in Explore over the incident window.' }).optional(),
    allow_private_addresses: allowPrivate('Grafana requests'),
  })
  .meta({ description: 'Grafana: annotations on declaration, mitigation and resolution (HTTP API), and dashboard, Jaeger and Tempo links per service.' })
  .transform((g, ctx): GrafanaIntegrationConfig => {
    if (g.annotations === true && g.token_env === undefined) ctx.addIssue({ code: 'custom', message: 'annotations need a service account token: add token_env', path: ['token_env'], input: g });
    const services: Record<string, NonNullable<GrafanaIntegrationConfig['services'][string]>> = {};
    for (const [id, s] of Object.entries(g.services ?? {})) {
      services[id] = {
        ...(s.dashboard_uid === undefined ? {} : { dashboardUid: s.dashboard_uid }),
        ...(s.panel_id === undefined ? {} : { panelId: s.panel_id }),
        ...(s.trace_service === undefined ? {} : { traceService: s.trace_service }),
      };
    }
    return {
      url: g.url,
      ...(g.token_env === undefined ? {} : { tokenEnv: g.token_env }),
      annotations: g.annotations ?? g.token_env !== undefined,
      ...(g.dashboard_uid === undefined ? {} : { dashboardUid: g.dashboard_uid }),
      ...(g.panel_id === undefined ? {} : { panelId: g.panel_id }),
      services,
      ...(g.jaeger_url === undefined ? {} : { jaegerUrl: g.jaeger_url }),
      ...(g.tempo_datasource_uid === undefined ? {} : { tempoDatasourceUid: g.tempo_datasource_uid }),
      ...(g.allow_private_addresses === undefined ? {} : { allowPrivateAddresses: g.allow_private_addresses }),
    };
  });
