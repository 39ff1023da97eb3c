import { createHash } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { Soc2Report } from '../../app/compliance/index.js';
import type { CommandOutcome } from '../../app/incidents/index.js';
import {
  NOTIFICATION_PHASES, COMPLIANCE_REGIME_LABEL, parseComplianceRegime, parseNotificationPhase, parseObligation,
  type ComplianceReminder, type FlagInput, type NotifyInput,
} from '../../domain/compliance/index.js';
import { AppError } from '../../domain/errors/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';
import { EXIT_SOC2_INCOMPLETE } from './exit-codes.js';
import { parseInstant } from './parse-options.js';

/** Compliance as the CLI sees it (the acting principal is bound by the backend). */
export interface ComplianceDesk {
  flag(id: string, input: FlagInput): Promise<CommandOutcome>;
  notify(id: string, input: NotifyInput): Promise<CommandOutcome>;
  /** The evidence bundle's files (the export is recorded on the admin audit trail); the CLI writes them and their manifest. */
  evidenceBundle(id: string): Promise<{ files: { name: string; content: string }[]; auditOk: boolean }>;
  soc2(since: EpochMs | undefined): Promise<Soc2Report>;
  reminders(): Promise<ComplianceReminder[]>;
}

export interface ComplianceCommandDeps {
  /** An incident id as typed (full or short, e.g. 007) made canonical; VALIDATION when it is neither. */
  incidentId(text: string): string;
  withCompliance<T>(cmd: Command, work: (desk: ComplianceDesk) => Promise<T>): Promise<T>;
  now(): number;
  out(text: string): void;
  setExitCode(code: number): void;
}

function parseCount(text: string): number {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) throw new AppError('VALIDATION', `--individuals takes a whole number of people, not '${text}'`, { issues: [{ path: 'individuals', message: 'not a whole number' }] });
  return Number(t);
}

/** Creates `dir`; refuses one that exists with files in it, so a bundle never mixes with other files. */
async function prepareEmptyDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const present = await readdir(dir);
    if (present.length > 0) {
      throw new AppError('VALIDATION', `${dir} is not empty; the evidence bundle goes into a new or empty directory.`, { issues: [{ path: 'out', message: 'directory not empty' }] });
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('VALIDATION', `cannot create ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { issues: [{ path: 'out', message: 'cannot create' }] });
  }
}

/** Writes each file (never over an existing one) and MANIFEST.sha256 in `sha256sum -c` form; returns the names written. */
async function writeBundle(dir: string, files: readonly { name: string; content: string }[]): Promise<string[]> {
  const manifest: string[] = [];
  for (const { name, content } of files) {
    if (!/^[\w.-]+$/.test(name)) throw new AppError('VALIDATION', `The evidence bundle names a file '${name}' that is not a plain file name; nothing more was written.`);
    const bytes = Buffer.from(content, 'utf8');
    await writeFile(join(dir, name), bytes, { flag: 'wx' });
    manifest.push(`${createHash('sha256').update(bytes).digest('hex')}  ${name}`);
  }
  await writeFile(join(dir, 'MANIFEST.sha256'), manifest.join('\n') + '\n', { flag: 'wx' });
  return [...files.map((f) => f.name), 'MANIFEST.sha256'];
}

export function registerComplianceCommands(program: Command, deps: ComplianceCommandDeps): void {
  const compliance = program.command('compliance').description('compliance clocks (GDPR, HIPAA, PCI DSS, SOX), notifications, evidence and the SOC 2 check');

  compliance
    .command('flag')
    .description('flag an incident as touching regulated data; starts that regime\'s notification clocks')
    .argument('<id>', 'incident id')
    .argument('<regime>', 'gdpr | hipaa | pci-dss | sox')
    .requiredOption('--aware-at <time>', 'when the organisation became aware (ISO time, or "3h ago")')
    .option('--individuals <n>', 'how many people are affected (HIPAA: 500 or more also means HHS and media)')
    .option('--high-risk', 'GDPR Art. 34: high risk to the data subjects (they must be told too)')
    .option('--note <text>', 'what data, how it was found')
    .option('--json', 'print JSON')
    .action(async (rawId: string, rawRegime: string, opts: { awareAt: string; individuals?: string; highRisk?: boolean; note?: string; json?: boolean }, cmd: Command) => {
      const id = deps.incidentId(rawId);
      const regime = parseComplianceRegime(rawRegime);
      const input: FlagInput = {
        regime,
        awareAt: parseInstant(opts.awareAt, epochMs(deps.now()), '--aware-at'),
        ...(opts.individuals === undefined ? {} : { individuals: parseCount(opts.individuals) }),
        ...(opts.highRisk ? { highRisk: true } : {}),
        ...(opts.note === undefined ? {} : { note: opts.note }),
      };
      const o = await deps.withCompliance(cmd, (desk) => desk.flag(id, input));
      if (opts.json) return deps.out(JSON.stringify(o, null, 2));
      if (!o.changed) return deps.out(`${id} is already flagged ${COMPLIANCE_REGIME_LABEL[regime]} with exactly that; nothing changed.`);
      deps.out(`${id} flagged ${COMPLIANCE_REGIME_LABEL[regime]}. Deadlines:`);
      for (const ob of o.incident.compliance.obligations.filter((x) => x.regime === regime && x.status !== 'not-required')) {
        deps.out(`  ${ob.title}: ${ob.dueAt === null ? 'without undue delay' : `due ${ob.dueAt.replace(/\.000Z$/, 'Z')}`}${ob.contacts.length ? ` (${ob.contacts.map((c) => c.name).join(', ')})` : ''}`);
      }
      deps.out(`Record each notification with "incident-response compliance notify ${id} ${regime} --to …".`);
    });

  compliance
    .command('notify')
    .description('record a notification made (to a regulator, acquirer, card brand, auditor, the people affected)')
    .argument('<id>', 'incident id')
    .argument('<regime>', 'gdpr | hipaa | pci-dss | sox')
    .requiredOption('--to <who>', 'who was notified, e.g. "CNIL" or a configured contact name')
    .addOption(new Option('--phase <phase>', 'which report of a phased series').choices([...NOTIFICATION_PHASES]).default('initial'))
    .option('--obligation <key>', 'which obligation this meets (default: from the configured contact named by --to, else the regime\'s first)')
    .option('--note <text>', 'reference number, channel, what was said')
    .option('--json', 'print JSON')
    .action(async (rawId: string, rawRegime: string, opts: { to: string; phase: string; obligation?: string; note?: string; json?: boolean }, cmd: Command) => {
      const id = deps.incidentId(rawId);
      const regime = parseComplianceRegime(rawRegime);
      const input: NotifyInput = {
        regime,
        to: opts.to,
        phase: parseNotificationPhase(opts.phase),
        ...(opts.obligation === undefined ? {} : { obligation: parseObligation(regime, opts.obligation) }),
        ...(opts.note === undefined ? {} : { note: opts.note }),
      };
      const o = await deps.withCompliance(cmd, (desk) => desk.notify(id, input));
      if (opts.json) return deps.out(JSON.stringify(o, null, 2));
      const ob = o.incident.compliance.obligations.filter((x) => x.regime === regime).find((x) => x.notifications.some((n) => n.at === o.incident.asOf && n.to === opts.to.trim()));
      deps.out(`Recorded: ${COMPLIANCE_REGIME_LABEL[regime]} ${ob?.key ?? ''} notification (${input.phase}) to ${opts.to.trim()} for ${id}.`.replace('  ', ' '));
      if (ob && ob.dueAt !== null) {
        const first = ob.firstNotifiedAt ?? o.incident.asOf;
        deps.out(Date.parse(first) <= Date.parse(ob.dueAt) ? `Within the deadline (${ob.dueAt.replace(/\.000Z$/, 'Z')}).` : `AFTER the deadline (${ob.dueAt.replace(/\.000Z$/, 'Z')}).`);
      }
    });

  compliance
    .command('export')
    .description('write the evidence bundle of an incident: timeline, audit chain and its verification, RCA, communications, checklist, SHA-256 manifest')
    .argument('<id>', 'incident id')
    .requiredOption('--out <dir>', 'directory to write (created; must be empty if it exists)')
    .option('--json', 'print JSON')
    .action(async (rawId: string, opts: { out: string; json?: boolean }, cmd: Command) => {
      const id = deps.incidentId(rawId);
      const dir = resolve(process.cwd(), opts.out);
      await prepareEmptyDirectory(dir);
      const bundle = await deps.withCompliance(cmd, (desk) => desk.evidenceBundle(id));
      const r = { dir, files: await writeBundle(dir, bundle.files), auditOk: bundle.auditOk };
      if (opts.json) return deps.out(JSON.stringify(r, null, 2));
      deps.out(`Wrote the evidence bundle of ${id} to ${r.dir} (${r.files.length} files: ${r.files.join(', ')}).`);
      deps.out(r.auditOk ? 'The audit chain verified intact; see audit-chain.json.' : 'WARNING: the audit chain did NOT verify; see audit-chain.json.');
    });

  compliance
    .command('soc2')
    .description('SOC 2 completeness: incidents missing required documentation (exit 13 when any)')
    .option('--since <time>', 'declared since a time (2026-01-01) or a span (90d)')
    .option('--json', 'print JSON')
    .action(async (opts: { since?: string; json?: boolean }, cmd: Command) => {
      const since = opts.since === undefined ? undefined : parseInstant(opts.since, epochMs(deps.now()), '--since');
      const r = await deps.withCompliance(cmd, (desk) => desk.soc2(since));
      if (r.incomplete.length > 0) deps.setExitCode(EXIT_SOC2_INCOMPLETE);
      if (opts.json) return deps.out(JSON.stringify(r, null, 2));
      const scope = r.since === null ? 'all incidents' : `incidents declared since ${r.since.replace(/\.000Z$/, 'Z')}`;
      if (r.incomplete.length === 0) return deps.out(`OK: ${r.checked} ${scope.replace('all incidents', 'incidents')} checked; none is missing documentation.`);
      deps.out(`${r.incomplete.length} of ${r.checked} ${scope.replace('all incidents', 'incidents')} miss documentation:`);
      for (const i of r.incomplete) {
        deps.out(`  ${i.id} ${i.severity} ${i.status} — ${i.title}`);
        for (const f of i.findings) deps.out(`    - ${f.code}: ${f.message}`);
      }
    });

  compliance
    .command('reminders')
    .description('the compliance reminders due now, with their idempotency keys (the paging engine delivers them)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const due = await deps.withCompliance(cmd, (desk) => desk.reminders());
      // As the API answers them: instants in ISO-8601.
      if (opts.json) return deps.out(JSON.stringify(due.map((r) => ({ ...r, dueAt: new Date(r.dueAt).toISOString() })), null, 2));
      if (due.length === 0) return deps.out('No compliance reminders are due.');
      for (const r of due) deps.out(`${r.kind === 'late' ? 'LATE ' : ''}${r.message}  [${r.idempotencyKey}]`);
    });
}
