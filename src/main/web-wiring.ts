// Wires the responder web app to the app: the incident API per principal, token sign-in, reports,
// on-call configuration and the detection engine's readings.
import { HTTP_STATUS } from '../adapters/http/index.js';
import { parseReportFormat, renderMonthlyReport } from '../adapters/report-render/index.js';
import { sha256Hex } from '../adapters/storage/index.js';
import { createWebApp, type SessionRevocations, type WebApp } from '../adapters/web/index.js';
import type { DetectionEndpoints } from '../app/detection/index.js';
import { LocalOnCallChanges } from '../app/oncall-overrides/index.js';
import { IncidentVisibility, readRecentActivity, visibleReading } from '../app/visibility/index.js';
import type { App } from './create-app.js';
import { reportEndpoints } from './report-desk.js';
import { serviceTelemetryLinks } from './telemetry-links.js';
import { metricHintsOf } from '../app/dashboard/index.js';
import { oidcSignInButton } from './oidc-wiring.js';

export function webApp(app: App, detection: DetectionEndpoints | undefined, sessionRevocations?: SessionRevocations): WebApp {
  const reports = app.reports;
  const health = detection?.health;
  return createWebApp({
    apiFor: (principal) => app.apiFor(principal),
    async signIn(token) {
      const principal = await app.tokens.authenticate(token);
      if (principal === undefined) return undefined;
      // An explicit sign-in to the web app is always on the admin audit trail. Failed attempts are
      // not: anyone could fill an append-only table with them (they are rate-limited instead).
      await app.store.recordAdminAudit({ at: app.clock.now(), actor: principal.name, action: 'web.sign-in', subject: principal.name, detail: { role: principal.role } });
      return { principal, tokenHash: sha256Hex(token) };
    },
    // Through the token service: its cache spares a read per page, and honours a revocation within a second.
    principalForTokenHash: (tokenHash) => app.tokens.principalForHash(tokenHash),
    recentActivity: (principal, kinds, window) => readRecentActivity(app.store, new IncidentVisibility(app.store, principal), kinds, window),
    clock: app.clock,
    metricHints: metricHintsOf(app.config.detection),
    telemetryLinks: (service, window) => serviceTelemetryLinks(app.config.integrations?.grafana, service, window),
    displayTimeZone: app.config.displayTimeZone,
    matrix: app.config.paging.matrix,
    people: app.config.people,
    schedules: app.config.schedules,
    onCall: {
      directoryAt: (from) => app.overrides.directoryAt(from),
      changesFor: (principal) => new LocalOnCallChanges(app.overrides, app.contactTests, principal),
      pagePerson: (principal, incidentId, personId) => app.pagePerson(principal, incidentId, personId),
    },
    services: Object.entries(app.config.services).map(([id, service]) => ({ id, name: service.name })),
    health: health === undefined ? undefined : (principal) => visibleReading(health.call(detection), new IncidentVisibility(app.store, principal)),
    monthlyReportHtml: async (principal, month) => renderMonthlyReport(await reports.monthly(month, principal), parseReportFormat('html')),
    rcaHtml: async (principal, id) => {
      const { body } = await reportEndpoints(app, principal).rca(id, 'html', { includeHidden: false });
      return typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
    },
    editRca: (principal, id, edit) => reportEndpoints(app, principal).editRca(id, edit),
    httpStatus: HTTP_STATUS,
    sessionSecret: app.env['IR_SESSION_SECRET'],
    sessionRevocations,
    singleSignOn: oidcSignInButton(app),
  });
}
