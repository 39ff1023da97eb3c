// The man page (roff, man macros), generated from the same command tree as the help and completions.
import type { ErrorCode } from '../../../domain/errors/index.js';
import { EXIT_AUDIT_BROKEN, EXIT_CODE, EXIT_SOC2_INCOMPLETE } from '../exit-codes.js';
import { JOB_GROUPS } from './command-catalog.js';
import { flattenCommands, type ArgumentSpec, type CommandSpec, type OptionSpec } from './command-tree.js';

/**
 * Text made safe for roff: backslashes escaped, hyphens as ASCII minus, no line starting with a
 * control character, and anything outside ASCII as a groff character escape (\[u2026]), so the page
 * renders without preconv.
 */
function roff(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/\n/g, ' ')
    .replace(/^([.'])/, '\\&$1')
    .replace(/[^\x20-\x7e]/gu, (c) => `\\[u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);
}

function argumentSynopsis(a: ArgumentSpec): string {
  const name = `${a.name}${a.variadic ? '...' : ''}`;
  return a.required ? `<${name}>` : `[${name}]`;
}

function optionItem(o: OptionSpec): string[] {
  const [flags, value] = o.flags.split(/ (?=[<[])/);
  return ['.TP', `.B ${roff(flags ?? o.flags)}${value === undefined ? '' : ` \\fI${roff(value)}\\fR`}`, roff(o.description)];
}

function commandItem(c: CommandSpec): string[] {
  const aliases = c.aliases.length > 0 ? ` (also ${c.aliases.join(', ')})` : '';
  const own = c.options.filter((o) => !o.isGlobal);
  return [
    '.TP',
    `.B incident\\-response ${roff(c.path.join(' '))}${c.arguments.length > 0 ? ` \\fI${roff(c.arguments.map(argumentSynopsis).join(' '))}\\fR` : ''}`,
    `${roff(c.description)}${roff(aliases)}.`,
    ...(own.length > 0 ? ['.RS', ...own.flatMap(optionItem), '.RE'] : []),
  ];
}

/** What each error's exit code tells a script (a Record: a new error code must be described here). */
const EXIT_MEANING: Readonly<Record<ErrorCode, string>> = {
  VALIDATION: 'bad input: a flag, an argument or a request body',
  PAYLOAD_TOO_LARGE: 'a request too large for the server',
  NOT_FOUND: 'no such incident, token or item (or one you may not see)',
  INVALID_TRANSITION: 'not allowed in the incident\'s current state',
  CONFLICT: 'someone else changed it first, or it exists already',
  CONFIG_INVALID: 'the configuration file is invalid',
  STORE_UNAVAILABLE: 'the database cannot be reached',
  STORE_BUSY: 'the database is locked by another writer; retry',
  STORE_CORRUPT: 'the database file is damaged',
  UNAUTHENTICATED: 'the server refused the token (IR_TOKEN)',
  FORBIDDEN: 'the token\'s role may not do this',
  RATE_LIMITED: 'too many requests; retry later',
  UPSTREAM_FAILED: 'a system called on your behalf (ticketing, PDF) failed',
  INTERNAL: 'a bug; the message says what to report',
};

function exitStatus(): string[] {
  const byCode = new Map<number, string[]>();
  for (const [code, exit] of Object.entries(EXIT_CODE) as [ErrorCode, number][]) {
    byCode.set(exit, [...(byCode.get(exit) ?? []), `${EXIT_MEANING[code]} (${code})`]);
  }
  byCode.set(EXIT_AUDIT_BROKEN, ['audit verify found the audit trail broken']);
  byCode.set(EXIT_SOC2_INCOMPLETE, ['compliance soc2 found incidents missing required documentation']);
  const rows: [number, string][] = [[0, 'success; a pipe closed by its reader also ends quietly with 0'], ...[...byCode].map(([n, m]): [number, string] => [n, m.join('; ')])];
  return rows.sort((a, b) => a[0] - b[0]).flatMap(([n, m]) => ['.TP', `.B ${n}`, roff(m)]);
}

/** The page for `man -l`, or for installing as incident-response.1. */
export function manPage(root: CommandSpec, version: string): string {
  const all = flattenCommands(root).slice(1);
  const rootOptions = root.options.filter((o) => !o.isGlobal);
  const globals = root.options.filter((o) => o.isGlobal);
  const lines = [
    `.TH INCIDENT-RESPONSE 1 "" "incident\\-response ${roff(version)}" "User Commands"`,
    // Flags and ids are not words to hyphenate or stretch.
    '.nh',
    '.ad l',
    '.SH NAME',
    'incident\\-response \\- declare, work and audit incidents',
    '.SH SYNOPSIS',
    `.B incident\\-response\n.I severity type environment\n.RI [ options ]`,
    '.br',
    `.B incident\\-response\n.I command\n.RI [ arguments ]\n.RI [ options ]`,
    '.SH DESCRIPTION',
    'Declares an incident with its severity, type and environment, then works it: acknowledge, update, assign roles, follow the timed checklist, resolve.',
    'Every command works on the local database (a SQLite file, or PostgreSQL with DATABASE_URL) or, with \\-\\-api, on a server run by',
    '.BR "incident\\-response serve" .',
    'Incident ids may be shortened: 007 is incident 7 of today (UTC), 1206\\-007 that day this year, SEC\\-007 today\'s security incident 7.',
    '.PP',
    'Text from incidents (titles, notes, alert text) is printed with control characters made visible.',
    'Tables fit the terminal: the width is COLUMNS, else the terminal\'s; output to a pipe or file is not cut unless COLUMNS is set.',
    'Colour is used only on a terminal, never with NO_COLOR set, and also off a terminal with FORCE_COLOR.',
    '.SH COMMANDS',
  ];
  for (const group of JOB_GROUPS) {
    const verbs = root.commands.filter((c) => c.group === group);
    if (verbs.length === 0) continue;
    lines.push(`.SS "${roff(group)}"`);
    for (const verb of verbs) for (const c of all.filter((x) => x.path[0] === verb.name)) lines.push(...commandItem(c));
  }
  lines.push('.SH OPTIONS', 'Declaring an incident takes:', ...rootOptions.flatMap(optionItem));
  lines.push('.PP', 'Every command takes:', ...globals.flatMap(optionItem), '.TP', '.B \\-h, \\-\\-help', 'show the help of the command (also: incident\\-response help COMMAND)');
  lines.push(
    '.SH ENVIRONMENT',
    ...([
      ['DATABASE_URL', 'postgres://… to use PostgreSQL instead of the SQLite file'],
      ['IR_DB', 'SQLite file (default ./incident-response.db)'],
      ['IR_CONFIG', 'configuration file (default ./incident-response.yaml if present)'],
      ['IR_USER', 'who you are in the timeline (default: your login name)'],
      ['IR_API_URL, IR_TOKEN', 'a server to work against (same as --api) and its API token'],
      ['PORT, HOST', 'where serve listens (default 8080 on 127.0.0.1)'],
      ['IR_NOW', 'a fixed ISO-8601 time for drills and tests'],
      ['COLUMNS', 'the width tables are fitted to'],
      ['NO_COLOR, FORCE_COLOR', 'never colour; colour even when not writing to a terminal'],
    ] as const).flatMap(([name, text]) => ['.TP', `.B ${roff(name)}`, roff(text)]),
    '.SH EXIT STATUS',
    ...exitStatus(),
    '.SH EXAMPLES',
    ...root.examples.flatMap((e) => ['.PP', '.nf', roff(e), '.fi']),
    '.SH SEE ALSO',
    'incident\\-response help COMMAND; docs/ in the source tree.',
  );
  return lines.join('\n') + '\n';
}
