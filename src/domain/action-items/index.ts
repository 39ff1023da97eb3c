// Action items of incidents (owner, due day, priority, status, category), folded from their
// events; adding, updating, turning RCA corrective actions into items; overdue reminders; ticket states.
export { foldActionItems, actionItemRef } from './fold-action-items.js';
export type { ActionItem, TicketLink, FollowUpFold } from './fold-action-items.js';
export {
  decideAddActionItem, decideUpdateActionItem, planActionItemsFromRca, parseActionItemRef, parseActionItemCategory,
  parseActionItemPriority, parseActionItemStatus, checkDueOn, ACTION_ITEM_TITLE_MAX,
} from './decide-action-item.js';
export type { ActionItemInput, ActionItemPatch } from './decide-action-item.js';
export { planActionItemReminders, daysOverdue, isActionItemOverdue, isActionItemOpen } from './plan-action-item-reminders.js';
export type { ActionItemReminder } from './plan-action-item-reminders.js';
export { DEFAULT_DONE_STATUSES, isTicketStatusDone } from './ticket-status.js';
