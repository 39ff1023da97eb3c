import type { Command } from 'commander';
import { DateTime } from 'luxon';
import type { ContactTestDto } from '../../app/contact-tests/index.js';
import type { OnCallChangesClient, OverrideDto } from '../../app/oncall-overrides/index.js';
import { displayWidth, fitToWidth, padToWidth } from './render/terminal-text.js';

export interface OnCallOverrideCommandDeps {
  /** The client for one command: the local store, or the server named by --api / IR_API_URL. */
  openOnCallChanges(cmd: Command): Promise<{ readonly client: OnCallChangesClient; readonly displayTimeZone: string; close(): Promise<void> }>;
  out(text: string): void;
  setExitCode(code: number): void;
  /** The terminal's width (or COLUMNS); undefined when the output is not a terminal: lines are then whole. */
  readonly width?: number;
}

/** A test that did not arrive: the command says so and exits 1, so a script notices. */
const EXIT_TEST_FAILED = 1;

/**
 * Plain columns. With `width`, the last columns are left out while the lines would not fit (down to
 * `keep` columns), and what still does not fit is cut with "…".
 */
function table(rows: string[][], width?: number, keep = rows[0]!.length): string {
  let columns = rows[0]!.length;
  const lay = (n: number) => {
    const widths = rows[0]!.slice(0, n).map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c]!))));
    return rows.map((r) => r.slice(0, n).map((cell, c) => padToWidth(cell, widths[c]!)).join('  ').trimEnd());
  };
  let lines = lay(columns);
  while (width !== undefined && columns > keep && lines.some((l) => displayWidth(l) > width)) lines = lay(--columns);
  return lines.map((l) => (width !== undefined && displayWidth(l) > width ? fitToWidth(l, width) : l)).join('\n');
}

/**
 * `oncall override` (make, list, delete overrides stored in the database) and `notify test` (a test
 * message to a person's contact methods). Added to the `oncall` command the on-call commands made.
 */
export function registerOnCallOverrideCommands(program: Command, deps: OnCallOverrideCommandDeps): void {
  const oncall = program.commands.find((c) => c.name() === 'oncall');
  if (oncall === undefined) throw new Error('the oncall command must be registered before its overrides');
  const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toFormat('yyyy-MM-dd HH:mm ZZZZ');
  const describe = (o: OverrideDto, zone: string) =>
    `${o.id}  ${o.scheduleId}: ${o.personName} on call ${at(o.startAt, zone)} – ${at(o.endAt, zone)}${o.replacesPersonId === null ? '' : ` (in place of ${o.replacesPersonId})`}${o.note === '' ? '' : ` — ${o.note}`}`;
  async function withClient<T>(cmd: Command, work: (client: OnCallChangesClient, zone: string) => Promise<T>): Promise<T> {
    const opened = await deps.openOnCallChanges(cmd);
    try {
      return await work(opened.client, opened.displayTimeZone);
    } finally {
      await opened.close();
    }
  }

  const override = oncall
    .command('override')
    .description('put someone on call for a span ("take my shift"), stored in the database; "override list" and "override delete ID" manage them')
    .option('--schedule <id>', 'the schedule')
    .option('--person <id>', 'who goes on call (people: id)')
    .option('--from <time>', 'start: 2026-11-28T22:00Z, or a local time such as "2026-11-28 22:00" (read in --tz, else your own time zone, else the display time zone)')
    .option('--to <time>', 'end, written like --from')
    .option('--replaces <id>', 'only where this person would have been on call (a swap is two overrides)')
    .option('--note <text>', 'why ("cover Tuesday night")')
    .option('--tz <zone>', 'IANA zone local times are read in (default: your own, people.<id>.time_zone, else the display time zone)')
    .option('--json', 'print JSON')
    .action(async (opts: { schedule?: string; person?: string; from?: string; to?: string; replaces?: string; note?: string; tz?: string; json?: boolean }, cmd: Command) => {
      const missing = (['schedule', 'person', 'from', 'to'] as const).filter((k) => opts[k] === undefined || opts[k].trim() === '');
      if (missing.length > 0) {
        const { AppError } = await import('../../domain/errors/index.js');
        throw new AppError('VALIDATION', `oncall override needs ${missing.map((m) => `--${m}`).join(', ')}, e.g. incident-response oncall override --schedule primary --person bob --from "2026-11-28 22:00" --to "2026-11-29 08:00"`, {
          issues: missing.map((m) => ({ path: m, message: 'required' })),
        });
      }
      await withClient(cmd, async (client, zone) => {
        const made = await client.createOverride({
          scheduleId: opts.schedule!, personId: opts.person!, from: opts.from!, to: opts.to!,
          ...(opts.replaces !== undefined ? { replacesPersonId: opts.replaces } : {}),
          ...(opts.note !== undefined ? { note: opts.note } : {}),
          ...(opts.tz !== undefined ? { timeZone: opts.tz } : {}),
        });
        if (opts.json) return deps.out(JSON.stringify(made, null, 2));
        deps.out(`Override ${describe(made, opts.tz ?? zone)}`);
        deps.out(`Delete it with "incident-response oncall override delete ${made.id}".`);
      });
    });

  override
    .command('list')
    .description('overrides stored in the database that are running or to come')
    .option('--schedule <id>', 'only this schedule')
    .option('--json', 'print JSON')
    .action(async (opts: { schedule?: string; json?: boolean }, cmd: Command) => {
      await withClient(cmd, async (client, zone) => {
        const items = await client.listOverrides(opts.schedule === undefined ? {} : { scheduleId: opts.schedule });
        if (opts.json) return deps.out(JSON.stringify({ items }, null, 2));
        if (items.length === 0) return deps.out('No overrides are stored (overrides written in the configuration file are not listed here).');
        // The id, who and when matter most on a narrow terminal; the note, its author and whom it replaces go first.
        const rows = [
          ['ID', 'ON CALL', 'FROM', 'TO', 'SCHEDULE', 'REPLACES', 'BY', 'NOTE'],
          ...items.map((o) => [o.id, o.personName, at(o.startAt, zone), at(o.endAt, zone), o.scheduleId, o.replacesPersonId ?? '-', o.createdBy, o.note]),
        ];
        const fits = deps.width === undefined || table(rows.map((r) => r.slice(0, 4))).split('\n').every((line) => displayWidth(line) <= deps.width!);
        if (fits) return deps.out(table(rows, deps.width, 4));
        // Too narrow even for who and when (a phone): one short block per override.
        const cut = (line: string) => fitToWidth(line, deps.width!);
        deps.out(items.map((o) => [
          cut(`${o.id}  ${o.personName}`),
          cut(`  from ${at(o.startAt, zone)}`),
          cut(`  to   ${at(o.endAt, zone)}`),
          cut(`  ${[o.scheduleId, o.replacesPersonId === null ? undefined : `in place of ${o.replacesPersonId}`, `by ${o.createdBy}`, o.note === '' ? undefined : o.note].filter((x) => x !== undefined).join(' · ')}`),
        ].join('\n')).join('\n\n'));
      });
    });

  override
    .command('delete')
    .description('delete an override stored in the database')
    .argument('<id>', 'the override id (ovr_…)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withClient(cmd, async (client, zone) => {
        const deleted = await client.deleteOverride(id);
        if (opts.json) return deps.out(JSON.stringify(deleted, null, 2));
        deps.out(`Deleted override ${describe(deleted, zone)}`);
      });
    });

  const notify = program.command('notify').description('test how people are reached');
  notify
    .command('test')
    .description('send a test message to a person\'s verified contact methods (or one kind) and record whether it arrived; exit 1 when one did not')
    .requiredOption('--person <id>', 'the person (people: id)')
    .option('--method <kind>', 'sms | voice | email | slack | teams | webhook (default: every verified method)')
    .option('--json', 'print JSON')
    .action(async (opts: { person: string; method?: string; json?: boolean }, cmd: Command) => {
      await withClient(cmd, async (client) => {
        const results: ContactTestDto[] = await client.sendTestPage(opts.person, opts.method);
        if (results.some((r) => r.outcome !== 'delivered')) deps.setExitCode(EXIT_TEST_FAILED);
        if (opts.json) return deps.out(JSON.stringify({ items: results }, null, 2));
        for (const r of results) deps.out(`${r.outcome === 'delivered' ? 'delivered' : 'FAILED   '}  ${r.method.padEnd(7)}  ${r.contactMethodId}: ${r.detail}`);
      });
    });
}
