import type { CalendarSubject, OnCallRow } from '../../app/paging/index.js';
import type { OnCallOverrides } from '../../app/oncall-overrides/index.js';
import type { ContactTests } from '../../app/contact-tests/index.js';
import type { ConfigChangeSummary } from '../../app/config/index.js';
import type { OutboxRecord } from '../../app/ports/index.js';
import type { AuditTrailResult } from '../../app/audit/index.js';
import type { PagingGauges } from './http-metrics.js';
import type { EpochMs } from '../../domain/time/index.js';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { IncidentApi } from '../../app/incidents/index.js';
import type { Clock, IncidentStore } from '../../app/ports/index.js';
import type { TokenService } from '../../app/tokens/index.js';
import type { Principal } from '../../domain/access/index.js';
import type { ErrorCode } from '../../domain/errors/index.js';
import type { IncidentType, Severity } from '../../domain/classification/index.js';
import type { RcaEdit } from '../../domain/rca/index.js';
import type { FollowUpClient } from '../../app/follow-up/index.js';
import type { IntegrationService, SilenceService } from '../../app/alerts/index.js';
import type { AlertFilter, StoredAlert } from '../../app/ports/index.js';
import type { RawEndpoint } from './raw-endpoint.js';
import type { ListenForAppends } from './event-hub.js';
import type { SharedAuthFailures } from './failed-auth-limiter.js';
import type { DetectionEndpoints } from '../../app/detection/index.js';
import type { SignedFormEndpoint } from './signed-form-route.js';
import type { PublicPages } from './public-page-route.js';
import type { StatusPageAdmin } from '../../app/status-page/index.js';
import type { Soc2Report } from '../../app/compliance/index.js';
import type { ComplianceReminder, FlagInput, NotifyInput } from '../../domain/compliance/index.js';
import type { CommandOutcome } from '../../app/incidents/index.js';
import type { DashboardView } from '../../app/dashboard/index.js';

/** A document rendered for a client: Markdown, HTML, JSON, CSV, text or PDF bytes. */
export interface RenderedDocument {
  readonly contentType: string;
  readonly body: string | Uint8Array;
}

/** Not ready: the store's failure code (STORE_UNAVAILABLE, STORE_BUSY, STORE_CORRUPT) and, for the log, why. */
export type Readiness = { readonly ready: true } | { readonly ready: false; readonly code: ErrorCode; readonly reason: string };

/** Knobs with production defaults; tests shorten the timers. */
export interface ServerTuning {
  readonly bodyLimitBytes: number;
  /** How often the shared poller looks for new events (also how two servers on one database see each other). */
  readonly pollMs: number;
  /** A comment line on idle streams, so proxies keep them open. */
  readonly heartbeatMs: number;
  /** Failed authentications allowed per client address and window, before 429. */
  readonly failedAuthMax: number;
  readonly failedAuthWindowMs: number;
  /** Event streams one token may hold open at once; one more answers 429. */
  readonly maxStreamsPerToken: number;
  /**
   * Which proxies to believe about the client (`server.trust_proxy`): false, true, a number of
   * hops, or proxy addresses and CIDRs, as Fastify's trustProxy. `request.ip` (which keys the
   * failed-authentication limiter and any rate limit) and `request.protocol` follow it.
   */
  readonly trustProxy: boolean | number | readonly string[];
  /** How often open event streams' tokens are read again, so a revocation elsewhere ends them within a second. */
  readonly tokenCheckMs: number;
}

export const DEFAULT_TUNING: ServerTuning = {
  bodyLimitBytes: 256 * 1024,
  pollMs: 200,
  heartbeatMs: 15_000,
  failedAuthMax: 20,
  failedAuthWindowMs: 60_000,
  maxStreamsPerToken: 10,
  trustProxy: false,
  tokenCheckMs: 500,
};

/** Reviews, action items and tickets as API clients see them (the CLI's follow-up desk is the same object). */
export type FollowUpEndpoints = FollowUpClient;

/** Compliance acting as one principal (the CLI's compliance desk is the same use case). */
export interface ComplianceEndpoints {
  flag(id: string, input: FlagInput): Promise<CommandOutcome>;
  notify(id: string, input: NotifyInput): Promise<CommandOutcome>;
  soc2(since: EpochMs | undefined): Promise<Soc2Report>;
  /** Reminders due now, of the incidents the principal may see. */
  reminders(): Promise<ComplianceReminder[]>;
  /** The evidence bundle's files; building it is recorded on the admin audit trail. */
  evidenceBundle(id: string): Promise<{ files: { name: string; content: string }[]; auditOk: boolean }>;
}

/** What the server needs, wired by src/main. */
export interface ServerDeps {
  /** The incident API acting as one principal (roles and visibility enforced there). */
  readonly apiFor: (principal: Principal) => IncidentApi;
  readonly tokens: Pick<TokenService, 'create' | 'list' | 'revoke' | 'identify' | 'findDead' | 'onRevoked'>;
  /** Read for the live event stream. */
  readonly store: IncidentStore;
  readonly checkReady: () => Promise<Readiness>;
  /** New heads of the event log pushed by the store (PostgreSQL); streams poll only without it. */
  readonly listenForAppends?: ListenForAppends;
  /** Failed authentications counted in the store, shared by every instance; per process without it. */
  readonly sharedAuthFailures?: SharedAuthFailures['store'];
  /** Open incidents per severity, of the given types only (for /metrics). */
  readonly countActiveIncidents: (types: readonly IncidentType[]) => Promise<Record<Severity, number>>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly tuning?: Partial<ServerTuning>;
  /** Webhooks authenticated by a signature over the body instead of a token (Slack commands). */
  readonly signedForms?: readonly SignedFormEndpoint[];
  /** Alert ingest endpoints in each sender's own format (PagerDuty, Alertmanager, …). */
  readonly rawEndpoints?: readonly RawEndpoint[];
  /** Integration keys, silences and alerts over the API; their routes exist only when given. */
  readonly alerts?: {
    readonly integrations: Pick<IntegrationService, 'create' | 'list' | 'revoke'>;
    readonly silences: Pick<SilenceService, 'create' | 'list' | 'expire'>;
    /** Alerts the principal may see (those of hidden incidents left out). */
    listAlerts(filter: AlertFilter, principal: Principal): Promise<StoredAlert[]>;
  };
  /** Pushed metrics and remediation approval, when `detection:` is configured. */
  readonly detection?: DetectionEndpoints;
  /**
   * The number of customers affected as the detection engine last read it (`impact.customers_affected_metric`),
   * for `POST /incidents/{id}/impact` with `fromMetrics`; undefined when not configured or not read yet.
   */
  readonly customersAffectedReading?: () => { readonly metric: string; readonly value: number | undefined } | undefined;
  /** Publishing incidents and maintenance windows acting as one principal; the /maintenances and …/publication routes exist only when given. */
  readonly maintenanceFor?: (principal: Principal) => Pick<StatusPageAdmin, 'publish' | 'unpublish' | 'scheduleMaintenance' | 'listMaintenances' | 'cancelMaintenance'>;
  /** Paging engine gauges for /metrics (overdue timers, messages by status); absent = not exported. */
  readonly pagingGauges?: PagingGauges;
  /** The whole audit trail (chain and signed checkpoints) for `GET /audit/verify`; the chain only when absent. */
  readonly verifyAuditTrail?: () => Promise<AuditTrailResult>;
  /** On-call changes at runtime: overrides, contact-method tests and reloading the configuration; their routes exist only when given. */
  readonly oncallChanges?: {
    readonly overrides: Pick<OnCallOverrides, 'create' | 'list' | 'delete'>;
    readonly contactTests: Pick<ContactTests, 'sendTest'>;
    /** Reads the configuration file again (as SIGHUP does), audited as `actor`. */
    reloadConfig(actor: string): Promise<ConfigChangeSummary>;
    /** "Page this person" about an incident the principal may see. */
    pagePerson(principal: Principal, incidentId: string, personId: string): Promise<{ readonly detail: string }>;
  };
  /** On-call lookups and message delivery status; the /oncall and /incidents/{id}/messages routes exist only when given. */
  readonly paging?: {
    /** With the overrides stored at runtime. */
    onCallAt(at: EpochMs, scheduleId?: string): Promise<OnCallRow[]>;
    calendar(subject: CalendarSubject, from: EpochMs, days: number): Promise<string>;
    messages(incidentId: string): Promise<OutboxRecord[]>;
  };
  /** RCAs and monthly reports acting as one principal; their routes exist only when given. */
  readonly reportsFor?: (principal: Principal) => {
    rca(id: string, format: 'markdown' | 'html' | 'json' | 'pdf', options: { includeHidden: boolean }): Promise<RenderedDocument>;
    editRca(id: string, edit: RcaEdit): Promise<{ changed: boolean }>;
    /** The RCA as the Markdown form `rca --edit` opens, and reading it back (VALIDATION with line numbers). */
    rcaForm(id: string): Promise<string>;
    applyRcaForm(id: string, text: string): Promise<{ changed: boolean }>;
    monthly(month: string | undefined, format: 'json' | 'markdown' | 'html' | 'csv' | 'terminal'): Promise<RenderedDocument>;
  };
  /** Reviews, action items and tickets acting as one principal; their routes exist only when given. */
  readonly followUpFor?: (principal: Principal) => FollowUpEndpoints;
  /** The monitoring dashboard as the principal may see it (GET /dashboard). */
  readonly dashboardFor?: (principal: Principal) => Promise<DashboardView>;
  /** Compliance flags, notifications and the SOC 2 check acting as one principal; their routes exist only when given. */
  readonly complianceFor?: (principal: Principal) => ComplianceEndpoints;
  /** Public, unauthenticated documents (the status page), told of new events; none when it is not configured. */
  readonly publicPages?: PublicPages;
  /**
   * Pages for browsers (the responder web app), registered beside the API. Its session cookie also
   * authenticates GET requests that carry no Authorization header, so its pages can open the event stream.
   */
  readonly browserApp?: {
    register(app: FastifyInstance): void;
    principalFromCookie(cookieHeader: string | undefined): Promise<{ readonly principal: Principal; readonly tokenHash: string } | undefined>;
  };
  /** Called for every route registered (tests enumerate the routes with it). */
  readonly onRoute?: (route: { method: string; url: string }) => void;
}
