// Compliance clocks: regimes an incident can be flagged with (GDPR, HIPAA, PCI DSS, SOX), their
// notification obligations and deadlines, the checklist, and the reminder planner.
export {
  COMPLIANCE_REGIMES, COMPLIANCE_REGIME_LABEL, COMPLIANCE_REGIME_DATA, COMPLIANCE_OBLIGATIONS, NOTIFICATION_PHASES,
  parseComplianceRegime, parseNotificationPhase, parseObligation,
} from './compliance-regimes.js';
export type { ComplianceRegime, ComplianceObligationKey, NotificationPhase } from './compliance-regimes.js';
export { DEFAULT_COMPLIANCE_SETTINGS } from './compliance-settings.js';
export type { ComplianceContact, ComplianceSettings } from './compliance-settings.js';
export {
  EMPTY_COMPLIANCE_RECORD, applyComplianceFlagged, applyComplianceNotified, decideComplianceFlag, decideComplianceNotification, obligationContacts,
} from './compliance-record.js';
export type {
  ComplianceFlag, ComplianceNotification, ComplianceRecord, ComplianceFlaggedData, ComplianceNotifiedData, FlagInput, NotifyInput,
} from './compliance-record.js';
export { OBLIGATION_STATUSES, computeComplianceChecklist, wasOnTime } from './compliance-checklist.js';
export type { ComplianceObligation, ObligationStatus } from './compliance-checklist.js';
export { planComplianceReminders } from './plan-compliance-reminders.js';
export type { ComplianceReminder, ComplianceSubject } from './plan-compliance-reminders.js';
