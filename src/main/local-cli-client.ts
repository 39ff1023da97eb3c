// The CLI's client on the local store: every verb acting as one principal through the use cases the
// app built once. Its remote twin is openHttpCliClient (src/adapters/api-client).
import { resolve } from 'node:path';
import type { CliClient } from '../adapters/cli/index.js';
import { exportStatusPage } from '../adapters/status-page/index.js';
import type { Principal } from '../domain/access/index.js';
import { AppError } from '../domain/errors/index.js';
import { openComplianceDesk } from './compliance-desk.js';
import type { App } from './create-app.js';
import { openFollowUpDesk } from './follow-up-desk.js';
import { openReportDesk } from './report-desk.js';
import { statusPageAdmin, statusPageReader } from './status-page-wiring.js';

export function openLocalCliClient(app: App, principal: Principal, options: { cwd: string; productVersion: string }): CliClient {
  const page = statusPageAdmin(app, principal);
  return {
    incidents: app.apiFor(principal),
    reports: openReportDesk(app, principal),
    followUp: openFollowUpDesk(app, principal),
    compliance: openComplianceDesk(app, principal, options.cwd, options.productVersion),
    statusPage: {
      publish: (id, input) => page.publish(id, input),
      unpublish: (id) => page.unpublish(id),
      async exportTo(dir) {
        const reader = statusPageReader(app);
        if (reader === undefined) throw new AppError('VALIDATION', 'No status page is configured: add a status_page section to incident-response.yaml (see docs/status-page.md).');
        return exportStatusPage(resolve(options.cwd, dir), await reader.read(app.clock.now()));
      },
      maintenance: {
        schedule: (input) => page.scheduleMaintenance(input),
        list: () => page.listMaintenances(),
        async cancel(id) {
          const { record, changed } = await page.cancelMaintenance(id);
          return { window: record.window, changed };
        },
      },
    },
    alertAdmin: {
      createIntegration: (input) => app.alerts.integrations.create(input, principal),
      listIntegrations: () => app.alerts.integrations.list(principal),
      revokeIntegration: (idOrName) => app.alerts.integrations.revoke(idOrName, principal),
      createSilence: (input) => app.alerts.silences.create(input, principal),
      listSilences: () => app.alerts.silences.list(principal),
      expireSilence: (id) => app.alerts.silences.expire(id, principal),
    },
    tokens: {
      create: (input) => app.tokens.create(input, principal),
      list: () => app.tokens.list(principal),
      revoke: (idOrName) => app.tokens.revoke(idOrName, principal),
    },
    // The acting person's own zone when they set one (people.<id>.time_zone); --tz overrides either.
    displayTimeZone: app.config.people.find((p) => p.id === principal.name)?.timeZone ?? app.config.displayTimeZone,
    close: () => app.close(),
  };
}
