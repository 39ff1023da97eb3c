import { DateTime } from 'luxon';
import { AppError } from '../errors/index.js';
import {
  ACTION_ITEM_PRIORITIES, ACTION_ITEM_STATUSES, INCIDENT_ID_SOURCE, RCA_ACTION_CATEGORIES,
  type ActionItemPriority, type ActionItemStatus, type IncidentEventData, type RcaActionCategory, type RcaCorrectiveAction,
} from '../incident/index.js';
import { unknownValueMessage } from '../errors/index.js';
import type { ActionItem } from './fold-action-items.js';

export const ACTION_ITEM_TITLE_MAX = 500;
const REF_RE = new RegExp(`^(${INCIDENT_ID_SOURCE})-(A\\d{1,6})$`);

/** "INC-2026-1128-003-A2" → its incident and item id (any case). */
export function parseActionItemRef(text: string): { incidentId: string; itemId: string } {
  const m = REF_RE.exec(text.trim().toUpperCase());
  if (!m) {
    throw new AppError('VALIDATION', `'${text}' is not an action item; expected INC-YYYY-MMDD-NNN-A<n> or SEC-YYYY-MMDD-NNN-A<n>, e.g. INC-2026-1128-001-A1 (see "incident-response actions")`, {
      issues: [{ path: 'action', message: 'expected INC-YYYY-MMDD-NNN-A<n>' }],
    });
  }
  return { incidentId: m[1]!, itemId: m[2]! };
}

export interface ActionItemInput {
  readonly title: string;
  readonly category: RcaActionCategory;
  readonly priority?: ActionItemPriority;
  readonly owner?: string;
  readonly dueOn?: string;
}

export interface ActionItemPatch {
  readonly title?: string;
  readonly category?: RcaActionCategory;
  readonly priority?: ActionItemPriority;
  readonly owner?: string;
  readonly dueOn?: string;
  readonly status?: ActionItemStatus;
  readonly note?: string;
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION', `${path}: ${message}`, { issues: [{ path, message }] });
}

function checkTitle(title: string): string {
  const t = title.trim();
  if (t === '') throw invalid('title', 'must not be empty');
  if (t.length > ACTION_ITEM_TITLE_MAX) throw invalid('title', `is ${t.length} characters long; the limit is ${ACTION_ITEM_TITLE_MAX}`);
  return t;
}

function checkOwner(owner: string): string {
  const o = owner.trim().replace(/^@/, '');
  if (!/^[\w.@+-]{1,100}$/.test(o)) throw invalid('owner', `'${owner}' must be 1-100 letters, digits, '.', '_', '-', '+' or '@'`);
  return o;
}

export function checkDueOn(day: string): string {
  const d = day.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || !DateTime.fromISO(d, { zone: 'utc' }).isValid) throw invalid('due', `'${day}' must be a day like 2026-12-05`);
  return d;
}

export function parseActionItemCategory(text: string): RcaActionCategory {
  const t = text.trim().toLowerCase().replace(/[\s_]+/g, '-');
  const found = RCA_ACTION_CATEGORIES.find((c) => c === t);
  if (found === undefined) throw new AppError('VALIDATION', `category: ${unknownValueMessage('category', text, RCA_ACTION_CATEGORIES)}`, { issues: [{ path: 'category', message: 'unknown category' }] });
  return found;
}

export function parseActionItemPriority(text: string): ActionItemPriority {
  const t = text.trim().toLowerCase();
  const found = ACTION_ITEM_PRIORITIES.find((p) => p === t);
  if (found === undefined) throw new AppError('VALIDATION', `priority: ${unknownValueMessage('priority', text, ACTION_ITEM_PRIORITIES)}`, { issues: [{ path: 'priority', message: 'unknown priority' }] });
  return found;
}

export function parseActionItemStatus(text: string): ActionItemStatus {
  const t = text.trim().toLowerCase().replace(/[\s_]+/g, '-');
  const found = ACTION_ITEM_STATUSES.find((s) => s === t);
  if (found === undefined) throw new AppError('VALIDATION', `status: ${unknownValueMessage('status', text, ACTION_ITEM_STATUSES)}`, { issues: [{ path: 'status', message: 'unknown status' }] });
  return found;
}

function nextItemId(items: readonly ActionItem[]): string {
  const max = items.reduce((m, i) => Math.max(m, Number(i.itemId.slice(1))), 0);
  return `A${max + 1}`;
}

/** `items`: the incident's action items so far. */
export function decideAddActionItem(items: readonly ActionItem[], input: ActionItemInput): IncidentEventData[] {
  return [{
    kind: 'action-item-added',
    itemId: nextItemId(items),
    title: checkTitle(input.title),
    category: input.category,
    priority: input.priority ?? 'medium',
    ...(input.owner === undefined ? {} : { owner: checkOwner(input.owner) }),
    ...(input.dueOn === undefined ? {} : { dueOn: checkDueOn(input.dueOn) }),
    source: 'manual',
  }];
}

/** Only the fields that change are recorded; a patch that changes nothing records nothing. */
export function decideUpdateActionItem(item: ActionItem, patch: ActionItemPatch): IncidentEventData[] {
  const title = patch.title === undefined ? undefined : checkTitle(patch.title);
  const owner = patch.owner === undefined ? undefined : checkOwner(patch.owner);
  const dueOn = patch.dueOn === undefined ? undefined : checkDueOn(patch.dueOn);
  const note = patch.note?.trim();
  if (note !== undefined && note.length > ACTION_ITEM_TITLE_MAX) throw invalid('note', `is longer than ${ACTION_ITEM_TITLE_MAX} characters`);
  const changes = {
    ...(title !== undefined && title !== item.title ? { title } : {}),
    ...(patch.category !== undefined && patch.category !== item.category ? { category: patch.category } : {}),
    ...(patch.priority !== undefined && patch.priority !== item.priority ? { priority: patch.priority } : {}),
    ...(owner !== undefined && owner !== item.owner ? { owner } : {}),
    ...(dueOn !== undefined && dueOn !== item.dueOn ? { dueOn } : {}),
    ...(patch.status !== undefined && patch.status !== item.status ? { status: patch.status } : {}),
  };
  if (Object.keys(changes).length === 0) return [];
  return [{ kind: 'action-item-updated', itemId: item.itemId, itemTitle: changes.title ?? item.title, ...changes, ...(note ? { note } : {}) }];
}

/**
 * The RCA's corrective actions become action items: each one not yet an item (same category and
 * text) is added with source `rca`, its owner and due date. Editing or removing a corrective action
 * later leaves its item alone — the item is then the record that is tracked.
 */
export function planActionItemsFromRca(items: readonly ActionItem[], actions: readonly RcaCorrectiveAction[]): IncidentEventData[] {
  const known = new Set(items.map((i) => `${i.category}\u0000${i.title.toLowerCase()}`));
  const events: IncidentEventData[] = [];
  let n = items.reduce((m, i) => Math.max(m, Number(i.itemId.slice(1))), 0);
  for (const a of actions) {
    const key = `${a.category}\u0000${a.text.trim().toLowerCase()}`;
    if (known.has(key)) continue;
    known.add(key);
    n++;
    events.push({
      kind: 'action-item-added',
      itemId: `A${n}`,
      title: a.text.trim(),
      category: a.category,
      priority: a.category === 'immediate' ? 'high' : 'medium',
      ...(a.owner === undefined ? {} : { owner: a.owner }),
      ...(a.dueOn === undefined ? {} : { dueOn: a.dueOn }),
      source: 'rca',
    });
  }
  return events;
}
