import type { Command } from 'commander';
import { onCallAt, onCallCalendar } from '../../app/paging/index.js';
import { DateTime } from 'luxon';
import { parseSeverity, SEVERITY_LABEL, type Severity } from '../../domain/classification/index.js';
import { AppError, unknownValueMessage } from '../../domain/errors/index.js';
import {
  createTargetResolver, freezeEscalationPolicy, lintEscalation, previewEscalation,
  type EscalationPolicy, type EscalationProblem, type EscalationProblemCode,
} from '../../domain/escalation/index.js';
import {
  CONTACT_METHOD_LABEL, OVERRIDE_LAYER,
  type ContactMethodFinding, type Person, type Schedule, type Team,
} from '../../domain/oncall/index.js';
import type { SeverityPolicy } from '../../domain/policy/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';
import { parseInstant } from './parse-options.js';

/** The on-call directory and escalation policies from the configuration, as the CLI needs them. */
export interface OnCallSetup {
  readonly people: readonly Person[];
  readonly teams: readonly Team[];
  readonly schedules: readonly Schedule[];
  readonly escalationPolicies: readonly EscalationPolicy[];
  readonly services: Readonly<Record<string, { readonly name: string; readonly ownerTeam?: string; readonly escalationPolicy?: string }>>;
  readonly severityPolicy: SeverityPolicy;
  readonly displayTimeZone: string;
  /** Contact methods never tested or failing in the last 30 days (`notify test`); absent when the store was not read. */
  readonly contactFindings?: readonly ContactMethodFinding[];
}

export interface OnCallCommandDeps {
  loadOnCall(cmd: Command): Promise<OnCallSetup>;
  now(): number;
  /** Adds --db/--config/--as/--api to a command that has subcommands (leaves get them automatically). */
  withGlobalOptions(cmd: Command): Command;
  out(text: string): void;
  setExitCode(code: number): void;
}

const DAY_MS = 86_400_000;
/** Problems that mean a page cannot go where the policy says: exit CONFIG_INVALID (6). Everything else is a warning. */
const UNUSABLE: readonly EscalationProblemCode[] = ['unknown-target', 'invalid-schedule'];
const EXIT_CONFIG_INVALID = 6;

function parseDays(text: string, flag: string, max: number): number {
  const n = Number(text);
  if (!/^\d{1,4}$/.test(text.trim()) || n < 1 || n > max) {
    throw new AppError('VALIDATION', `${flag} must be a whole number of days from 1 to ${max}, not '${text}'`, { issues: [{ path: flag.slice(2), message: 'out of range' }] });
  }
  return n;
}


function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

export function registerOnCallCommands(program: Command, deps: OnCallCommandDeps): void {
  const when = (at: EpochMs, zone: string) => DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM-dd HH:mm ZZZZ');
  const iso = (at: EpochMs) => new Date(at).toISOString();

  const oncall = deps.withGlobalOptions(program
    .command('oncall')
    .description('who is on call now (or at --at) and who is next, per schedule; "oncall ical" writes a calendar feed')
    .enablePositionalOptions()
    .option('--at <time>', 'a time such as 2026-11-01T06:00Z, or a span before now (2h)')
    .option('--schedule <id>', 'only this schedule')
    .option('--json', 'print JSON'))
    .action(async (opts: { at?: string; schedule?: string; json?: boolean }, cmd: Command) => {
      const setup = await deps.loadOnCall(cmd);
      const at = opts.at === undefined ? epochMs(deps.now()) : parseInstant(opts.at, epochMs(deps.now()), '--at');
      const rows = onCallAt(setup, at, opts.schedule).map((r) => ({
        scheduleId: r.scheduleId, scheduleName: r.scheduleName,
        onCall: r.onCall ?? null,
        until: r.until === undefined ? null : iso(r.until),
        next: r.next === undefined ? null : { personId: r.next.personId ?? null, name: r.next.name ?? null, at: iso(r.next.at) },
        untilDisplay: r.until === undefined ? '-' : when(r.until, setup.displayTimeZone),
      }));
      if (opts.json) {
        deps.out(JSON.stringify({ at: iso(at), timeZone: setup.displayTimeZone, schedules: rows.map(({ untilDisplay: _, ...r }) => r) }, null, 2));
        return;
      }
      if (rows.length === 0) return deps.out('No schedules are configured; add schedules: to incident-response.yaml (docs/configuration.md).');
      deps.out(`On call at ${when(at, setup.displayTimeZone)}:`);
      deps.out(table([
        ['SCHEDULE', 'ON CALL', 'UNTIL', 'NEXT'],
        ...rows.map((r) => [r.scheduleId, r.onCall === null ? '(nobody)' : `${r.onCall.name}${r.onCall.layer === OVERRIDE_LAYER ? ' (override)' : ''}`, r.untilDisplay, r.next === null ? '-' : r.next.name ?? '(nobody)']),
      ]));
    });

  oncall
    .command('ical')
    .description('write an iCalendar (RFC 5545) feed of on-call shifts for one person or one schedule')
    .option('--person <id>', 'every shift of this person, across all schedules')
    .option('--schedule <id>', 'every shift of this schedule')
    .option('--days <n>', 'how many days ahead (default 30)', '30')
    .action(async (opts: { person?: string; schedule?: string; days: string }, cmd: Command) => {
      if ((opts.person === undefined) === (opts.schedule === undefined)) {
        throw new AppError('VALIDATION', 'give exactly one of --person P or --schedule S', { issues: [{ path: 'person', message: 'exactly one of --person, --schedule' }] });
      }
      const setup = await deps.loadOnCall(cmd);
      const from = epochMs(deps.now());
      const days = parseDays(opts.days, '--days', 366);
      const text = onCallCalendar(setup, opts.person !== undefined ? { person: opts.person } : { schedule: opts.schedule! }, from, days);
      // out() ends the text with "\n"; the feed already ends with CRLF, so drop its "\n" to keep the bytes exact.
      deps.out(text.replace(/\n$/, ''));
    });

  const escalation = program.command('escalation').description('dry-run and check escalation policies');

  escalation
    .command('preview')
    .description('who would be reached, on which channel, at T+0, T+5, T+30 … if nobody acknowledged')
    .argument('<service>', 'service id (services: in incident-response.yaml)')
    .option('--severity <severity>', 'critical | high | medium | low (or SEV-1 … SEV-4)', 'critical')
    .option('--at <time>', 'when the incident starts (default: now)')
    .option('--minutes <n>', 'how far ahead to look (default 240)', '240')
    .option('--json', 'print JSON')
    .action(async (serviceId: string, opts: { severity: string; at?: string; minutes: string; json?: boolean }, cmd: Command) => {
      const severity: Severity = parseSeverity(opts.severity);
      const setup = await deps.loadOnCall(cmd);
      const service = setup.services[serviceId];
      if (!service) throw new AppError('NOT_FOUND', unknownValueMessage('service', serviceId, Object.keys(setup.services).length > 0 ? Object.keys(setup.services) : ['none configured']));
      if (service.escalationPolicy === undefined) {
        throw new AppError('VALIDATION', `service ${serviceId} has no escalation policy`, { hint: `Set services.${serviceId}.escalation_policy in incident-response.yaml (docs/configuration.md).` });
      }
      const policy = setup.escalationPolicies.find((p) => p.id === service.escalationPolicy);
      if (!policy) throw new AppError('CONFIG_INVALID', `service ${serviceId} names unknown escalation policy '${service.escalationPolicy}'`);
      const minutes = Number(opts.minutes);
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 10_080) throw new AppError('VALIDATION', `--minutes must be a whole number from 1 to 10080, not '${opts.minutes}'`);
      const at = opts.at === undefined ? epochMs(deps.now()) : parseInstant(opts.at, epochMs(deps.now()), '--at');
      const respond = setup.severityPolicy[severity].respondWithin;
      const teamId = service.ownerTeam !== undefined && setup.teams.some((t) => t.id === service.ownerTeam) ? service.ownerTeam : undefined;
      const snapshot = freezeEscalationPolicy(policy, {
        incidentId: 'preview', severity, frozenAt: at, severityPolicy: setup.severityPolicy,
        ...(respond.kind === 'wall' ? { responseDueAt: epochMs(at + respond.ms) } : {}),
        ...(teamId === undefined ? {} : { teamId }),
      });
      const preview = previewEscalation(snapshot, at, minutes, createTargetResolver(setup));
      const label = SEVERITY_LABEL[severity].label;
      if (opts.json) {
        deps.out(JSON.stringify({ service: serviceId, policy: policy.id, severity, mode: snapshot.mode, startsAt: iso(at), ...preview, rows: preview.rows.map((r) => ({ ...r, at: iso(r.at) })), endsWith: preview.endsWith ?? null }, null, 2));
        return;
      }
      deps.out(`Escalation preview for ${serviceId} (${label}, policy ${policy.name}, ${snapshot.mode}) starting ${when(at, setup.displayTimeZone)}:`);
      if (preview.rows.length === 0) deps.out('Nobody is paged.');
      else {
        deps.out(table([
          ['WHEN', 'AT', 'WHO', 'CHANNEL', 'KIND', 'WHY'],
          ...preview.rows.map((r) => [r.offset, DateTime.fromMillis(r.at, { zone: setup.displayTimeZone }).toFormat('HH:mm'), r.personName, CONTACT_METHOD_LABEL[r.channel], r.isPage ? 'page' : 'notify', r.reason]),
        ]));
      }
      for (const u of preview.unreachable) deps.out(`Unreachable at ${u.offset}: ${setup.people.find((p) => p.id === u.personId)?.name ?? u.personId} (${u.reason})`);
      const ends = { acknowledged: 'acknowledged', resolved: 'resolved', exhausted: 'the policy runs out of steps', 'not-paged': `${label} queues without paging` } as const;
      deps.out(preview.endsWith === undefined ? `Still escalating after ${minutes} minutes.` : `Ends: ${ends[preview.endsWith]}.`);
    });

  escalation
    .command('lint')
    .description('coverage gaps, people nobody can reach, policies without steps; exit 0 with warnings, 6 when references are unusable')
    .option('--days <n>', 'how many days ahead to check coverage (default 14)', '14')
    .option('--json', 'print JSON')
    .action(async (opts: { days: string; json?: boolean }, cmd: Command) => {
      const setup = await deps.loadOnCall(cmd);
      const from = epochMs(deps.now());
      const to = epochMs(from + parseDays(opts.days, '--days', 366) * DAY_MS);
      const problems = lintEscalation(setup.people, setup.teams, setup.schedules, setup.escalationPolicies, from, to);
      const unusable = problems.filter((p) => UNUSABLE.includes(p.code));
      const contacts = setup.contactFindings ?? [];
      const contactLine = (c: ContactMethodFinding) => c.finding === 'never-tested'
        ? `${c.personName}'s ${CONTACT_METHOD_LABEL[c.method]} (${c.contactMethodId}) was not tested in the last 30 days; run "incident-response notify test --person ${c.personId} --method ${c.method}"`
        : `${c.personName}'s ${CONTACT_METHOD_LABEL[c.method]} (${c.contactMethodId}) failed its last test${c.lastTestAt === undefined ? '' : ` on ${when(c.lastTestAt, setup.displayTimeZone)}`}: ${c.detail ?? 'not delivered'}`;
      if (unusable.length > 0) deps.setExitCode(EXIT_CONFIG_INVALID);
      if (opts.json) {
        const asJson = (p: EscalationProblem) => ({ ...p, ...(p.startAt === undefined ? {} : { startAt: iso(p.startAt) }), ...(p.endAt === undefined ? {} : { endAt: iso(p.endAt) }), level: UNUSABLE.includes(p.code) ? 'error' : 'warning' });
        deps.out(JSON.stringify({
          from: iso(from), to: iso(to), errors: unusable.length, warnings: problems.length - unusable.length + contacts.length, problems: problems.map(asJson),
          contactMethods: contacts.map((c) => ({ ...c, ...(c.lastTestAt === undefined ? {} : { lastTestAt: iso(c.lastTestAt) }), code: c.finding === 'never-tested' ? 'contact-never-tested' : 'contact-failing', level: 'warning' })),
        }, null, 2));
        return;
      }
      const what = `${setup.people.length} people, ${setup.schedules.length} schedules, ${setup.escalationPolicies.length} escalation policies, next ${opts.days} days`;
      if (problems.length === 0 && contacts.length === 0) return deps.out(`OK: no problems found (${what}).`);
      for (const p of problems) {
        const span = p.startAt !== undefined && p.endAt !== undefined ? ` [${when(p.startAt, setup.displayTimeZone)} – ${when(p.endAt, setup.displayTimeZone)}]` : '';
        deps.out(`${UNUSABLE.includes(p.code) ? 'error' : 'warning'}  ${p.code}  ${p.subject}: ${p.message}${span}`);
      }
      for (const c of contacts) deps.out(`warning  ${c.finding === 'never-tested' ? 'contact-never-tested' : 'contact-failing'}  ${c.personId}: ${contactLine(c)}`);
      deps.out(`${unusable.length} error(s), ${problems.length - unusable.length + contacts.length} warning(s) (${what}).`);
    });
}
