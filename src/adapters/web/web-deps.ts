import type { MetricHints } from '../../domain/health/index.js';
import type { SystemHealthReading } from '../../app/detection/index.js';
import type { FeedEvent, IncidentApi } from '../../app/incidents/index.js';
import type { OnCallChangesClient } from '../../app/oncall-overrides/index.js';
import type { Clock } from '../../app/ports/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import type { SessionRevocations } from './web-session.js';
import type { Principal } from '../../domain/access/index.js';
import type { ErrorCode } from '../../domain/errors/index.js';
import type { CommunicationMatrix } from '../../domain/comms/index.js';
import type { Person, Schedule } from '../../domain/oncall/index.js';
import type { RcaEdit } from '../../domain/rca/index.js';

/** What the responder web app needs, wired by src/main. Every incident read and command goes through `apiFor`. */
export interface WebDeps {
  /** The incident API acting as the signed-in principal: roles and security-team visibility are enforced there. */
  readonly apiFor: (principal: Principal) => IncidentApi;
  /** A pasted API token: the principal and the token's stored hash, or undefined when it is not valid. */
  readonly signIn: (token: string) => Promise<{ principal: Principal; tokenHash: string } | undefined>;
  /** The principal of a live (not revoked) token, by its stored hash. */
  readonly principalForTokenHash: (tokenHash: string) => Promise<Principal | undefined>;
  /**
   * Recent anomalies and remediation actions: events of these kinds among the latest `window` of the
   * log, oldest first, of incidents the principal may see (the API's visibility rule, applied in the app layer).
   */
  readonly recentActivity: (principal: Principal, kinds: ReadonlySet<string>, window: number) => Promise<FeedEvent[]>;
  readonly clock: Clock;
  /** Dashboard and trace links for a service over an incident window (integrations.grafana); absent when not configured. */
  readonly telemetryLinks?: (service: string | undefined, window: { readonly fromMs: number; readonly toMs: number }) => readonly { readonly label: string; readonly href: string }[];
  readonly displayTimeZone: string;
  readonly matrix: CommunicationMatrix;
  readonly people: readonly Person[];
  readonly schedules: readonly Schedule[];
  /**
   * On-call changes at runtime, when the app offers them: the directory with stored overrides merged
   * into the schedules (what paging uses), and "take a shift" / "send me a test page" as a principal.
   */
  readonly onCall?: {
    readonly directoryAt: (from: EpochMs) => Promise<{ readonly people: readonly Person[]; readonly schedules: readonly Schedule[] }>;
    readonly changesFor: (principal: Principal) => OnCallChangesClient;
    /** Pages one person about an incident by their own notification rules, as the principal ("page this person"). */
    readonly pagePerson?: (principal: Principal, incidentId: string, personId: string) => Promise<{ readonly detail: string }>;
  } | undefined;
  /** The configured services (the declare form's picker); empty when any service name is accepted. */
  readonly services: readonly { readonly id: string; readonly name: string }[];
  /** Latest metric readings as the principal may see them, when live detection is configured; undefined when it is not. */
  readonly health: ((principal: Principal) => SystemHealthReading | undefined) | undefined;
  /** How the health panel shows each configured metric: label, unit, group (detection.metrics, health checks). */
  readonly metricHints?: Readonly<Record<string, MetricHints>>;
  /** The monthly report as a self-contained HTML document (inline SVG charts), seen as the principal. */
  readonly monthlyReportHtml: (principal: Principal, month: string | undefined) => Promise<string>;
  /** The incident's root-cause analysis as a self-contained HTML document, and its edits, as the principal. */
  readonly rcaHtml: (principal: Principal, id: string) => Promise<string>;
  readonly editRca: (principal: Principal, id: string, edit: RcaEdit) => Promise<{ changed: boolean }>;
  /** The HTTP status of each error code (the API's own table, so pages and API agree). */
  readonly httpStatus: Readonly<Record<ErrorCode, number>>;
  /** Signs session cookies; from IR_SESSION_SECRET (32+ characters) or random per process. */
  readonly sessionSecret: string | undefined;
  /** Sign-outs kept in the store, so they hold on every instance and after a restart. */
  readonly sessionRevocations?: SessionRevocations | undefined;
  /** The button to sign in with an identity provider (OpenID Connect), when one is configured. */
  readonly singleSignOn?: { readonly label: string; readonly href: string } | undefined;
}
