import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../errors/index.js';
import type { IncidentEvent, IncidentEventData } from '../incident/index.js';
import { epochMs, type EpochMs } from '../time/index.js';
import {
  decideAddActionItem, decideUpdateActionItem, foldActionItems, isTicketStatusDone, parseActionItemRef, planActionItemReminders,
  planActionItemsFromRca, type ActionItem,
} from './index.js';

const T = epochMs(Date.parse('2026-11-28T10:00:00Z'));
const at = (iso: string): EpochMs => epochMs(Date.parse(iso));

/** Events of several incidents, appended as decided. */
class Log {
  events: IncidentEvent[] = [];
  add(incidentId: string, decide: (items: readonly ActionItem[]) => IncidentEventData[], when: EpochMs = T): this {
    const mine = this.events.filter((e) => e.incidentId === incidentId);
    let version = mine.length + 1;
    for (const data of decide(this.items(incidentId))) this.events.push({ incidentId, version: version++, at: when, actor: 'alice', data });
    return this;
  }
  items(incidentId?: string): readonly ActionItem[] {
    return foldActionItems(this.events).items.filter((i) => incidentId === undefined || i.incidentId === incidentId);
  }
  item(ref: string): ActionItem {
    return this.items().find((i) => i.ref === ref)!;
  }
}

describe('action items', () => {
  it('numbers items per incident and folds updates, keeping when it was closed', () => {
    const log = new Log()
      .add('INC-2026-1128-001', (items) => decideAddActionItem(items, { title: 'Add pool monitoring', category: 'immediate', owner: '@alice', dueOn: '2026-12-01' }))
      .add('INC-2026-1128-001', (items) => decideAddActionItem(items, { title: 'Load test pools', category: 'short-term', priority: 'high' }))
      .add('INC-2026-1128-002', (items) => decideAddActionItem(items, { title: 'Checklist item', category: 'process' }));
    assert.deepEqual(log.items().map((i) => [i.ref, i.owner, i.priority, i.status]), [
      ['INC-2026-1128-001-A1', 'alice', 'medium', 'open'],
      ['INC-2026-1128-001-A2', undefined, 'high', 'open'],
      ['INC-2026-1128-002-A1', undefined, 'medium', 'open'],
    ]);
    log.add('INC-2026-1128-001', () => decideUpdateActionItem(log.item('INC-2026-1128-001-A1'), { status: 'done', note: 'dashboards live' }), at('2026-11-29T09:00:00Z'));
    const done = log.item('INC-2026-1128-001-A1');
    assert.deepEqual([done.status, new Date(done.closedAt!).toISOString()], ['done', '2026-11-29T09:00:00.000Z']);
    assert.deepEqual(decideUpdateActionItem(done, { status: 'done' }), [], 'no change records nothing');
  });

  it('validates input with the field named', () => {
    const table: [string, () => unknown, string][] = [
      ['empty title', () => decideAddActionItem([], { title: ' ', category: 'process' }), 'title'],
      ['bad due', () => decideAddActionItem([], { title: 'x', category: 'process', dueOn: '2026-13-01' }), 'due'],
      ['bad owner', () => decideAddActionItem([], { title: 'x', category: 'process', owner: 'a b' }), 'owner'],
      ['bad ref', () => parseActionItemRef('INC-2026-1128-001'), 'action'],
    ];
    for (const [name, f, path] of table) {
      assert.throws(f, (e: unknown) => isAppError(e) && e.code === 'VALIDATION' && e.issues[0]?.path === path, name);
    }
    assert.deepEqual(parseActionItemRef('inc-2026-1128-001-a12'), { incidentId: 'INC-2026-1128-001', itemId: 'A12' });
    assert.deepEqual(parseActionItemRef('sec-2026-1128-002-a3'), { incidentId: 'SEC-2026-1128-002', itemId: 'A3' });
  });

  it('turns new RCA corrective actions into items once, with their owner and due day', () => {
    const log = new Log().add('INC-2026-1128-001', (items) => decideAddActionItem(items, { title: 'Add pool monitoring', category: 'immediate' }));
    const actions = [
      { category: 'immediate' as const, text: 'Add pool monitoring' },
      { category: 'long-term' as const, text: 'Validate DB config automatically', owner: 'bob', dueOn: '2027-01-31' },
    ];
    log.add('INC-2026-1128-001', (items) => planActionItemsFromRca(items, actions));
    assert.deepEqual(log.items().map((i) => [i.itemId, i.title, i.source, i.owner]), [
      ['A1', 'Add pool monitoring', 'manual', undefined],
      ['A2', 'Validate DB config automatically', 'rca', 'bob'],
    ]);
    assert.deepEqual(planActionItemsFromRca(log.items(), actions), []);
  });

  it('plans one reminder per overdue item per day, with stable idempotency keys', () => {
    const log = new Log()
      .add('INC-2026-1128-001', (items) => decideAddActionItem(items, { title: 'due yesterday', category: 'immediate', owner: 'alice', dueOn: '2026-11-27' }))
      .add('INC-2026-1128-001', (items) => decideAddActionItem(items, { title: 'due today', category: 'immediate', dueOn: '2026-11-28' }))
      .add('INC-2026-1128-001', (items) => decideAddActionItem(items, { title: 'no due', category: 'process' }))
      .add('INC-2026-1128-001', (items) => decideAddActionItem(items, { title: 'done late', category: 'process', dueOn: '2026-11-01' }));
    log.add('INC-2026-1128-001', () => decideUpdateActionItem(log.item('INC-2026-1128-001-A4'), { status: 'done' }));
    const table: [string, string, string[]][] = [
      ['on the due day', '2026-11-27T23:59:00Z', []],
      ['the next morning', '2026-11-28T08:00:00Z', ['INC-2026-1128-001-A1:1']],
      ['later that day: same key', '2026-11-28T20:00:00Z', ['INC-2026-1128-001-A1:1']],
      ['two days on', '2026-11-30T08:00:00Z', ['INC-2026-1128-001-A1:3', 'INC-2026-1128-001-A2:2']],
    ];
    for (const [name, now, expected] of table) {
      assert.deepEqual(planActionItemReminders(log.items(), at(now)).map((r) => `${r.ref}:${r.daysOverdue}`), expected, name);
    }
    const [a, b] = [planActionItemReminders(log.items(), at('2026-11-28T08:00:00Z')), planActionItemReminders(log.items(), at('2026-11-28T20:00:00Z'))];
    assert.equal(a[0]!.idempotencyKey, b[0]!.idempotencyKey);
    assert.notEqual(a[0]!.idempotencyKey, planActionItemReminders(log.items(), at('2026-11-29T08:00:00Z'))[0]!.idempotencyKey);
    // In Auckland the 28th has long begun at 2026-11-27T12:00Z.
    assert.deepEqual(planActionItemReminders(log.items(), at('2026-11-27T12:00:00Z'), 'Pacific/Auckland').map((r) => r.ref), ['INC-2026-1128-001-A1']);
  });

  it('links tickets to their item and maps done states per system', () => {
    const log = new Log()
      .add('INC-2026-1128-001', (items) => decideAddActionItem(items, { title: 'x', category: 'immediate' }))
      .add('INC-2026-1128-001', () => [{ kind: 'ticket-linked', system: 'jira', key: 'INC-12', itemId: 'A1', status: 'To Do' }])
      .add('INC-2026-1128-001', () => [{ kind: 'ticket-linked', system: 'servicenow', key: 'INC0010001', status: '1' }])
      .add('INC-2026-1128-001', () => [{ kind: 'ticket-synced', system: 'jira', key: 'INC-12', status: 'done', isDone: true }]);
    const fold = foldActionItems(log.events);
    assert.deepEqual(fold.items[0]!.tickets.map((t) => [t.key, t.status, t.isDone]), [['INC-12', 'done', true]]);
    assert.deepEqual(fold.incidentTickets.map((t) => t.key), ['INC0010001']);
    const table: [Parameters<typeof isTicketStatusDone>[0], string, boolean][] = [
      ['jira', 'done', true], ['jira', 'indeterminate', false], ['servicenow', '6', true], ['servicenow', '2', false],
      ['servicenow', '107', true], ['webhook', 'Resolved', true], ['webhook', 'open', false],
    ];
    for (const [system, status, expected] of table) assert.equal(isTicketStatusDone(system, status), expected, `${system} ${status}`);
  });
});
