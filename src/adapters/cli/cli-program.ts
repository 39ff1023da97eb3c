import { registerAlertAdminCommands, type AlertAdmin } from './alert-admin-commands.js';
import { Command, CommanderError, Option } from 'commander';
import { expandActionItemRef, expandIncidentId, isDeclarationReceipt, type CommandOutcome, type IncidentApi, type IncidentDto } from '../../app/incidents/index.js';
import type { IntegrationSwitchNote } from '../../app/config/index.js';
import type { IncidentFilter } from '../../app/ports/index.js';
import type { ApiTokenDto, CreatedToken } from '../../app/tokens/index.js';
import {
  INCIDENT_ROLES, PUBLIC_STATUSES, parseEnvironment, parseIncidentRole, parseIncidentType, parsePublicStatus, parseSeverity,
} from '../../domain/classification/index.js';
import { AppError, didYouMean, isAppError } from '../../domain/errors/index.js';
import { IANAZone } from 'luxon';
import { PUBLIC_IMPACTS, type PublicImpact } from '../../domain/incident/index.js';
import { epochMs } from '../../domain/time/index.js';
import { EXIT_CODE } from './exit-codes.js';
import {
  isClassificationWord, parseEnvironmentList, parseInstant, parseLimit, parseSeverityList, parseStatusList, parseTypeList,
} from './parse-options.js';
import { TimeFormatter } from './render/format-time.js';
import { renderDeclarationReceipt, renderDeclared, renderOutcomeLine, renderShow } from './render/render-incident.js';
import { renderList, renderTimeline } from './render/render-list.js';
import { createStyle, wantsColour, type Style } from './render/style.js';
import { guardTerminalOutput, terminalText } from './render/terminal-text.js';
import { GLOBAL_OPTIONS_HEADING } from './help/command-tree.js';
import { applyHelpLayout, registerHelpCommands } from './help/help-commands.js';
import { registerReportCommands, type ReportDesk } from './report-commands.js';
import { registerAuditCommands, type AuditDesk } from './audit-commands.js';
import { registerBackupCommands, type BackupDesk } from './backup-commands.js';
import { registerComplianceCommands, type ComplianceDesk } from './compliance-commands.js';
import { registerFollowUpCommands, type FollowUpDesk } from './follow-up-commands.js';
import { registerOnCallCommands, type OnCallSetup } from './oncall-commands.js';
import { registerOnCallOverrideCommands } from './oncall-override-commands.js';
import type { OnCallChangesClient } from '../../app/oncall-overrides/index.js';
import { registerMaintenanceCommands, type MaintenanceDesk } from './maintenance-commands.js';
import { registerImportCommands, type ImportOutcome, type ImportRequest } from './import-commands.js';
import { registerDoctorCommand } from './doctor-command.js';
import { registerDashboardCommand, type OpenedDashboard } from './dashboard-command.js';
import type { Finding } from '../../app/readiness/index.js';

/** Flags every command understands. */
export interface GlobalOptions {
  readonly db?: string;
  readonly config?: string;
  readonly as?: string;
  readonly api?: string;
  /** The IANA zone times are shown in; default the acting person's time_zone, else display_time_zone. */
  readonly tz?: string;
}

/**
 * Every verb that works on incidents and what follows them, on the local store or on a server
 * (--api): one interface, a local and a remote implementation, so a command cannot tell them apart
 * and prints the same either way. The acting principal is bound when it is opened.
 */
export interface CliClient {
  readonly incidents: IncidentApi;
  readonly reports: ReportDesk;
  readonly followUp: FollowUpDesk;
  readonly compliance: ComplianceDesk;
  readonly statusPage: StatusPageCommands;
  readonly alertAdmin: AlertAdmin;
  readonly tokens: TokenAdmin;
  /** Times are shown in the configuration's display time zone, remote or local. */
  readonly displayTimeZone: string;
  close(): Promise<void>;
}

/** What the CLI needs from the composition root. Nothing is opened until a command needs it. */
export interface CliBackend {
  /** The client for one command: the local store, or the server named by --api / IR_API_URL. */
  open(options: GlobalOptions): Promise<CliClient>;
  /** Validates a config file (or the one found from the working directory); throws CONFIG_INVALID. */
  validateConfig(file: string | undefined): Promise<{ file: string | undefined; summary: string[] }>;
  /** Readiness findings for the local store and configuration, most urgent first. */
  runDoctor(options: GlobalOptions): Promise<readonly Finding[]>;
  /** The monitoring dashboard on the local database, or on the server with --api. */
  openDashboard(options: GlobalOptions): Promise<OpenedDashboard>;
  /** What each product-description-style key of a valid config file became; throws CONFIG_INVALID. */
  explainConfig(file: string | undefined): Promise<{ file: string | undefined; notes: readonly IntegrationSwitchNote[] }>;
  /** Seeds demonstration incidents when the store is empty; returns how many were created. */
  seedDemo(options: GlobalOptions): Promise<number>;
  /** Replays trigger rules over a recorded series: what to print, and the same as JSON. */
  rulesTest(rulesFile: string, seriesFile: string): Promise<{ text: string; json: unknown }>;
  /**
   * Runs the HTTP server on the local store until SIGTERM or SIGINT, then finishes requests in
   * flight, closes the store and resolves. `onListening` receives the URL once it accepts requests.
   */
  serve(options: GlobalOptions, listen: { port: number; host: string }, onListening: (url: string) => void): Promise<void>;
  /** The audit trail on the local store: verification with checkpoints, signing, export, the log. */
  openAuditDesk(options: GlobalOptions): Promise<{ desk: AuditDesk; close(): Promise<void> }>;
  /** Backup and restore of the local store (each call opens what it needs). */
  backupDesk(options: GlobalOptions): BackupDesk;
  /** Creates an Ed25519 signing key pair at `out` (and `out`.pub). */
  auditKeygen(out: string): Promise<{ privateKeyPath: string; publicKeyPath: string; keyId: string }>;
  /** People, teams, schedules, escalation policies and services from the configuration (no database). */
  loadOnCall(options: GlobalOptions): Promise<OnCallSetup>;
  /** On-call overrides and test pages, on the local store or the server (--api). */
  openOnCallChanges(options: GlobalOptions): Promise<{ readonly client: OnCallChangesClient; readonly displayTimeZone: string; close(): Promise<void> }>;
  /** Reads PagerDuty, Opsgenie or Grafana OnCall and writes the mapped configuration file (no database). */
  runImport(request: ImportRequest, progress: (line: string) => void): Promise<ImportOutcome>;
  /** Opens `text` in $VISUAL / $EDITOR as a file named `fileName` and returns what was saved. */
  editText(text: string, fileName: string): Promise<string>;
  now(): number;
  version: string;
}

/** The status page verbs as the CLI sees them. */
export interface StatusPageCommands {
  publish(id: string, input: { title?: string; componentIds: string[]; impact: PublicImpact }): Promise<CommandOutcome>;
  unpublish(id: string): Promise<CommandOutcome>;
  /** Writes the whole page as static files under `dir`; returns the relative paths written. */
  exportTo(dir: string): Promise<string[]>;
  /** Scheduled maintenance windows. */
  readonly maintenance: MaintenanceDesk;
}

/** Token management as the CLI sees it (the acting admin is bound by the backend). */
export interface TokenAdmin {
  create(input: { name: string; role: string; teams: string[]; scopes?: string }): Promise<CreatedToken>;
  list(): Promise<ApiTokenDto[]>;
  revoke(idOrName: string): Promise<ApiTokenDto>;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal (colour and fitting to its width). */
  isTty: boolean;
  /** The terminal's width when stdout is one; COLUMNS, when set, wins. */
  columns?: number | undefined;
  env: Readonly<Record<string, string | undefined>>;
}

/** The end of the program's help: its examples, then the environment it reads. */
const rootHelpText = (examples: readonly string[]) => `
Examples:
${examples.map((e) => `  ${e}`).join('\n')}

Environment:
  DATABASE_URL   postgres://… to use PostgreSQL instead of the SQLite file
  PORT, HOST     where "serve" listens (default 8080 on 127.0.0.1)
  IR_DB          SQLite file (default ./incident-response.db)
  IR_CONFIG      configuration file (default ./incident-response.yaml if present)
  IR_USER        who you are in the timeline (default: your login name)
  IR_API_URL     a server to work against (same as --api); IR_TOKEN is its API token
  COLUMNS        width to fit tables to (default: the terminal's; output to a pipe is not cut)
  NO_COLOR       never colour; FORCE_COLOR colours even output to a pipe

Incident ids may be shortened: 007 is incident 7 of today (UTC), 1206-007 that day this
year, SEC-007 today's security incident 7. "incident-response help COMMAND" tells more.`;

/** COLUMNS when it is a usable number, else the terminal's width; undefined for a pipe or file. */
function outputWidth(io: CliIo): number | undefined {
  const fromEnv = Number(io.env['COLUMNS']);
  if (Number.isInteger(fromEnv) && fromEnv >= 20) return fromEnv;
  return io.isTty && io.columns !== undefined && io.columns >= 20 ? io.columns : undefined;
}

class ExitSignal {
  constructor(readonly code: number) {}
}

/** Runs one invocation and returns the exit code. Never throws; never prints a stack trace. */
export async function runCli(argv: readonly string[], terminal: CliIo, backend: CliBackend): Promise<number> {
  const colour = wantsColour(terminal.isTty, terminal.env);
  const st = createStyle(colour);
  // Everything printed passes the guard: no control character reaches the terminal but our colours.
  const io: CliIo = { ...terminal, out: (s) => terminal.out(guardTerminalOutput(s, colour)), err: (s) => terminal.err(guardTerminalOutput(s, colour)) };
  const width = outputWidth(io);
  let exitCode = 0;
  const json = (value: unknown) => io.out(JSON.stringify(value, null, 2));

  const program = new Command('incident-response');
  // Each command carries the global flags itself, so `list --db x` and `--db x list` both work and
  // a command's own --json is never taken by the program.
  const withGlobalOptions = (cmd: Command): Command => cmd
    .addOption(new Option('--db <file>', 'SQLite database file (env IR_DB; default ./incident-response.db)').helpGroup(GLOBAL_OPTIONS_HEADING))
    .addOption(new Option('--config <file>', 'configuration file (env IR_CONFIG)').helpGroup(GLOBAL_OPTIONS_HEADING))
    .addOption(new Option('--as <name>', 'who is acting, shown in the timeline (env IR_USER)').helpGroup(GLOBAL_OPTIONS_HEADING))
    .addOption(new Option('--api <url>', 'work against a server instead of the local database (env IR_API_URL; token from IR_TOKEN)').helpGroup(GLOBAL_OPTIONS_HEADING))
    .addOption(new Option('--tz <zone>', 'IANA time zone to show times in, e.g. Europe/Berlin (env IR_TZ; default your own time_zone from people, else display_time_zone)').helpGroup(GLOBAL_OPTIONS_HEADING));
  program
    .usage('<severity> <type> <environment> [options]')
    .description('Declare, work and audit incidents.\n\nDeclare one with "incident-response <severity> <type> <environment>"; work it, and do everything else, with "incident-response <command>" (below, grouped by job).')
    .version(backend.version, '-V, --version')
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) });

  withGlobalOptions(program);
  const globals = (cmd: Command): GlobalOptions => cmd.optsWithGlobals<GlobalOptions>();

  /** Opens the client (local store or server) for one command and always closes it. */
  async function withClient<T>(cmd: Command, work: (client: CliClient, t: TimeFormatter) => Promise<T>): Promise<T> {
    const client = await backend.open(globals(cmd));
    try {
      return await work(client, new TimeFormatter(shownZone(globals(cmd).tz ?? io.env['IR_TZ'], client.displayTimeZone), backend.now()));
    } finally {
      await client.close();
    }
  }
  const withApi = <T>(cmd: Command, work: (api: IncidentApi, t: TimeFormatter) => Promise<T>): Promise<T> => withClient(cmd, (client, t) => work(client.incidents, t));
  const isRemote = (cmd: Command): boolean => (globals(cmd).api ?? io.env['IR_API_URL'] ?? '') !== '';
  /** The verbs that read or write files beside the database (or the database file itself) refuse --api, here only. */
  const requireLocal = (cmd: Command, what: string, pronoun: 'it' | 'them' = 'it'): void => {
    if (isRemote(cmd)) throw new AppError('VALIDATION', `${what} on the local database only; run ${pronoun} where the database is (without --api or IR_API_URL).`);
  };

  function report(verb: string, o: CommandOutcome, asJson: boolean, t: TimeFormatter, extra?: (i: IncidentDto) => string[]): void {
    if (asJson) return json(o);
    io.out(renderOutcomeLine(verb, o.incident, o.changed, t));
    if (o.changed && extra) for (const line of extra(o.incident)) io.out(line);
  }

  /** Incident ids as typed (full, or short: 007, 1206-007, SEC-007), expanded against the clock's day. */
  const id = (text: string) => expandIncidentId(text, epochMs(backend.now()));
  const actionRef = (text: string) => expandActionItemRef(text, epochMs(backend.now()));

  // The command the product is named after.
  program
    .argument('[severity]', 'critical | high | medium | low (sev1..sev4)')
    .argument('[type]', 'outage | security | performance | data | integration')
    .argument('[environment]', 'production | staging | development | all')
    .option('-t, --title <title>', 'what is wrong, in a few words')
    .option('-s, --service <service>', 'affected service')
    .option('--summary <text>', 'longer description')
    .option('--impact-started <time>', 'when impact began (ISO time or "20m ago"), for time-to-detect')
    .option('--json', 'print JSON')
    .action(async (severity: string | undefined, type: string | undefined, environment: string | undefined, opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      if (severity === undefined) {
        program.outputHelp();
        return;
      }
      if (!isClassificationWord(severity)) {
        const guess = didYouMean(severity, program.commands.map((c) => c.name()));
        if (guess !== undefined) throw new AppError('VALIDATION', `unknown command '${severity}' — did you mean '${guess}'?`);
      }
      const sev = parseSeverity(severity);
      if (type === undefined) throw new AppError('VALIDATION', 'missing type: incident-response <severity> <type> <environment> (type: outage, security, performance, data, integration)');
      const incidentType = parseIncidentType(type);
      if (environment === undefined) throw new AppError('VALIDATION', 'missing environment: incident-response <severity> <type> <environment> (environment: production, staging, development, all)');
      const env = parseEnvironment(environment);
      const now = epochMs(backend.now());
      const impact = typeof opts['impactStarted'] === 'string' ? parseInstant(opts['impactStarted'], now, '--impact-started') : undefined;
      await withApi(cmd, async (api, t) => {
        const o = await api.declare({
          severity: sev,
          incidentType,
          environment: env,
          ...(typeof opts['title'] === 'string' ? { title: opts['title'] } : {}),
          ...(typeof opts['service'] === 'string' ? { service: opts['service'] } : {}),
          ...(typeof opts['summary'] === 'string' ? { summary: opts['summary'] } : {}),
          ...(impact === undefined ? {} : { impactStartedAt: impact }),
        });
        if (isDeclarationReceipt(o)) {
          if (opts['json'] === true) json(o.receipt);
          else io.out(renderDeclarationReceipt(o.receipt, t, st));
        } else if (opts['json'] === true) json({ ...o.incident, paging: o.paging });
        else io.out(renderDeclared(o.incident, o.paging, t, st));
      });
    });

  program
    .command('list')
    .description('list incidents, newest first')
    .option('--status <list>', 'triggered, acknowledged, mitigated, resolved, closed, or open (comma-separated)')
    .option('--severity <list>', 'critical, high, medium, low (comma-separated)')
    .option('--type <list>', 'outage, security, performance, data, integration (comma-separated)')
    .option('--environment <list>', 'production, staging, development, all (comma-separated)')
    .option('--service <service>', 'only this service')
    .option('--since <time>', 'declared since a time (2026-11-01) or a span (24h, 7d)')
    .option('--limit <n>', 'at most this many (1-1000)', '50')
    .option('--json', 'print JSON')
    .action(async (opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      const now = epochMs(backend.now());
      const str = (k: string) => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
      const filter: IncidentFilter = {
        ...(str('status') ? { statuses: parseStatusList(str('status')!) } : {}),
        ...(str('severity') ? { severities: parseSeverityList(str('severity')!) } : {}),
        ...(str('type') ? { types: parseTypeList(str('type')!) } : {}),
        ...(str('environment') ? { environments: parseEnvironmentList(str('environment')!) } : {}),
        ...(str('service') ? { service: str('service')! } : {}),
        ...(str('since') ? { since: parseInstant(str('since')!, now, '--since') } : {}),
        limit: parseLimit(str('limit') ?? '50'),
      };
      await withApi(cmd, async (api, t) => {
        const items = await api.list(filter);
        if (opts['json'] === true) json(items);
        else io.out(renderList(items, t, st, width));
      });
    });

  program
    .command('show')
    .description('an incident: state, roles, clocks, checklist, last update')
    .argument('<id>', 'incident id, e.g. INC-2026-1128-001')
    .option('--json', 'print JSON')
    .action(async (rawId: string, opts: { json?: boolean }, cmd: Command) => {
      await withApi(cmd, async (api, t) => {
        const i = await api.get(id(rawId));
        if (opts.json) json(i);
        else io.out(renderShow(i, t, st));
      });
    });

  program
    .command('ack')
    .alias('acknowledge')
    .description('acknowledge: you are on it (stops the response clock)')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action(async (rawId: string, opts: { json?: boolean }, cmd: Command) => {
      await withApi(cmd, async (api, t) => report('acknowledged', await api.acknowledge(id(rawId)), !!opts.json, t, (i) => [
        i.clocks.response.metAt ? `Response ${i.clocks.response.state === 'met' ? 'within' : 'AFTER'} target (${i.policy.respondWithin}, due ${t.short(i.clocks.response.dueAt)}).` : '',
      ].filter(Boolean)));
    });

  program
    .command('mitigate')
    .description('impact is stopped; the fix is not final yet')
    .argument('<id>')
    .option('--note <text>', 'what stopped the impact')
    .option('--json', 'print JSON')
    .action(async (rawId: string, opts: { json?: boolean; note?: string }, cmd: Command) => {
      await withApi(cmd, async (api, t) => report('mitigated', await api.mitigate(id(rawId), opts.note), !!opts.json, t));
    });

  program
    .command('update')
    .description('post a status update (public status and message); sets when the next update is due')
    .argument('<id>')
    .addOption(new Option('--status <status>', 'public status').choices([...PUBLIC_STATUSES]).makeOptionMandatory())
    .requiredOption('-m, --message <text>', 'what to tell stakeholders')
    .option('--json', 'print JSON')
    .action(async (rawId: string, opts: { status: string; message: string; json?: boolean }, cmd: Command) => {
      const status = parsePublicStatus(opts.status);
      await withApi(cmd, async (api, t) => report('updated', await api.postStatusUpdate(id(rawId), status, opts.message), !!opts.json, t, (i) => [
        i.clocks.nextUpdate.dueAt ? `Next update due ${t.short(i.clocks.nextUpdate.dueAt)} (${i.policy.updateCadence}).` : '',
      ].filter(Boolean)));
    });

  program
    .command('assign')
    .description('give someone an incident role')
    .argument('<id>')
    .requiredOption('--role <role>', INCIDENT_ROLES.join(' | '))
    .requiredOption('--to <person>', 'who takes the role')
    .option('--json', 'print JSON')
    .action(async (rawId: string, opts: { role: string; to: string; json?: boolean }, cmd: Command) => {
      const role = parseIncidentRole(opts.role);
      await withApi(cmd, async (api, t) => report(`${role} is now ${opts.to.trim()}`, await api.assignRole(id(rawId), role, opts.to), !!opts.json, t));
    });

  program
    .command('step')
    .description('mark a workflow step done (or undo it): step ID confirm-scope done | step ID 1.2 undo')
    .argument('<id>')
    .argument('<step>', 'step key or number, as shown by "show"')
    .argument('[state]', 'done | undo', 'done')
    .option('--json', 'print JSON')
    .action(async (rawId: string, step: string, state: string, opts: { json?: boolean }, cmd: Command) => {
      const s = state.toLowerCase();
      if (s !== 'done' && s !== 'undo' && s !== 'open') throw new AppError('VALIDATION', `step state must be 'done' or 'undo', not '${state}'`);
      await withApi(cmd, async (api, t) => report(s === 'done' ? `step ${step} done` : `step ${step} reopened`, await api.setStep(id(rawId), step, s === 'done'), !!opts.json, t, (i) => [
        `Checklist ${i.checklist.done}/${i.checklist.total} done${i.checklist.overdue ? `, ${i.checklist.overdue} overdue` : ''}.`,
      ]));
    });

  program
    .command('severity')
    .description('re-classify the severity; recomputes clocks, keeps history')
    .argument('<id>')
    .argument('<severity>', 'critical | high | medium | low')
    .option('--reason <text>', 'why')
    .option('--json', 'print JSON')
    .action(async (rawId: string, sev: string, opts: { reason?: string; json?: boolean }, cmd: Command) => {
      const to = parseSeverity(sev);
      await withApi(cmd, async (api, t) => report(`is now ${to}`, await api.changeSeverity(id(rawId), to, opts.reason), !!opts.json, t, (i) => [
        `${i.severityLabel}: respond within ${i.policy.respondWithin} (due ${t.short(i.clocks.response.dueAt)}), updates ${i.policy.updateCadence}${i.clocks.nextUpdate.dueAt ? ` (next due ${t.short(i.clocks.nextUpdate.dueAt)})` : ''}, ${i.policy.escalation}.`,
      ]));
    });

  program
    .command('type')
    .description('re-classify the type; starts that type\'s workflow, keeps history')
    .argument('<id>')
    .argument('<type>', 'outage | security | performance | data | integration')
    .option('--reason <text>', 'why')
    .option('--json', 'print JSON')
    .action(async (rawId: string, type: string, opts: { reason?: string; json?: boolean }, cmd: Command) => {
      const to = parseIncidentType(type);
      await withApi(cmd, async (api, t) => report(`is now a ${to} incident`, await api.changeType(id(rawId), to, opts.reason), !!opts.json, t, (i) => [
        `Workflow: ${i.checklist.title} (${i.checklist.done}/${i.checklist.total} done).`,
      ]));
    });

  program
    .command('resolve')
    .description('the incident is over; posts the final update')
    .argument('<id>')
    .requiredOption('--summary <text>', 'what fixed it')
    .option('--json', 'print JSON')
    .action(async (rawId: string, opts: { summary: string; json?: boolean }, cmd: Command) => {
      await withApi(cmd, async (api, t) => report('resolved', await api.resolve(id(rawId), opts.summary), !!opts.json, t));
    });

  program
    .command('reopen')
    .description('it came back: reopen a resolved incident')
    .argument('<id>')
    .option('--reason <text>', 'why')
    .option('--json', 'print JSON')
    .action(async (rawId: string, opts: { reason?: string; json?: boolean }, cmd: Command) => {
      await withApi(cmd, async (api, t) => report('reopened', await api.reopen(id(rawId), opts.reason), !!opts.json, t, (i) => [
        `Response due ${t.short(i.clocks.response.dueAt)}.`,
      ]));
    });

  program
    .command('close')
    .description('close a resolved incident once its review is done')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action(async (rawId: string, opts: { json?: boolean }, cmd: Command) => {
      await withApi(cmd, async (api, t) => report('closed', await api.close(id(rawId)), !!opts.json, t));
    });

  program
    .command('note')
    .description('add a note to the timeline')
    .argument('<id>')
    .argument('<text...>', 'the note')
    .option('--json', 'print JSON')
    .action(async (rawId: string, text: string[], opts: { json?: boolean }, cmd: Command) => {
      await withApi(cmd, async (api, t) => report('noted', await api.addNote(id(rawId), text.join(' ')), !!opts.json, t));
    });

  program
    .command('impact')
    .description('assess the business impact: customers affected, revenue at risk per minute (the cost follows from the minutes of impact)')
    .argument('<id>')
    .option('--customers <n>', 'customers affected now', (v) => parseCount('--customers', v))
    .option('--of <n>', 'customers there are (default: impact.customers_total)', (v) => parseCount('--of', v))
    .option('--revenue-per-minute <amount>', 'revenue at risk per minute of impact (default: impact.revenue_per_minute)', (v) => parseAmount('--revenue-per-minute', v))
    .option('--currency <code>', 'ISO 4217 code, e.g. USD')
    .option('--note <text>', 'how the figures were reached')
    .option('--json', 'print JSON')
    .action(async (rawId: string, opts: { customers?: number; of?: number; revenuePerMinute?: number; currency?: string; note?: string; json?: boolean }, cmd: Command) => {
      const input = {
        ...(opts.customers === undefined ? {} : { customersAffected: opts.customers }),
        ...(opts.of === undefined ? {} : { customersTotal: opts.of }),
        ...(opts.revenuePerMinute === undefined ? {} : { revenuePerMinute: opts.revenuePerMinute }),
        ...(opts.currency === undefined ? {} : { currency: opts.currency.toUpperCase() }),
        ...(opts.note === undefined ? {} : { note: opts.note }),
      };
      await withApi(cmd, async (api, t) => report('impact assessed', await api.assessImpact(id(rawId), input), !!opts.json, t, (i) => (i.impact === undefined ? [] : [`  Impact: ${i.impact.text}`])));
    });

  program
    .command('timeline')
    .description('everything that happened to an incident, in order')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action(async (rawId: string, opts: { json?: boolean }, cmd: Command) => {
      await withApi(cmd, async (api, t) => {
        const canonical = id(rawId);
        const entries = await api.timeline(canonical);
        if (opts.json) json(entries);
        else io.out(renderTimeline(canonical, entries, t));
      });
    });

  const audit = program.command('audit').description('the tamper-evident event log: verify, signed checkpoints, keys, who did what');
  registerAuditCommands(audit, {
    async withAuditDesk(cmd, work) {
      requireLocal(cmd, 'audit checkpoint, checkpoints export and log work', 'them');
      const opened = await backend.openAuditDesk(globals(cmd));
      try {
        return await work(opened.desk);
      } finally {
        await opened.close();
      }
    },
    isRemote,
    withApi: (cmd, work) => withApi(cmd, (api) => work(api)),
    keygen: (out) => backend.auditKeygen(out),
    now: () => backend.now(),
    out: (text) => io.out(text),
    setExitCode: (code) => { exitCode = code; },
  });

  registerBackupCommands(program, {
    backupDesk: (cmd) => {
      requireLocal(cmd, 'backup and restore work', 'them');
      return backend.backupDesk(globals(cmd));
    },
    out: (text) => io.out(text),
    setExitCode: (code) => { exitCode = code; },
  });

  registerComplianceCommands(program, {
    incidentId: id,
    withCompliance: (cmd, work) => withClient(cmd, (client) => work(client.compliance)),
    now: () => backend.now(),
    out: (text) => io.out(text),
    setExitCode: (code) => { exitCode = code; },
  });

  const config = program.command('config').description('configuration');
  config
    .command('validate')
    .description('check a configuration file: severity policy, business hours, workflows, services')
    .argument('[file]', 'YAML file (default: IR_CONFIG or ./incident-response.yaml)')
    .option('--json', 'print JSON')
    .action(async (file: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      const result = await backend.validateConfig(file ?? globals(cmd).config);
      if (opts.json) json({ ok: true, ...result });
      else {
        io.out(result.file ? `OK: ${result.file} is valid.` : 'OK: no configuration file; using the built-in defaults.');
        for (const line of result.summary) io.out(`  ${line}`);
      }
    });

  config
    .command('explain')
    .description('what each product-description-style key (integrations.slack.incident_channel, integrations.sms.critical_only, …) became, and what it still needs')
    .argument('[file]', 'YAML file (default: IR_CONFIG or ./incident-response.yaml)')
    .option('--json', 'print JSON')
    .action(async (file: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      const result = await backend.explainConfig(file ?? globals(cmd).config);
      if (opts.json) return json(result);
      io.out(renderConfigExplain(result.file, result.notes));
    });

  const rules = program.command('rules').description('trigger rules (the product\'s own detection)');
  rules
    .command('test')
    .description('replay a recorded metric series and show when each rule would have fired and resolved')
    .argument('<rules>', 'rules YAML file (triggers: …)')
    .requiredOption('--series <file>', 'CSV: timestamp,metric1,metric2,…')
    .option('--json', 'print JSON')
    .action(async (rulesFile: string, opts: { series: string; json?: boolean }) => {
      const result = await backend.rulesTest(rulesFile, opts.series);
      if (opts.json) json(result.json);
      else io.out(result.text.replace(/\n$/, ''));
    });

  program
    .command('demo')
    .description('seed demonstration incidents (only into an empty database) and list them')
    .action(async (_opts: unknown, cmd: Command) => {
      requireLocal(cmd, 'demo seeds');
      const created = await backend.seedDemo(globals(cmd));
      io.out(created > 0 ? `Seeded ${created} demonstration incidents.\n` : 'The database already has incidents; nothing seeded.\n');
      await withApi(cmd, async (api, t) => {
        io.out(renderList(await api.list({ limit: 20 }), t, st, width));
        io.out(`\nTry: incident-response show ID · incident-response critical outage production --title "Checkout API down" --service checkout`);
      });
    });

  const withTokens = <T>(cmd: Command, work: (tokens: TokenAdmin) => Promise<T>): Promise<T> => withClient(cmd, (client) => work(client.tokens));

  const token = program.command('token').description('API tokens for the server: create, list, revoke');
  token
    .command('create')
    .description('create a token; it is printed once and never shown again')
    .requiredOption('--name <name>', 'what the token is for (unique among live tokens), e.g. ci')
    .requiredOption('--role <role>', 'viewer | responder | commander | admin')
    .option('--team <team>', 'a team the token belongs to (repeatable), e.g. security', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--scope <scopes>', 'what the token may do: read, ingest, write (comma-separated), e.g. read,ingest; every scope when absent')
    .option('--json', 'print JSON')
    .action(async (opts: { name: string; role: string; team: string[]; scope?: string; json?: boolean }, cmd: Command) => {
      await withTokens(cmd, async (tokens) => {
        const created = await tokens.create({ name: opts.name, role: opts.role, teams: opts.team, ...(opts.scope === undefined ? {} : { scopes: opts.scope }) });
        if (opts.json) return json(created);
        io.out(`Created token '${created.record.name}' (${created.record.role}${created.record.teams.length ? `, teams ${created.record.teams.join(', ')}` : ''}, scopes ${created.record.scopes.join(',')}):`);
        io.out('');
        io.out(`  ${created.token}`);
        io.out('');
        io.err(st.yellow('Copy it now: it is not shown again (only its hash is stored).'));
        io.out(`Use it as: Authorization: Bearer ${created.record.prefix}…`);
      });
    });
  token
    .command('list')
    .description('tokens, newest first, revoked ones included (never the secrets)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withTokens(cmd, async (tokens) => {
        const items = await tokens.list();
        if (opts.json) return json(items);
        io.out(renderTokens(items, st));
      });
    });
  token
    .command('revoke')
    .description('revoke a token by name or id; it stops working at once')
    .argument('<nameOrId>')
    .option('--json', 'print JSON')
    .action(async (nameOrId: string, opts: { json?: boolean }, cmd: Command) => {
      await withTokens(cmd, async (tokens) => {
        const r = await tokens.revoke(nameOrId);
        if (opts.json) return json(r);
        io.out(`Revoked token '${r.name}' (${r.id}, ${r.prefix}…).`);
      });
    });

  const withStatusPage = <T>(cmd: Command, work: (page: StatusPageCommands) => Promise<T>): Promise<T> => withClient(cmd, (client) => work(client.statusPage));

  program
    .command('publish')
    .description('put a production incident on the public status page (again, to change its title, components or impact)')
    .argument('<id>')
    .option('--component <id>', 'an affected component of status_page.components (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .addOption(new Option('--impact <impact>', 'impact customers see').choices([...PUBLIC_IMPACTS]).makeOptionMandatory())
    .option('--title <title>', 'public title (default: the incident title; required for security incidents)')
    .option('--json', 'print JSON')
    .action(async (rawId: string, opts: { component: string[]; impact: PublicImpact; title?: string; json?: boolean }, cmd: Command) => {
      const input = { componentIds: opts.component, impact: opts.impact, ...(opts.title === undefined ? {} : { title: opts.title }) };
      const outcome = await withStatusPage(cmd, (page) => page.publish(id(rawId), input));
      if (opts.json) return json(outcome);
      io.out(outcome.changed ? `Published ${outcome.incident.id} on the status page.` : `${outcome.incident.id} already shows exactly that on the status page; nothing changed.`);
    });

  program
    .command('unpublish')
    .description('take an incident off the public status page')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action(async (rawId: string, opts: { json?: boolean }, cmd: Command) => {
      const outcome = await withStatusPage(cmd, (page) => page.unpublish(id(rawId)));
      if (opts.json) return json(outcome);
      io.out(outcome.changed ? `Took ${outcome.incident.id} off the status page.` : `${outcome.incident.id} was not on the status page; nothing changed.`);
    });

  const statusPage = program.command('status-page').description('the public status page');
  statusPage
    .command('export')
    .description('write the whole page (HTML, Statuspage JSON, RSS and Atom) as static files')
    .requiredOption('--out <dir>', 'directory to write into (created if missing)')
    .action(async (opts: { out: string }, cmd: Command) => {
      const written = await withStatusPage(cmd, (page) => page.exportTo(opts.out));
      io.out(`Wrote ${written.length} files to ${opts.out}: ${written.join(', ')}`);
    });

  program
    .command('serve')
    .description('run the HTTP API (docs/api.md) on this database until SIGTERM or Ctrl-C')
    .option('--port <port>', 'TCP port, 0 for any free one (env PORT; default 8080)')
    .option('--host <host>', 'address to listen on (env HOST; default 127.0.0.1)')
    .action(async (opts: { port?: string; host?: string }, cmd: Command) => {
      const port = parsePort(opts.port ?? io.env['PORT'] ?? '8080');
      const host = opts.host ?? io.env['HOST'] ?? '127.0.0.1';
      await backend.serve(globals(cmd), { port, host }, (url) => {
        io.out(`Listening on ${url} (API at ${url}/api/v1, health at ${url}/healthz). Stop with Ctrl-C.`);
      });
      io.out('Stopped.');
    });

  registerFollowUpCommands(program, {
    incidentId: id,
    actionItemRef: actionRef,
    withFollowUp: (cmd, work) => withClient(cmd, (client) => work(client.followUp)),
    out: (text) => io.out(text),
  });

  registerReportCommands(program, {
    incidentId: id,
    withReports: (cmd, work) => withClient(cmd, (client) => work(client.reports)),
    editText: (text, fileName) => backend.editText(text, fileName),
    out: (text) => io.out(text),
  });

  registerAlertAdminCommands(program, {
    withAlertAdmin: (cmd, work) => withClient(cmd, (client) => work(client.alertAdmin)),
    out: (text) => io.out(text),
    err: (text) => io.err(st.yellow(text)),
  });

  registerMaintenanceCommands(program, {
    withMaintenance: (cmd, work) => withClient(cmd, (client, t) => work(client.statusPage.maintenance, t)),
    now: () => backend.now(),
    out: (text) => io.out(text),
  });

  registerDoctorCommand(program, {
    runDoctor: (cmd) => {
      requireLocal(cmd, 'doctor works on the configuration and');
      return backend.runDoctor(globals(cmd));
    },
    out: (text) => io.out(text),
    setExitCode: (code) => { exitCode = code; },
  });

  registerDashboardCommand(program, { openDashboard: (cmd) => backend.openDashboard(globals(cmd)), out: (text) => io.out(text), isTty: io.isTty });

  registerImportCommands(program, { runImport: (request, progress) => backend.runImport(request, progress), out: (text) => io.out(text), err: (text) => io.err(text) });

  registerOnCallCommands(program, { loadOnCall: (cmd) => backend.loadOnCall(globals(cmd)), now: () => backend.now(), withGlobalOptions, out: (text) => io.out(text), setExitCode: (code) => { exitCode = code; } });
  registerOnCallOverrideCommands(program, { openOnCallChanges: (cmd) => backend.openOnCallChanges(globals(cmd)), out: (text) => io.out(text), setExitCode: (code) => { exitCode = code; }, ...(width !== undefined ? { width } : {}) });

  const addToLeaves = (cmd: Command): void => {
    for (const sub of cmd.commands) {
      if (sub.commands.length === 0) withGlobalOptions(sub);
      else addToLeaves(sub);
    }
  };
  addToLeaves(program);
  // Last, so that they read every verb above; they need none of the global flags.
  registerHelpCommands(program, { version: backend.version, out: (text) => io.out(text) });
  applyHelpLayout(program, rootHelpText);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    return handleError(e, io, st);
  }
}

/** `config explain`: one paragraph per switch, "key: value → what it became (setting)", then what it needs. */
function renderConfigExplain(file: string | undefined, notes: readonly IntegrationSwitchNote[]): string {
  if (file === undefined) return 'No configuration file; nothing to explain (the built-in defaults apply).';
  if (notes.length === 0) return `${file} has no product-description-style keys; every key means what docs/configuration.md says.`;
  const lines = [`What the product-description keys in ${file} became:`];
  for (const n of notes) {
    lines.push('', `${n.key}: ${typeof n.value === 'string' ? JSON.stringify(n.value) : String(n.value)} → ${n.became}${n.setting === undefined ? '' : ` (${n.setting})`}`);
    if (n.needs !== undefined) lines.push(`  needs: ${n.needs}`);
  }
  const needing = notes.filter((n) => n.needs !== undefined).length;
  const recorded = notes.filter((n) => n.effect === 'recorded-only').length;
  lines.push('', `${notes.length} keys: ${notes.length - recorded} mapped onto settings, ${recorded} recorded only; ${needing} need more configuration before they act.`);
  return lines.join('\n');
}

function parsePort(text: string): number {
  const n = Number(text);
  if (!/^\d{1,5}$/.test(text.trim()) || n > 65535) {
    throw new AppError('VALIDATION', `port must be a whole number from 0 to 65535, not '${text}'`, { issues: [{ path: 'port', message: 'out of range' }] });
  }
  return n;
}

/** The zone times are shown in: --tz (or IR_TZ) when given, checked as an IANA name; else the client's. */
function shownZone(given: string | undefined, fallback: string): string {
  if (given === undefined || given.trim() === '') return fallback;
  const zone = given.trim();
  if (IANAZone.isValidZone(zone) && !/^(utc|gmt)?[+-]/i.test(zone)) return zone;
  throw new AppError('VALIDATION', `--tz: unknown time zone '${zone.slice(0, 64)}'. Use an IANA name such as Europe/Berlin, America/New_York or UTC.`, { issues: [{ path: '--tz', message: 'unknown time zone' }] });
}

function renderTokens(items: readonly ApiTokenDto[], st: Style): string {
  if (items.length === 0) return 'No tokens. Create one with "incident-response token create --name NAME --role ROLE".';
  const day = (iso: string | null) => (iso === null ? '-' : iso.slice(0, 16).replace('T', ' ') + 'Z');
  const rows = [['NAME', 'ROLE', 'TEAMS', 'SCOPES', 'PREFIX', 'CREATED', 'LAST USED', 'REVOKED']];
  for (const t of items) rows.push([terminalText(t.name), t.role, terminalText(t.teams.join(',')) || '-', t.scopes.join(','), t.prefix, day(t.createdAt), day(t.lastUsedAt), day(t.revokedAt)]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
  lines[0] = st.bold(lines[0]!);
  return lines.join('\n');
}

function handleError(e: unknown, io: CliIo, st: Style): number {
  if (e instanceof ExitSignal) return e.code;
  if (e instanceof CommanderError) {
    // Help and version are exits with code 0; commander has already printed its message.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    return 2;
  }
  if (isAppError(e)) {
    io.err(`${st.red('error:')} ${e.message}`);
    for (const issue of e.issues) {
      if (e.message.includes(issue.message)) continue;
      const where = issue.line !== undefined ? `line ${issue.line}${issue.column !== undefined ? `:${issue.column}` : ''} ` : '';
      io.err(`  ${where}${issue.path}: ${issue.message}`);
    }
    if (e.hint) io.err(e.hint);
    return EXIT_CODE[e.code];
  }
  const message = e instanceof Error ? e.message : String(e);
  io.err(`${st.red('error:')} internal error: ${message}`);
  io.err('This is a bug; please report it with the command you ran.');
  return EXIT_CODE.INTERNAL;
}

function parseCount(flag: string, value: string): number {
  if (!/^\d{1,13}$/.test(value.replace(/[,_]/g, ''))) throw new AppError('VALIDATION', `${flag} expects a whole number such as 12000, not '${value}'`, { issues: [{ path: flag, message: 'not a whole number' }] });
  return Number(value.replace(/[,_]/g, ''));
}

function parseAmount(flag: string, value: string): number {
  const n = Number(value.replace(/[,_]/g, ''));
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new AppError('VALIDATION', `${flag} expects an amount such as 850 or 1250.50, not '${value}'`, { issues: [{ path: flag, message: 'not an amount' }] });
  return n;
}
