// Reports over the incident log: the monthly incident report, with visibility applied.
export { ReportService } from './report-service.js';
