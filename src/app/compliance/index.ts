// Compliance use cases: flag incidents and record notifications, plan reminders, the SOC 2 completeness check, evidence.
export { ComplianceService } from './compliance-service.js';
export type { Soc2Finding, Soc2IncidentReport, Soc2Report } from './compliance-service.js';
