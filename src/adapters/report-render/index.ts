// Reports and RCAs as people and tools read them: terminal tree, Markdown, HTML (inline SVG charts), JSON, CSV.
export { renderMonthlyReport, renderRcaDocument, parseReportFormat, parseRcaFormat, REPORT_FORMATS, RCA_FORMATS } from './render-report.js';
export type { ReportFormat, RcaFormat } from './render-report.js';
export { renderEvidenceBundle } from './render-evidence-bundle.js';
export type { EvidenceInput, EvidenceChainRecord } from './render-evidence-bundle.js';
