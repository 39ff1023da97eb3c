import type { TicketSystem } from '../incident/index.js';

/**
 * Ticket states that count as finished, per system, unless configured otherwise: Jira's status
 * category `done`; ServiceNow's incident states 6 Resolved, 7 Closed, 8 Canceled and problem states
 * 106 Resolved, 107 Closed; Remedy's and Cherwell's statuses Resolved, Closed, Cancelled; for a
 * webhook ITSM the words done, resolved, closed, cancelled.
 */
export const DEFAULT_DONE_STATUSES: Record<TicketSystem, readonly string[]> = {
  jira: ['done'],
  servicenow: ['6', '7', '8', '106', '107'],
  remedy: ['resolved', 'closed', 'cancelled'],
  cherwell: ['resolved', 'closed', 'cancelled'],
  webhook: ['done', 'resolved', 'closed', 'cancelled', 'canceled'],
};

/** `status`: what the system reported (Jira: the status category key, ServiceNow: the state value). */
export function isTicketStatusDone(system: TicketSystem, status: string, doneStatuses: readonly string[] = DEFAULT_DONE_STATUSES[system]): boolean {
  const s = status.trim().toLowerCase();
  return doneStatuses.some((d) => d.toLowerCase() === s);
}
