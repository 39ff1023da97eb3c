// Paging and stakeholder communication decided inside write transactions (the engine drives the timers and the outbox).
export { PagingService, REMINDER_FALLBACKS, messageIncident } from './paging-service.js';
export type { DueReminder, IncidentEffects, ReminderFallback, ReminderSource, RequestOutcome } from './paging-service.js';
export { bundleKey, escalationTimerId, PUSHOVER_RECEIPT_SCOPE, updateReminderTimerId } from './paging-keys.js';
export { findSchedule, onCallAt, onCallCalendar } from './on-call-desk.js';
export type { CalendarSubject, OnCallDirectoryView, OnCallRow } from './on-call-desk.js';
export { ADDRESS_IS_CREDENTIAL } from './contact-directory.js';
export { pagePerson } from './page-person.js';
export type { PagePersonDeps } from './page-person.js';
