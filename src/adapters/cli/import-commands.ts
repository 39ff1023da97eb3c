import type { Command } from 'commander';
import {
  IMPORT_VENDORS, VENDOR_LABEL, integrationCreateCommand, senderSetting, summariseImport,
  type ImportResult, type ImportVendor, type MappingNote,
} from '../../app/import/index.js';
import { AppError, unknownValueMessage } from '../../domain/errors/index.js';

/** What `import` asks the composition root to do. */
export interface ImportRequest {
  readonly vendor: ImportVendor;
  readonly apiUrl?: string;
  /** From --api-key; the backend falls back to the vendor's environment variable. */
  readonly apiKey?: string;
  readonly fromDir?: string;
  readonly out?: string;
  readonly dryRun: boolean;
  readonly force: boolean;
}

export interface ImportOutcome {
  readonly result: ImportResult;
  /** The file written; undefined on a dry run. */
  readonly file?: string;
  /** Where the answers came from, for the first line ("https://api.pagerduty.com", "saved responses in ./pd"). */
  readonly from: string;
}

export interface ImportCommandDeps {
  runImport(request: ImportRequest, progress: (line: string) => void): Promise<ImportOutcome>;
  out(text: string): void;
  /** Progress and warnings (stderr). */
  err(text: string): void;
}

const DEFAULT_SERVER = 'https://<your incident-response server>';
const KIND_LABEL = { user: 'users', team: 'teams', schedule: 'schedules', 'escalation policy': 'escalation policies', service: 'services', integration: 'integrations' } as const;

/** `import pagerduty|opsgenie|grafana-oncall`: a team's on-call setup from another tool, as our configuration file. */
export function registerImportCommands(program: Command, deps: ImportCommandDeps): void {
  program
    .command('import')
    .description('import users, teams, schedules, escalation policies, services and integrations from PagerDuty, Opsgenie or Grafana OnCall into a configuration file (docs/migrate.md)')
    .argument('<source>', IMPORT_VENDORS.join(' | '))
    .option('--api-url <url>', 'the source\'s API URL (default: https://api.pagerduty.com, https://api.opsgenie.com; required for Grafana OnCall)')
    .option('--api-key <key>', 'read-only API key (better: PAGERDUTY_API_KEY, OPSGENIE_API_KEY or GRAFANA_ONCALL_API_KEY, which stay out of the process list)')
    .option('--from <dir>', 'read saved API responses from this directory instead of the API (file names: docs/migrate.md)')
    .option('--out <file>', 'the configuration file to write (required unless --dry-run)')
    .option('--force', 'overwrite --out if it exists')
    .option('--dry-run', 'read and map everything, print the summary, write nothing')
    .option('--server-url <url>', 'this product\'s server URL, used in the printed sender settings', DEFAULT_SERVER)
    .option('--json', 'print the summary as JSON')
    .action(async (source: string, opts: { apiUrl?: string; apiKey?: string; from?: string; out?: string; force?: boolean; dryRun?: boolean; serverUrl: string; json?: boolean }) => {
      if (!(IMPORT_VENDORS as readonly string[]).includes(source)) {
        throw new AppError('VALIDATION', unknownValueMessage('import source', source, IMPORT_VENDORS), { issues: [{ path: 'source', message: 'unknown source' }] });
      }
      const vendor = source as ImportVendor;
      if (opts.out === undefined && opts.dryRun !== true) {
        throw new AppError('VALIDATION', 'Give the file to write with --out FILE (or --dry-run to write nothing).', { issues: [{ path: 'out', message: 'required' }] });
      }
      if (opts.from !== undefined && (opts.apiUrl !== undefined || opts.apiKey !== undefined)) {
        throw new AppError('VALIDATION', '--from reads saved responses and never calls the API: leave out --api-url and --api-key.', { issues: [{ path: 'from', message: 'conflicts with --api-url/--api-key' }] });
      }
      const outcome = await deps.runImport({
        vendor, dryRun: opts.dryRun === true, force: opts.force === true,
        ...(opts.apiUrl === undefined ? {} : { apiUrl: opts.apiUrl }),
        ...(opts.apiKey === undefined ? {} : { apiKey: opts.apiKey }),
        ...(opts.from === undefined ? {} : { fromDir: opts.from }),
        ...(opts.out === undefined ? {} : { out: opts.out }),
      }, (line) => deps.err(line));
      if (opts.json === true) deps.out(JSON.stringify(importJson(outcome, opts.serverUrl), null, 2));
      else deps.out(renderImport(outcome, opts.serverUrl));
    });
}

function importJson(outcome: ImportOutcome, server: string) {
  return {
    source: outcome.result.vendor,
    file: outcome.file ?? null,
    dryRun: outcome.file === undefined,
    summary: summariseImport(outcome.result),
    notes: outcome.result.notes,
    integrations: outcome.result.integrations.map((i) => ({ ...i, command: integrationCreateCommand(i) ?? null, sender: senderSetting(i, server) ?? null })),
  };
}

/** The summary printed after an import: counts, then why things are approximate or missing, then the integration commands. */
export function renderImport(outcome: ImportOutcome, server: string): string {
  const { result } = outcome;
  const label = VENDOR_LABEL[result.vendor];
  const lines: string[] = [];
  lines.push(outcome.file === undefined
    ? `Dry run: read ${label} from ${outcome.from}; nothing was written.`
    : `Imported ${label} from ${outcome.from} into ${outcome.file} (it passes "config validate").`);
  lines.push('');
  const rows = [['', 'READ', 'EXACT', 'APPROXIMATE', 'NOT IMPORTED'], ...summariseImport(result).map((r) => [KIND_LABEL[r.kind], String(r.read), String(r.exact), String(r.approximate), String(r.unmapped)])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) lines.push(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd());
  const section = (title: string, notes: readonly MappingNote[]) => {
    if (notes.length === 0) return;
    lines.push('', title);
    for (const n of notes) lines.push(`  ${n.subject}: ${n.message}`);
  };
  section('Mapped approximately:', result.notes.filter((n) => n.level === 'approximate'));
  section('Not imported:', result.notes.filter((n) => n.level === 'unmapped'));
  const replaceable = result.integrations.filter((i) => i.source !== undefined);
  if (replaceable.length > 0) {
    lines.push('', `Integrations: create a key for each, then point the sender at this server (${server}):`);
    for (const plan of replaceable) {
      lines.push(`  ${label} '${plan.vendorName}' (${plan.vendorType})${plan.service === undefined ? '' : ` on ${plan.service}`} → ${plan.source}`);
      lines.push(`    ${integrationCreateCommand(plan)}`);
      lines.push(`    then ${senderSetting(plan, server)}`);
    }
  }
  const file = outcome.file ?? 'FILE';
  lines.push('', `Next: incident-response escalation lint --config ${file}; incident-response oncall --config ${file}; incident-response escalation preview SERVICE --config ${file}. Run both tools side by side for a week (docs/migrate.md).`);
  return lines.join('\n');
}
