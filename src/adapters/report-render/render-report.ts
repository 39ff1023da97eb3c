import { AppError, assertNever } from '../../domain/errors/index.js';
import type { RcaDocument } from '../../domain/rca/index.js';
import type { MonthlyReport } from '../../domain/reporting/index.js';
import { toMonthlyReportJson } from './monthly-report-json.js';
import { toRcaJson } from './rca-json.js';
import { renderMonthlyCsv } from './render-monthly-csv.js';
import { renderMonthlyHtml } from './render-monthly-html.js';
import { renderMonthlyMarkdown } from './render-monthly-markdown.js';
import { renderMonthlyTerminal } from './render-monthly-terminal.js';
import { renderRcaHtml } from './render-rca-html.js';
import { renderRcaMarkdown } from './render-rca-markdown.js';

export const REPORT_FORMATS = ['terminal', 'markdown', 'html', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const RCA_FORMATS = ['markdown', 'html', 'json'] as const;
export type RcaFormat = (typeof RCA_FORMATS)[number];

function pick<T extends string>(name: string, formats: readonly T[], value: string): T {
  const found = formats.find((f) => f === value.trim().toLowerCase());
  if (found === undefined) throw new AppError('VALIDATION', `${name} format must be one of ${formats.join(', ')}, not '${value}'`, { issues: [{ path: 'format', message: 'unknown format' }] });
  return found;
}

export const parseReportFormat = (value: string): ReportFormat => pick('report', REPORT_FORMATS, value);
export const parseRcaFormat = (value: string): RcaFormat => pick('RCA', RCA_FORMATS, value);

export function renderMonthlyReport(report: MonthlyReport, format: ReportFormat): string {
  switch (format) {
    case 'terminal': return renderMonthlyTerminal(report) + '\n';
    case 'markdown': return renderMonthlyMarkdown(report);
    case 'html': return renderMonthlyHtml(report);
    case 'json': return JSON.stringify(toMonthlyReportJson(report), null, 2) + '\n';
    case 'csv': return renderMonthlyCsv(report);
    default: return assertNever(format);
  }
}

export function renderRcaDocument(doc: RcaDocument, format: RcaFormat, zone: string): string {
  switch (format) {
    case 'markdown': return renderRcaMarkdown(doc, zone);
    case 'html': return renderRcaHtml(doc, zone);
    case 'json': return JSON.stringify(toRcaJson(doc), null, 2) + '\n';
    default: return assertNever(format);
  }
}
