// Wires the report and RCA use cases to their renderers for the CLI, acting as one principal.
import type { ReportDesk } from '../adapters/cli/index.js';
import { parseRcaFormat, parseReportFormat, renderMonthlyReport, renderRcaDocument } from '../adapters/report-render/index.js';
import { RcaService } from '../app/rca/index.js';
import { ReportService } from '../app/reports/index.js';
import type { Principal } from '../domain/access/index.js';
import type { App } from './create-app.js';

export function openReportDesk(app: App, principal: Principal): ReportDesk {
  const zone = app.config.displayTimeZone;
  const reports = new ReportService(app.store, app.clock, zone);
  const rca = new RcaService(app.store, app.incidents, app.clock);
  return {
    async monthly(month, format) {
      const chosen = parseReportFormat(format);
      return renderMonthlyReport(await reports.monthly(month, principal), chosen);
    },
    async rca(id, format, options) {
      const chosen = parseRcaFormat(format);
      return renderRcaDocument(await rca.document(id, principal, options), chosen, zone);
    },
    editRca: async (id, edit) => ({ changed: (await rca.edit(id, edit, principal)).changed }),
    rcaForm: (id) => rca.form(id, principal),
    applyRcaForm: async (id, text) => ({ changed: (await rca.applyForm(id, text, principal)).changed }),
  };
}
