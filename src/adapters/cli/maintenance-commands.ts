import type { Command } from 'commander';
import { AppError } from '../../domain/errors/index.js';
import type { MaintenanceWindow } from '../../domain/status-page/index.js';
import { epochMs, parseDuration, type EpochMs } from '../../domain/time/index.js';
import type { TimeFormatter } from './render/format-time.js';

/** Maintenance windows as the CLI sees them (the acting principal is bound by the backend). */
export interface MaintenanceDesk {
  schedule(input: { title: string; componentIds: string[]; startsAt: EpochMs; endsAt: EpochMs; message?: string }): Promise<MaintenanceWindow>;
  list(): Promise<MaintenanceWindow[]>;
  cancel(id: string): Promise<{ window: MaintenanceWindow; changed: boolean }>;
}

export interface MaintenanceCommandDeps {
  withMaintenance<T>(cmd: Command, work: (desk: MaintenanceDesk, t: TimeFormatter) => Promise<T>): Promise<T>;
  now(): number;
  out(text: string): void;
}

/**
 * A time for a window: ISO-8601 ("2026-11-29T02:00Z", a date alone is midnight UTC), "now", or a
 * span after `base` ("+2h", "in 90 minutes"; for --ends the base is the start).
 */
export function parseWindowInstant(text: string, base: EpochMs, option: string): EpochMs {
  const t = text.trim();
  if (t.toLowerCase() === 'now') return base;
  const rel = /^(?:\+|in\s+)(.+)$/i.exec(t);
  if (rel) {
    const span = parseDuration(rel[1]!.trim());
    if (typeof span !== 'string') return epochMs(base + span);
  }
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(t)) {
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t}Z`;
    const ms = Date.parse(iso.replace(' ', 'T'));
    if (!Number.isNaN(ms)) return epochMs(ms);
  }
  throw new AppError('VALIDATION', `${option}: '${text}' is not a time; give ISO-8601 (2026-11-29T02:00Z), "now", or a span ahead such as +2h`, {
    issues: [{ path: option.replace(/^--/, ''), message: 'not a time' }],
  });
}

function componentList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function line(w: MaintenanceWindow, t: TimeFormatter, now: number): string {
  const state = now < w.startsAt ? 'scheduled  ' : 'in progress';
  return `${w.id}  ${state}  ${t.range(new Date(w.startsAt).toISOString(), new Date(w.endsAt).toISOString())}  [${w.componentIds.join(', ')}]  ${w.title}`;
}

/** `maintenance schedule | list | cancel`: windows shown on the public status page. */
export function registerMaintenanceCommands(program: Command, deps: MaintenanceCommandDeps): void {
  const maintenance = program.command('maintenance').description('scheduled maintenance windows on the public status page');
  maintenance
    .command('schedule')
    .description('announce a maintenance window; its components show "under maintenance" while it runs')
    .requiredOption('--title <title>', 'what customers see')
    .requiredOption('--starts <time>', 'start: ISO-8601 (2026-11-29T02:00Z), "now" or +2h')
    .requiredOption('--ends <time>', 'end: ISO-8601, or a span after the start (+90m)')
    .requiredOption('--components <list>', 'affected component ids of status_page.components, comma-separated')
    .option('--message <text>', 'details for customers')
    .option('--json', 'print JSON')
    .action(async (opts: { title: string; starts: string; ends: string; components: string; message?: string; json?: boolean }, cmd: Command) => {
      const now = epochMs(deps.now());
      const startsAt = parseWindowInstant(opts.starts, now, '--starts');
      const endsAt = parseWindowInstant(opts.ends, startsAt, '--ends');
      const componentIds = componentList(opts.components);
      await deps.withMaintenance(cmd, async (desk, t) => {
        const w = await desk.schedule({ title: opts.title, componentIds, startsAt, endsAt, ...(opts.message === undefined ? {} : { message: opts.message }) });
        if (opts.json) return deps.out(JSON.stringify(toJson(w), null, 2));
        deps.out(`Scheduled maintenance ${w.id}: ${t.range(new Date(w.startsAt).toISOString(), new Date(w.endsAt).toISOString())} on ${w.componentIds.join(', ')}.`);
        deps.out(`Cancel it with "incident-response maintenance cancel ${w.id}".`);
      });
    });
  maintenance
    .command('list')
    .description('windows in progress or scheduled, earliest first')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await deps.withMaintenance(cmd, async (desk, t) => {
        const windows = await desk.list();
        if (opts.json) return deps.out(JSON.stringify({ items: windows.map(toJson) }, null, 2));
        if (windows.length === 0) return deps.out('No maintenance is scheduled.');
        for (const w of windows) deps.out(line(w, t, deps.now()));
      });
    });
  maintenance
    .command('cancel')
    .description('take a window that is not over yet off the status page')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await deps.withMaintenance(cmd, async (desk) => {
        const { window, changed } = await desk.cancel(id.trim());
        if (opts.json) return deps.out(JSON.stringify({ window: toJson(window), changed }, null, 2));
        deps.out(changed ? `Cancelled maintenance ${window.id} (${window.title}).` : `Maintenance ${window.id} was already cancelled; nothing changed.`);
      });
    });
}

function toJson(w: MaintenanceWindow) {
  return {
    id: w.id, title: w.title, componentIds: w.componentIds, startsAt: new Date(w.startsAt).toISOString(), endsAt: new Date(w.endsAt).toISOString(),
    createdAt: new Date(w.createdAt).toISOString(), message: w.message ?? null,
  };
}
