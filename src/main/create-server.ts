import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { DetectionEndpoints } from '../app/detection/index.js';
import { buildServer, RevokedSessions, type ServerTuning } from '../adapters/http/index.js';
import { AddressGuard, guardedRequest } from '../adapters/outbound-net/index.js';
import type { App } from './create-app.js';
import { onCallAt, onCallCalendar } from '../app/paging/index.js';
import { LocalOnCallChanges } from '../app/oncall-overrides/index.js';
import { AlertReader } from '../app/alerts/index.js';
import { openAuditDesk } from './audit-desk.js';
import { epochMs } from '../domain/time/index.js';
import { heartbeatEndpoints } from './heartbeat-endpoints.js';
import { reportEndpoints } from './report-desk.js';
import { openFollowUpDesk } from './follow-up-desk.js';
import { openComplianceDesk } from './compliance-desk.js';
import { ingestEndpoints } from './ingest-endpoints.js';
import { cachedCertificates, fetchSnsSigningCertificate, type FetchSigningCertificate } from './signing-certificates.js';
import { slackCommandsEndpoint } from './slack-commands-endpoint.js';
import { webApp } from './web-wiring.js';
import { dashboardFor } from './dashboard-wiring.js';
import { registerSurveyRoutes } from './survey-wiring.js';
import { registerAckLinkRoutes } from './ack-link-wiring.js';
import { registerOidcSignIn } from './oidc-wiring.js';
import { registerStatusSubscriptions, statusPageAdmin, statusPagePages } from './status-page-wiring.js';

export interface ServerOptions {
  readonly logger: Logger;
  readonly version?: string;
  readonly tuning?: Partial<ServerTuning>;
  readonly onRoute?: (route: { method: string; url: string }) => void;
  /** Pushed metrics and remediation approval, when live detection runs (src/main/create-detection.ts). */
  readonly detection?: DetectionEndpoints;
  /** Fetches signing certificates (SNS); default: the real SNS hosts only. Cached here either way. */
  readonly fetchSigningCertificate?: FetchSigningCertificate;
}

/** The HTTP server on an opened app (not listening yet). Closing the server does not close the app. */
export function createServer(app: App, options: ServerOptions): FastifyInstance {
  const slackCommands = slackCommandsEndpoint({
    config: app.config.integrations?.slack,
    env: app.env,
    clock: app.clock,
    apiFor: (principal) => app.apiFor(principal),
    overridesFor: (principal) => new LocalOnCallChanges(app.overrides, app.contactTests, principal),
    logger: options.logger,
    claimSignedDelivery: (delivery, now) => app.store.claimSignedDelivery(delivery, now),
  });
  // Sign-outs are read back from the store every 500 ms (loaded before the server answers anyone).
  const revokedSessions = new RevokedSessions(app.store, () => app.clock.now());
  const browserApp = webApp(app, options.detection, revokedSessions);
  const server = buildServer({
    apiFor: (principal) => app.apiFor(principal),
    tokens: app.tokens,
    store: app.store,
    checkReady: () => app.store.checkReady(),
    // Pushed heads wake the streams at once (PostgreSQL); without them (SQLite, or turned off) they poll.
    ...(app.config.server?.eventPush === false ? {} : { listenForAppends: (listener: (headSeq: number | undefined) => void) => app.store.listenForAppends(listener) }),
    sharedAuthFailures: app.store,
    countActiveIncidents: (types) => app.store.countActiveIncidents(types),
    clock: app.clock,
    logger: options.logger,
    signedForms: slackCommands === undefined ? [] : [slackCommands],
    rawEndpoints: [...heartbeatEndpoints({
      heartbeats: app.config.heartbeats, store: app.store, tokens: app.tokens, integrations: app.alerts.integrations, clock: app.clock,
    }), ...ingestEndpoints({
      registry: app.alerts.registry,
      integrations: app.alerts.integrations,
      batcher: app.alerts.batcher,
      clock: app.clock,
      fetchSigningCertificate: cachedCertificates(options.fetchSigningCertificate ?? fetchSnsSigningCertificate),
      confirmSubscription: async (url) => {
        // Through the SSRF guard like every outbound request (the parser allowed https SNS hosts only).
        const reply = await guardedRequest({ method: 'GET', url }, { guard: new AddressGuard([], 'channels.allow_private_addresses'), timeoutMs: 10_000 });
        if ('failure' in reply) throw new Error(`The SNS subscription was not confirmed: ${reply.reason}.`);
        if (reply.status < 200 || reply.status >= 300) throw new Error(`The SNS SubscribeURL answered ${reply.status}; the subscription is not confirmed.`);
      },
    })],
    alerts: {
      integrations: app.alerts.integrations,
      silences: app.alerts.silences,
      listAlerts: (filter, principal) => new AlertReader(app.store).list(filter, principal),
    },
    publicPages: statusPagePages(app),
    maintenanceFor: (principal) => statusPageAdmin(app, principal),
    reportsFor: (principal) => reportEndpoints(app, principal),
    followUpFor: (principal) => openFollowUpDesk(app, principal),
    dashboardFor: dashboardFor(app, options.detection),
    customersAffectedReading: () => {
      const metric = app.config.impact?.customersAffectedMetric;
      if (metric === undefined || options.detection?.health === undefined) return undefined;
      const value = options.detection.health()?.samples[metric];
      return { metric, value: typeof value === 'number' ? value : undefined };
    },
    complianceFor: (principal) => openComplianceDesk(app, principal, process.cwd(), options.version ?? 'dev'),
    pagingGauges: {
      overdueTimers: () => {
        const now = app.clock.now();
        return app.store.countOverdueTimers(epochMs(now - app.config.paging.engine.overdueAfterMs), now);
      },
      messagesByStatus: () => app.store.countMessagesByStatus(),
    },
    verifyAuditTrail: () => openAuditDesk(app, process.cwd()).verify({}),
    oncallChanges: { overrides: app.overrides, contactTests: app.contactTests, reloadConfig: (actor) => app.reloadConfig(actor), pagePerson: (principal, incidentId, personId) => app.pagePerson(principal, incidentId, personId) },
    paging: {
      onCallAt: async (at, scheduleId) => onCallAt(await app.overrides.directoryAt(at), at, scheduleId),
      calendar: async (subject, from, days) => onCallCalendar(await app.overrides.directoryAt(from), subject, from, days),
      messages: (incidentId) => app.store.listMessages({ incidentId }),
    },
    browserApp,
    // `server.trust_proxy` from the configuration; tests may still override any knob.
    tuning: { ...(app.config.server !== undefined ? { trustProxy: app.config.server.trustProxy } : {}), ...options.tuning },
    ...(options.onRoute ? { onRoute: options.onRoute } : {}),
    ...(options.detection ? { detection: options.detection } : {}),
  }, options.version);
  registerAckLinkRoutes(server, app, options.logger, async (cookie) => (await browserApp.principalFromCookie(cookie))?.principal);
  registerSurveyRoutes(server, app);
  registerStatusSubscriptions(server, app, options.logger);
  registerOidcSignIn(server, app, browserApp, options.logger);
  server.addHook('onReady', () => revokedSessions.start());
  server.addHook('onClose', async () => revokedSessions.stop());
  return server;
}
