import { resolve } from 'node:path';
import { AutoTickets, RemediationRuns, RequestedActions, StepActions } from '../app/actions/index.js';
import { surveyLinker } from './survey-links.js';
import { ConfigHolder, DEFAULT_RESPONSE_CONFIG, type ConfigChangeSummary, type ResponseConfig } from '../app/config/index.js';
import { ContactTests } from '../app/contact-tests/index.js';
import { OnCallOverrides } from '../app/oncall-overrides/index.js';
import { createNotifier } from '../adapters/notify/index.js';
import { reloadingChannels } from './reloading-channels.js';
import { IncidentService, LocalIncidentApi, type IncidentApi } from '../app/incidents/index.js';
import { IncidentReadCache } from '../app/incidents/incident-read-cache.js';
import type { Principal } from '../domain/access/index.js';
import type { Clock } from '../app/ports/index.js';
import { TokenService } from '../app/tokens/index.js';
import { PagingService, pagePerson } from '../app/paging/index.js';
import { AlertIngest, IntegrationService, SignalBatcher, SilenceService } from '../app/alerts/index.js';
import { createIngestRegistry, type IngestRegistry } from '../adapters/ingest/index.js';
// Only the file's lookup at start: the configuration schemas load when a file is actually read.
import { findConfigPath } from '../adapters/config/find-config.js';
import { openStore, sha256Hex, type Store } from '../adapters/storage/index.js';
import { createTicketGateway, createTicketLinker } from '../adapters/tickets/index.js';
import { ComplianceService } from '../app/compliance/index.js';
import { FollowUpService } from '../app/follow-up/index.js';
import { RcaService } from '../app/rca/index.js';
import { ReportService } from '../app/reports/index.js';
import { DEFAULT_COMPLIANCE_SETTINGS } from '../domain/compliance/index.js';
import { genericWebhookFinder } from './generic-webhooks.js';
import { HEARTBEAT_SOURCE } from './heartbeat-endpoints.js';
import { nodeSecretSource } from './node-secret-source.js';
import { serviceTelemetryLinks } from './telemetry-links.js';

export interface AppOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly dbPath?: string;
  readonly configPath?: string;
  readonly clock: Clock;
  /** `serve` opens the store to wait briefly on a locked SQLite file; commands wait longer. */
  readonly opener?: 'command' | 'server';
}

/** The running product for one process: validated config, an open store, the use cases. */
export interface App {
  /** The configuration as it is now: `serve` swaps it on SIGHUP and `POST /config/reload`. */
  readonly config: ResponseConfig;
  readonly configPath: string | undefined;
  /** Which database the store is on (where the audit signing key is kept beside it). */
  readonly database: { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'postgres'; readonly url: string };
  readonly store: Store;
  readonly incidents: IncidentService;
  /** Workflow step actions: run when a step is ticked or its phase starts (the paging engine sweeps phase starts). */
  readonly workflowActions: StepActions;
  /** Jira issues opened for incidents of the configured severities (tickets.jira.auto_create), retried by the paging engine's minute loop. */
  readonly autoTickets: AutoTickets;
  /** Paging decisions (escalations, reminders, stakeholder messages) taken inside incident writes. */
  readonly paging: PagingService;
  readonly tokens: TokenService;
  /** Alert ingest: the sources, their integration keys, silences, and the group-commit batcher. */
  readonly alerts: {
    readonly registry: IngestRegistry;
    readonly ingest: AlertIngest;
    readonly batcher: SignalBatcher;
    readonly integrations: IntegrationService;
    readonly silences: SilenceService;
  };
  readonly clock: Clock;
  /** The process environment the app was opened with (integrations read their secrets' variables here). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reviews, action items and tickets (CLI, API, web app and the paging engine's reminders share it). */
  readonly followUp: FollowUpService;
  readonly rca: RcaService;
  readonly reports: ReportService;
  /** Compliance flags, notifications, reminders and the SOC 2 check. */
  readonly compliance: ComplianceService;
  /** On-call overrides made at runtime (CLI, API, Slack, web app). */
  readonly overrides: OnCallOverrides;
  /** Test messages to people's contact methods, and which methods are untested or failing. */
  readonly contactTests: ContactTests;
  /**
   * Reads the configuration file again and swaps it in when it is valid (CONFIG_INVALID naming the
   * line otherwise, and nothing changes); audited as `config.reload` with what changed.
   */
  reloadConfig(actor: string): Promise<ConfigChangeSummary>;
  /** "Page this person": pages someone from `people:` about an incident the principal may see, by their own rules. */
  pagePerson(principal: Principal, incidentId: string, personId: string): Promise<{ readonly detail: string }>;
  /** The client API acting as one principal, with its role and visibility enforced. */
  apiFor(principal: Principal): IncidentApi;
  close(): Promise<void>;
}

/**
 * The configuration file's settings over the defaults, or the defaults when there is no file. The
 * schemas (zod, built at load) are imported only when a file is read: a command run without one
 * does not pay for them.
 */
export async function resolveConfig(options: Pick<AppOptions, 'cwd' | 'env' | 'configPath'>): Promise<{ config: ResponseConfig; path: string | undefined }> {
  const path = options.configPath ?? findConfigPath(options.cwd, options.env as NodeJS.ProcessEnv);
  if (path === undefined) return { config: DEFAULT_RESPONSE_CONFIG, path };
  const { loadConfigFile } = await import('../adapters/config/index.js');
  return { config: loadConfigFile(resolve(options.cwd, path)), path };
}

/** The composition root: the one place that knows which concrete adapters run. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config, path } = await resolveConfig(options);
  // An empty DATABASE_URL is unset (SQLite); any other text must be a PostgreSQL URL (openStore).
  const databaseUrl = options.env['DATABASE_URL']?.trim() || undefined;
  const sqlitePath = resolve(options.cwd, options.dbPath ?? options.env['IR_DB'] ?? 'incident-response.db');
  const store = await openStore({ sqlitePath, ...(databaseUrl ? { databaseUrl } : {}), ...(options.opener ? { opener: options.opener } : {}) });
  // Incidents and paging read the configuration through the holder's live view, so a reload applies to their next decision.
  const holder = new ConfigHolder(config);
  const paging = new PagingService(holder.live, () => `msg_${nodeSecretSource.randomBase64Url(12)}`, surveyLinker(() => holder.current, options.env));
  const incidents = new IncidentService(store, options.clock, holder.live, paging);
  // Whole incidents as JSON, kept between changes (GET /incidents/{id}); a reload starts afresh.
  const incidentReads = new IncidentReadCache(incidents, options.clock, () => holder.current);
  // Without detection: there is nothing to remediate with and no log source (both live under `detection:`).
  const workflowActions = new StepActions({
    incidents, store, evidence: undefined,
    requests: new RequestedActions({ incidents, store, paging, statusPage: config.statusPage, clock: options.clock }),
    remediation: new RemediationRuns(incidents, store, { run: async () => ({ ok: false, reason: 'no remediation runner without detection:' }) }, {}),
  });
  incidents.follow(workflowActions);
  const followUp = new FollowUpService(store, incidents, options.clock, config, createTicketGateway(config.tickets, options.env, () => options.clock.now()));
  const autoTickets = new AutoTickets({
    followUp, linker: createTicketLinker(config.tickets, options.env), incidents, store,
    severities: config.tickets?.jira?.autoCreateFor ?? [], appUrl: config.paging.appUrl,
  });
  if (autoTickets.isOn) incidents.follow(autoTickets);
  const registry = createIngestRegistry({ findGenericWebhook: genericWebhookFinder(config.integrations?.webhooks ?? [], options.env) });
  const ingest = new AlertIngest(store, incidents, config.alerts, () => `alr_${nodeSecretSource.randomBase64Url(12)}`);
  const batcher = new SignalBatcher((requests, now) => ingest.ingestSignals(requests, now), () => options.clock.now());
  const channels = reloadingChannels(() => holder.current, (c) => createNotifier(c, { env: options.env, clock: options.clock }));
  return {
    get config() {
      return holder.current;
    },
    configPath: path,
    overrides: new OnCallOverrides(store, options.clock, () => holder.current, () => `ovr_${nodeSecretSource.randomBase64Url(9)}`),
    contactTests: new ContactTests(store, options.clock, () => holder.current.people, () => channels.notifier, () => `ctt_${nodeSecretSource.randomBase64Url(9)}`),
    pagePerson: (principal, incidentId, personId) => pagePerson({
      store, paging, clock: options.clock, newId: () => nodeSecretSource.randomBase64Url(9),
      recordIn: (tx, id, actor, now, decide) => incidents.recordIn(tx, id, actor, now, decide),
      assertVisible: async (p, id) => { await new LocalIncidentApi(incidents, store, p, sha256Hex).get(id); },
    }, principal, incidentId, personId),
    reloadConfig: async (actor) => (await import('./config-reload.js')).reloadConfigFile({ holder, path: path === undefined ? undefined : resolve(options.cwd, path), audit: store, clock: options.clock, actor }),
    database: databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'sqlite', path: sqlitePath },
    store,
    incidents,
    workflowActions,
    paging,
    tokens: new TokenService(store, options.clock, nodeSecretSource, store),
    alerts: {
      registry,
      ingest,
      batcher,
      integrations: new IntegrationService(store, options.clock, nodeSecretSource, [...registry.sources.map((s) => s.name), ...(config.heartbeats.length > 0 ? [HEARTBEAT_SOURCE] : [])]),
      silences: new SilenceService(store, options.clock, nodeSecretSource, config.alerts.silences),
    },
    clock: options.clock,
    env: options.env,
    followUp,
    autoTickets,
    rca: new RcaService(store, incidents, options.clock, (service, window) => serviceTelemetryLinks(config.integrations?.grafana, service, window)),
    reports: new ReportService(store, options.clock, config.displayTimeZone, config.impact),
    compliance: new ComplianceService(store, incidents, options.clock, config.compliance ?? DEFAULT_COMPLIANCE_SETTINGS),
    apiFor: (principal) => new LocalIncidentApi(incidents, store, principal, sha256Hex, incidentReads),
    close: async () => {
      await batcher.drain();
      await store.close();
    },
  };
}
