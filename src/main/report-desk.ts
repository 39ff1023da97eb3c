// Wires the report and RCA use cases to their renderers for the CLI, acting as one principal.
import type { ReportDesk } from '../adapters/cli/index.js';
import type { ServerDeps } from '../adapters/http/index.js';
import { parseRcaFormat, parseReportFormat, renderMonthlyReport, renderRcaDocument } from '../adapters/report-render/index.js';
import type { Principal } from '../domain/access/index.js';
import type { App } from './create-app.js';

export function openReportDesk(app: App, principal: Principal): ReportDesk {
  const zone = app.config.displayTimeZone;
  const reports = app.reports;
  const rca = app.rca;
  return {
    async monthly(month, format) {
      const chosen = parseReportFormat(format);
      return renderMonthlyReport(await reports.monthly(month, principal), chosen);
    },
    async rca(id, format, options) {
      const chosen = parseRcaFormat(format);
      return renderRcaDocument(await rca.document(id, principal, options), chosen, zone);
    },
    async rcaPdf(id, options) {
      const html = renderRcaDocument(await rca.document(id, principal, options), 'html', zone);
      const { printHtmlToPdf } = await import('../adapters/pdf/index.js');
      return printHtmlToPdf(html, app.env['IR_CHROMIUM_PATH'] ? { executablePath: app.env['IR_CHROMIUM_PATH'] } : {});
    },
    editRca: async (id, edit) => ({ changed: (await rca.edit(id, edit, principal)).changed }),
    rcaForm: (id) => rca.form(id, principal),
    applyRcaForm: async (id, text) => ({ changed: (await rca.applyForm(id, text, principal)).changed }),
  };
}

const CONTENT_TYPE: Record<string, string> = {
  markdown: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8', json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8', terminal: 'text/plain; charset=utf-8', pdf: 'application/pdf',
};

/** The same documents for the HTTP API (`GET /incidents/{id}/rca`, `PATCH …/rca`, `…/rca/form`, `GET /reports/monthly`). */
export function reportEndpoints(app: App, principal: Principal): NonNullable<ServerDeps['reportsFor']> extends (p: Principal) => infer R ? R : never {
  const desk = openReportDesk(app, principal);
  return {
    async rca(id, format, options) {
      if (format === 'pdf') return { contentType: CONTENT_TYPE['pdf']!, body: await desk.rcaPdf(id, options) };
      return { contentType: CONTENT_TYPE[format]!, body: await desk.rca(id, format, options) };
    },
    editRca: (id, edit) => desk.editRca(id, edit),
    rcaForm: (id) => desk.rcaForm(id),
    applyRcaForm: (id, text) => desk.applyRcaForm(id, text),
    async monthly(month, format) {
      return { contentType: CONTENT_TYPE[format]!, body: await desk.monthly(month, format) };
    },
  };
}
