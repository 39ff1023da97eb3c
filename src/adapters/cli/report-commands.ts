import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError, isAppError } from '../../domain/errors/index.js';
import { parseCorrectiveAction, type RcaEdit } from '../../domain/rca/index.js';

/** Reports and RCAs as the CLI sees them: rendered text, and RCA edits (the acting principal is bound by the backend). */
export interface ReportDesk {
  /** The monthly report rendered in `format` (terminal, markdown, html, json, csv); month "2026-11" or the current one. */
  monthly(month: string | undefined, format: string): Promise<string>;
  rca(id: string, format: string, options: { includeHidden: boolean }): Promise<string>;
  /** The RCA's HTML printed to PDF by headless Chromium. */
  rcaPdf(id: string, options: { includeHidden: boolean }): Promise<Uint8Array>;
  editRca(id: string, edit: RcaEdit): Promise<{ changed: boolean }>;
  /** The Markdown form for $EDITOR, and reading it back (VALIDATION with line numbers). */
  rcaForm(id: string): Promise<string>;
  applyRcaForm(id: string, text: string): Promise<{ changed: boolean }>;
}

export interface ReportCommandDeps {
  /** An incident id as typed (full or short, e.g. 007) made canonical; VALIDATION when it is neither. */
  incidentId(text: string): string;
  withReports<T>(cmd: Command, work: (desk: ReportDesk) => Promise<T>): Promise<T>;
  /** Opens `text` in the user's editor and returns what was saved. */
  editText(text: string, fileName: string): Promise<string>;
  out(text: string): void;
}

const FORMAT_BY_EXTENSION: Record<string, string> = { pdf: 'pdf', md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html', json: 'json', csv: 'csv', txt: 'terminal' };

/** --format wins; otherwise the --out file's extension decides; otherwise `fallback`. */
function chooseFormat(format: string | undefined, out: string | undefined, fallback: string): string {
  if (format !== undefined) return format;
  const ext = out?.match(/\.([a-z]+)$/i)?.[1]?.toLowerCase();
  return (ext !== undefined ? FORMAT_BY_EXTENSION[ext] : undefined) ?? fallback;
}

const collect = (v: string, acc: string[]) => [...acc, v];

function parseSeq(text: string, flag: string): number {
  const t = text.trim().replace(/^#/, '');
  if (!/^\d{1,15}$/.test(t)) throw new AppError('VALIDATION', `${flag} takes an entry number as shown in the RCA timeline ([#12]), not '${text}'`, { issues: [{ path: flag.slice(2), message: 'not a number' }] });
  return Number(t);
}

/** `--annotate 12 "text"` (repeatable; the values arrive as one flat list) or `--annotate 12="text"`. */
function parseAnnotations(values: readonly string[]): { seq: number; text: string }[] {
  const result: { seq: number; text: string }[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const joined = /^#?(\d+)\s*[=:]\s*(.*)$/s.exec(v);
    if (joined) {
      result.push({ seq: Number(joined[1]), text: joined[2]! });
      continue;
    }
    const text = values[i + 1];
    if (text === undefined) throw new AppError('VALIDATION', `--annotate ${v}: give the entry number and the text, e.g. --annotate 12 "pool alarm was muted"`, { issues: [{ path: 'annotate', message: 'missing text' }] });
    result.push({ seq: parseSeq(v, '--annotate'), text });
    i++;
  }
  return result;
}

export function registerReportCommands(program: Command, deps: ReportCommandDeps): void {
  const emit = async (text: string, out: string | undefined, what: string) => {
    if (out === undefined) return deps.out(text.replace(/\n$/, ''));
    const path = resolve(process.cwd(), out);
    await writeFile(path, text, 'utf8');
    deps.out(`Wrote ${what} to ${path}.`);
  };

  program
    .command('report')
    .description('the monthly incident report: totals, MTTD/MTTA/MTTR, SLA, trends, breakdowns')
    .option('--month <YYYY-MM>', 'which month, in the display time zone (default: this month)')
    .option('--format <format>', 'terminal | markdown | html | json | csv (default: terminal, or from --out\'s extension)')
    .option('--out <file>', 'write to a file instead of printing')
    .option('--json', 'same as --format json')
    .action(async (opts: { month?: string; format?: string; out?: string; json?: boolean }, cmd: Command) => {
      const format = opts.json ? 'json' : chooseFormat(opts.format, opts.out, 'terminal');
      await deps.withReports(cmd, async (desk) => emit(await desk.monthly(opts.month, format), opts.out, 'the report'));
    });

  program
    .command('rca')
    .description('the root-cause analysis of an incident; edit it with the flags below or --edit')
    .argument('<id>', 'incident id')
    .option('--format <format>', 'markdown | html | json | pdf (default: markdown, or from --out\'s extension; pdf needs --out)')
    .option('--out <file>', 'write to a file instead of printing')
    .option('--all-entries', 'include timeline entries hidden with --hide-entry')
    .option('--impact <text>', 'who and what was affected')
    .option('--root-cause <text>', 'the root cause, in one line')
    .option('--root-cause-detail <text>', 'what led to the root cause (repeatable; replaces the list)', collect, [] as string[])
    .option('--factor <text>', 'add a contributing factor (repeatable)', collect, [] as string[])
    .option('--action <text>', 'add a corrective action: "[Immediate] Add pool monitoring @alice due 2026-12-05" (repeatable)', collect, [] as string[])
    .option('--clear-factors', 'remove all contributing factors first')
    .option('--clear-actions', 'remove all corrective actions first')
    .option('--hide-entry <seq>', 'leave a timeline entry out of the RCA (repeatable)', collect, [] as string[])
    .option('--show-entry <seq>', 'bring a hidden timeline entry back (repeatable)', collect, [] as string[])
    .option('--annotate <seq-and-text...>', 'annotate a timeline entry: --annotate 12 "text" (empty text removes it)')
    .option('--edit', 'edit impact, root cause, factors and actions in $EDITOR as a Markdown form')
    .option('--json', 'the RCA as JSON (same as --format json); with an edit, whether it changed anything')
    .action(async (rawId: string, opts: RcaOptions, cmd: Command) => {
      const id = deps.incidentId(rawId);
      const edit: RcaEdit = {
        ...(opts.impact !== undefined ? { impact: opts.impact } : {}),
        ...(opts.rootCause !== undefined ? { rootCause: opts.rootCause } : {}),
        ...(opts.rootCauseDetail.length ? { rootCauseDetails: opts.rootCauseDetail } : {}),
        ...(opts.clearFactors ? { factors: [] } : {}),
        ...(opts.clearActions ? { actions: [] } : {}),
        ...(opts.factor.length ? { addFactors: opts.factor } : {}),
        ...(opts.action.length ? { addActions: opts.action.map(parseCorrectiveAction) } : {}),
        ...(opts.hideEntry.length ? { hide: opts.hideEntry.map((s) => parseSeq(s, '--hide-entry')) } : {}),
        ...(opts.showEntry.length ? { unhide: opts.showEntry.map((s) => parseSeq(s, '--show-entry')) } : {}),
        ...(opts.annotate?.length ? { annotate: parseAnnotations(opts.annotate) } : {}),
      };
      const isEditing = Object.keys(edit).length > 0;
      await deps.withReports(cmd, async (desk) => {
        if (opts.edit) {
          if (isEditing) throw new AppError('VALIDATION', '--edit opens the form; give the other edit flags in a separate command');
          const form = await desk.rcaForm(id);
          const edited = await deps.editText(form, `${id}-rca.md`);
          if (edited.trim() === '' || edited === form) return deps.out(`Nothing changed in the RCA of ${id}.`);
          const r = await desk.applyRcaForm(id, edited).catch(async (e: unknown) => {
            if (!isAppError(e) || e.code !== 'VALIDATION') throw e;
            // Keep the user's work: the editor's temp file is gone by now.
            const kept = join(await mkdtemp(join(tmpdir(), 'ir-rca-')), `${id}-rca.md`);
            await writeFile(kept, edited, 'utf8');
            throw new AppError('VALIDATION', e.message, { issues: e.issues, hint: `Nothing was recorded. Your edited text is kept in ${kept}.` });
          });
          if (opts.json) return deps.out(JSON.stringify(r, null, 2));
          return deps.out(r.changed ? `Recorded the RCA edit of ${id}.` : `Nothing changed in the RCA of ${id}.`);
        }
        if (isEditing) {
          const r = await desk.editRca(id, edit);
          if (opts.json) return deps.out(JSON.stringify(r, null, 2));
          return deps.out(r.changed ? `Recorded the RCA edit of ${id}. Show it with "incident-response rca ${id}".` : `Nothing changed in the RCA of ${id}.`);
        }
        if (opts.json && opts.format !== undefined && opts.format !== 'json') {
          throw new AppError('VALIDATION', `--json prints JSON; it cannot be combined with --format ${opts.format}`, { issues: [{ path: 'format', message: 'conflicts with --json' }] });
        }
        const format = opts.json ? 'json' : chooseFormat(opts.format, opts.out, 'markdown');
        if (format === 'pdf') {
          if (opts.out === undefined) throw new AppError('VALIDATION', '--format pdf writes a file: add --out FILE.pdf', { issues: [{ path: 'out', message: 'required for pdf' }] });
          const path = resolve(process.cwd(), opts.out);
          await writeFile(path, await desk.rcaPdf(id, { includeHidden: opts.allEntries === true }));
          return deps.out(`Wrote the RCA of ${id} to ${path}.`);
        }
        await emit(await desk.rca(id, format, { includeHidden: opts.allEntries === true }), opts.out, `the RCA of ${id}`);
      });
    });
}

interface RcaOptions {
  format?: string;
  out?: string;
  allEntries?: boolean;
  impact?: string;
  rootCause?: string;
  rootCauseDetail: string[];
  factor: string[];
  action: string[];
  clearFactors?: boolean;
  clearActions?: boolean;
  hideEntry: string[];
  showEntry: string[];
  annotate?: string[];
  edit?: boolean;
  json?: boolean;
}
