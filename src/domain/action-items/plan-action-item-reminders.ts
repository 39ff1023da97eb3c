import { DateTime } from 'luxon';
import type { EpochMs } from '../time/index.js';
import type { ActionItem } from './fold-action-items.js';

export function isActionItemOpen(item: ActionItem): boolean {
  return item.status === 'open' || item.status === 'in-progress';
}

/**
 * Whole days an open item is past its due day in `zone`: 0 on the due day itself and before, 1 from
 * the midnight after it, and so on. Undefined for items without a due day or no longer open.
 */
export function daysOverdue(item: ActionItem, now: EpochMs, zone: string): number | undefined {
  if (item.dueOn === undefined || !isActionItemOpen(item)) return undefined;
  const due = DateTime.fromISO(item.dueOn, { zone });
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const days = Math.round(today.diff(due.startOf('day'), 'days').days);
  return days > 0 ? days : 0;
}

export function isActionItemOverdue(item: ActionItem, now: EpochMs, zone: string): boolean {
  return (daysOverdue(item, now, zone) ?? 0) > 0;
}

/** A reminder the paging engine delivers once: the key is the same all day, and new the next day. */
export interface ActionItemReminder {
  readonly idempotencyKey: string;
  readonly ref: string;
  readonly incidentId: string;
  /** Who to remind; undefined when the item has no owner (deliver to the incident's commander). */
  readonly owner: string | undefined;
  readonly daysOverdue: number;
  readonly message: string;
}

/**
 * The reminders due at `now`: one per open, overdue item per day overdue (the key names the item
 * and the day count, so planning again the same day yields the same keys). Pure; delivering is
 * the paging engine's job.
 */
export function planActionItemReminders(items: readonly ActionItem[], now: EpochMs, zone = 'UTC'): ActionItemReminder[] {
  const reminders: ActionItemReminder[] = [];
  for (const item of items) {
    const days = daysOverdue(item, now, zone);
    if (days === undefined || days === 0) continue;
    reminders.push({
      idempotencyKey: `action-item-overdue:${item.ref}:${item.dueOn}:day-${days}`,
      ref: item.ref,
      incidentId: item.incidentId,
      owner: item.owner,
      daysOverdue: days,
      message: `Action item ${item.ref} "${item.title}" was due ${item.dueOn} and is ${days} day${days === 1 ? '' : 's'} overdue. Mark it done with "incident-response actions done ${item.ref}".`,
    });
  }
  return reminders.sort((a, b) => b.daysOverdue - a.daysOverdue || a.ref.localeCompare(b.ref));
}
