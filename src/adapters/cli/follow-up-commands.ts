import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import type { ActionItemDto, FollowUpClient, ReviewAgendaDto } from '../../app/follow-up/index.js';
import {
  parseActionItemCategory, parseActionItemPriority, parseActionItemStatus, type ActionItemInput, type ActionItemPatch,
} from '../../domain/action-items/index.js';
import { AppError } from '../../domain/errors/index.js';
import { TICKET_SYSTEMS, type TicketSystem } from '../../domain/incident/index.js';
import { parseAttendee, type ReviewScheduleInput } from '../../domain/review/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';
import { unknownValueMessage } from '../../domain/errors/index.js';

/**
 * Reviews, action items and tickets as the CLI sees them: the API's answers (docs/api.md), so
 * `--json` prints the same locally and against a server. The acting principal is bound by the backend.
 */
export type FollowUpDesk = FollowUpClient;

export interface FollowUpCommandDeps {
  /** An incident id as typed (full or short, e.g. 007) made canonical; VALIDATION when it is neither. */
  incidentId(text: string): string;
  /** An action item reference as typed (INC-2026-1128-001-A1, or short: 001-A1) made canonical. */
  actionItemRef(text: string): string;
  withFollowUp<T>(cmd: Command, work: (desk: FollowUpDesk) => Promise<T>): Promise<T>;
  out(text: string): void;
}

const collect = (v: string, acc: string[]) => [...acc, v];

/** "2026-12-01T15:00Z", or a local time in the display zone ("2026-12-01 15:00"). */
export function parseMeetingTime(text: string, zone: string): EpochMs {
  const t = text.trim().replace(' ', 'T');
  const dt = DateTime.fromISO(t, { zone, setZone: false });
  if (!dt.isValid || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(t)) {
    throw new AppError('VALIDATION', `--at '${text}' is not a time; give e.g. 2026-12-01T15:00Z or "2026-12-01 15:00" (in ${zone})`, { issues: [{ path: 'at', message: 'not a time' }] });
  }
  return epochMs(dt.toMillis());
}

function parseMinutes(text: string): number {
  const t = text.trim().toLowerCase();
  const m = /^(\d{1,4})\s*(m|min|mins|minutes)?$/.exec(t) ?? /^(\d{1,2})\s*h$/.exec(t);
  if (!m) throw new AppError('VALIDATION', `--duration '${text}' must be minutes such as 60 or 90m`, { issues: [{ path: 'duration', message: 'not a number of minutes' }] });
  return t.endsWith('h') ? Number(m[1]) * 60 : Number(m[1]);
}

function parseSystem(text: string): TicketSystem {
  const found = TICKET_SYSTEMS.find((s) => s === text.trim().toLowerCase());
  if (found === undefined) throw new AppError('VALIDATION', `--system: ${unknownValueMessage('ticket system', text, TICKET_SYSTEMS)}`, { issues: [{ path: 'system', message: 'unknown system' }] });
  return found;
}

function renderItems(items: readonly ActionItemDto[]): string {
  if (items.length === 0) return 'No action items.';
  const rows = [['ACTION', 'STATUS', 'PRIORITY', 'CATEGORY', 'OWNER', 'DUE', 'TICKETS', 'TITLE']];
  for (const i of items) {
    rows.push([
      i.ref, i.status, i.priority, i.category, i.owner ?? '-', `${i.dueOn ?? '-'}${i.isOverdue ? ' OVERDUE' : ''}`,
      i.tickets.map((t) => `${t.key}${t.isDone ? '✓' : ''}`).join(',') || '-', i.title,
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n');
}

export function registerFollowUpCommands(program: Command, deps: FollowUpCommandDeps): void {
  const json = (value: unknown) => deps.out(JSON.stringify(value, null, 2));
  const writeIcs = async (desk: FollowUpDesk, id: string, file: string) => {
    const path = resolve(process.cwd(), file);
    await writeFile(path, await desk.invite(id), 'utf8');
    deps.out(`Wrote the invite to ${path}.`);
  };

  const pir = program.command('pir').description('post-incident review: schedule (agenda and .ics invite), notes, decisions, done');
  pir
    .command('schedule')
    .description('schedule the review and print its agenda; --ics writes the calendar invite')
    .argument('<id>', 'incident id')
    .requiredOption('--at <time>', 'when it starts: 2026-12-01T15:00Z, or "2026-12-01 15:00" in the display time zone')
    .option('--attendee <who>', 'NAME/EMAIL, "Name <email>", an e-mail or a name (repeatable)', collect, [] as string[])
    .option('--duration <minutes>', 'length in minutes (default 60: 10 + 20 + 15 + 10 + 5)')
    .option('--ics <file>', 'write the RFC 5545 invite to this file')
    .option('--json', 'print the agenda as JSON')
    .action(async (rawId: string, opts: { at: string; attendee: string[]; duration?: string; ics?: string; json?: boolean }, cmd: Command) => {
      const id = deps.incidentId(rawId);
      const attendees = opts.attendee.map(parseAttendee);
      await deps.withFollowUp(cmd, async (desk) => {
        const input: ReviewScheduleInput = {
          startsAt: parseMeetingTime(opts.at, desk.displayTimeZone), attendees,
          ...(opts.duration === undefined ? {} : { durationMinutes: parseMinutes(opts.duration) }),
        };
        const r = await desk.scheduleReview(id, input);
        if (opts.json) json(r.agenda);
        else deps.out(`${r.changed ? 'Scheduled' : 'Already scheduled'}: the post-incident review of ${id}.\n\n${r.agenda.text}`.trimEnd());
        if (opts.ics !== undefined) await writeIcs(desk, id, opts.ics);
      });
    });
  pir
    .command('show')
    .description('the agenda with the incident facts, notes and decisions')
    .argument('<id>', 'incident id')
    .option('--ics <file>', 'also write the invite of the scheduled review')
    .option('--json', 'as JSON')
    .action(async (rawId: string, opts: { ics?: string; json?: boolean }, cmd: Command) => {
      const id = deps.incidentId(rawId);
      await deps.withFollowUp(cmd, async (desk) => {
        const agenda = await desk.agenda(id);
        if (opts.json) json(agenda);
        else deps.out(agenda.text.trimEnd());
        if (opts.ics !== undefined) await writeIcs(desk, id, opts.ics);
      });
    });
  const textVerb = (name: 'notes' | 'decide', description: string, run: (desk: FollowUpDesk, id: string, text: string) => Promise<{ agenda: ReviewAgendaDto }>, said: string) => {
    pir
      .command(name)
      .description(description)
      .argument('<id>', 'incident id')
      .argument('<text...>', 'the text')
      .option('--json', 'print the agenda as JSON')
      .action(async (rawId: string, text: string[], opts: { json?: boolean }, cmd: Command) => {
        const id = deps.incidentId(rawId);
        await deps.withFollowUp(cmd, async (desk) => {
          const r = await run(desk, id, text.join(' '));
          if (opts.json) return json(r.agenda);
          deps.out(`${said} on the review of ${id}.`);
        });
      });
  };
  textVerb('notes', 'record a note (lessons, gaps, what went well)', (d, id, t) => d.noteReview(id, t), 'Noted');
  textVerb('decide', 'record a decision of the review', (d, id, t) => d.decideReview(id, t), 'Recorded the decision');
  pir
    .command('done')
    .description('record that the review took place (a SEV-1/2 incident may then close)')
    .argument('<id>', 'incident id')
    .option('--summary <text>', 'one line about the review')
    .option('--json', 'print the agenda as JSON')
    .action(async (rawId: string, opts: { summary?: string; json?: boolean }, cmd: Command) => {
      const id = deps.incidentId(rawId);
      await deps.withFollowUp(cmd, async (desk) => {
        const r = await desk.finishReview(id, opts.summary);
        if (opts.json) return json(r.agenda);
        deps.out(r.changed ? `Recorded the review of ${id} as done. Close the incident with "incident-response close ${id}".` : `The review of ${id} was already done.`);
      });
    });

  const actions = program.command('actions').description('action items across incidents: list, add, update, done, from the RCA');
  actions
    .command('list', { isDefault: true })
    .description('open action items across incidents (the default)')
    .option('--overdue', 'only items past their due day')
    .option('--owner <name>', 'only this owner\'s items')
    .option('--incident <id>', 'only this incident\'s items')
    .option('--all', 'done and cancelled items too')
    .option('--json', 'as JSON')
    .action(async (opts: { overdue?: boolean; owner?: string; incident?: string; all?: boolean; json?: boolean }, cmd: Command) => {
      await deps.withFollowUp(cmd, async (desk) => {
        const items = await desk.listActionItems({
          ...(opts.overdue ? { isOverdue: true } : {}), ...(opts.owner ? { owner: opts.owner } : {}),
          ...(opts.incident ? { incidentId: deps.incidentId(opts.incident) } : {}), ...(opts.all ? { includeClosed: true } : {}),
        });
        if (opts.json) json(items);
        else deps.out(renderItems(items));
      });
    });
  actions
    .command('add')
    .description('add an action item to an incident')
    .argument('<id>', 'incident id')
    .requiredOption('--title <text>', 'what will be done')
    .option('--category <category>', 'immediate | short-term | long-term | process (default: short-term)')
    .option('--owner <name>', 'who does it')
    .option('--due <YYYY-MM-DD>', 'due day')
    .option('--priority <priority>', 'critical | high | medium | low (default: medium)')
    .option('--json', 'as JSON')
    .action(async (rawId: string, opts: { title: string; category?: string; owner?: string; due?: string; priority?: string; json?: boolean }, cmd: Command) => {
      const id = deps.incidentId(rawId);
      const input: ActionItemInput = {
        title: opts.title,
        category: opts.category === undefined ? 'short-term' : parseActionItemCategory(opts.category),
        ...(opts.priority === undefined ? {} : { priority: parseActionItemPriority(opts.priority) }),
        ...(opts.owner === undefined ? {} : { owner: opts.owner }),
        ...(opts.due === undefined ? {} : { dueOn: opts.due }),
      };
      await deps.withFollowUp(cmd, async (desk) => {
        const item = await desk.addActionItem(id, input);
        if (opts.json) json(item);
        else deps.out(`Added action item ${item.ref}: ${item.title}.`);
      });
    });
  const update = (name: 'update' | 'done', description: string, fixed: ActionItemPatch) => {
    const c = actions.command(name).description(description).argument('<action>', 'action item, e.g. INC-2026-1128-001-A1');
    if (name === 'update') {
      c.option('--status <status>', 'open | in-progress | done | cancelled')
        .option('--owner <name>', 'new owner')
        .option('--due <YYYY-MM-DD>', 'new due day')
        .option('--priority <priority>', 'critical | high | medium | low')
        .option('--category <category>', 'immediate | short-term | long-term | process')
        .option('--title <text>', 'new title');
    }
    c.option('--note <text>', 'why (shown on the timeline)').option('--json', 'as JSON');
    c.action(async (ref: string, opts: { status?: string; owner?: string; due?: string; priority?: string; category?: string; title?: string; note?: string; json?: boolean }, cmd: Command) => {
      const patch: ActionItemPatch = {
        ...fixed,
        ...(opts.status === undefined ? {} : { status: parseActionItemStatus(opts.status) }),
        ...(opts.owner === undefined ? {} : { owner: opts.owner }),
        ...(opts.due === undefined ? {} : { dueOn: opts.due }),
        ...(opts.priority === undefined ? {} : { priority: parseActionItemPriority(opts.priority) }),
        ...(opts.category === undefined ? {} : { category: parseActionItemCategory(opts.category) }),
        ...(opts.title === undefined ? {} : { title: opts.title }),
        ...(opts.note === undefined ? {} : { note: opts.note }),
      };
      if (Object.keys(patch).filter((k) => k !== 'note').length === 0) {
        throw new AppError('VALIDATION', 'say what changes: --status, --owner, --due, --priority, --category or --title', { issues: [{ path: 'action', message: 'nothing to change' }] });
      }
      await deps.withFollowUp(cmd, async (desk) => {
        const r = await desk.updateActionItem(deps.actionItemRef(ref), patch);
        if (opts.json) json(r.item);
        else deps.out(r.changed ? `Updated ${r.item.ref}: ${r.item.status}, ${r.item.priority}${r.item.owner ? `, @${r.item.owner}` : ''}${r.item.dueOn ? `, due ${r.item.dueOn}` : ''}.` : `Nothing changed in ${r.item.ref}.`);
      });
    });
  };
  update('update', 'change an action item (status, owner, due day, priority, category, title)', {});
  update('done', 'mark an action item done', { status: 'done' });
  actions
    .command('from-rca')
    .description('turn the RCA\'s corrective actions into action items (done automatically when the RCA is edited)')
    .argument('<id>', 'incident id')
    .option('--json', 'print the items added as JSON')
    .action(async (rawId: string, opts: { json?: boolean }, cmd: Command) => {
      const id = deps.incidentId(rawId);
      await deps.withFollowUp(cmd, async (desk) => {
        const added = await desk.importRcaActions(id);
        if (opts.json) return json(added);
        deps.out(added.length === 0 ? `Every corrective action of ${id} is already an action item.` : added.map((i) => `Added action item ${i.ref}: ${i.title}.`).join('\n'));
      });
    });

  const ticket = program.command('ticket').description('tickets in Jira, ServiceNow or an ITSM webhook for incidents and action items');
  ticket
    .command('create')
    .description('create a ticket for the incident (or one action item) and link it')
    .argument('<id>', 'incident id')
    .requiredOption('--system <system>', TICKET_SYSTEMS.join(' | '))
    .option('--action <action>', 'the action item the ticket tracks, e.g. INC-2026-1128-001-A1')
    .option('--json', 'as JSON')
    .action(async (rawId: string, opts: { system: string; action?: string; json?: boolean }, cmd: Command) => {
      const id = deps.incidentId(rawId);
      const system = parseSystem(opts.system);
      await deps.withFollowUp(cmd, async (desk) => {
        const t = await desk.createTicket(id, system, opts.action === undefined ? undefined : deps.actionItemRef(opts.action));
        if (opts.json) json(t);
        else deps.out(`Ticket ${t.key} in ${t.system} (${t.status})${t.url ? ` ${t.url}` : ''} is linked to ${opts.action ?? id}.`);
      });
    });
  ticket
    .command('sync')
    .description('read the status of open tickets; an action item whose ticket is done becomes done')
    .option('--json', 'as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await deps.withFollowUp(cmd, async (desk) => {
        const results = await desk.syncTickets();
        if (opts.json) return json(results);
        if (results.length === 0) return deps.out('No open tickets.');
        deps.out(results.map((r) => `${r.ticket.key} (${r.ticket.system}, ${r.ticket.incidentId}${r.ticket.itemId ? `-${r.ticket.itemId}` : ''}): ${r.error ? `failed: ${r.error}` : `${r.status}${r.isDone ? ' (done)' : ''}${r.changed ? '' : ', unchanged'}`}${r.closedItem ? `; ${r.closedItem} is done` : ''}`).join('\n'));
      });
    });
}
