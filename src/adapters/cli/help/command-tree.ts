// The command definitions (commander's tree) read into plain data, with the fixed values each flag
// and argument takes: the one source of the help, the shell completions and the man page.
import type { Argument, Command, Option } from 'commander';
import { ACCESS_ROLES } from '../../../domain/access/index.js';
import { ENVIRONMENTS, INCIDENT_ROLES, INCIDENT_TYPES, PUBLIC_STATUSES, SEVERITIES } from '../../../domain/classification/index.js';
import { COMPLIANCE_REGIMES } from '../../../domain/compliance/index.js';
import {
  ACTION_ITEM_PRIORITIES, ACTION_ITEM_STATUSES, INCIDENT_STATUSES, PUBLIC_IMPACTS, RCA_ACTION_CATEGORIES, TICKET_SYSTEMS,
} from '../../../domain/incident/index.js';
import { DEFAULT_JOB_GROUP, EXAMPLES, JOB_OF_VERB, type JobGroup } from './command-catalog.js';

/** A flag's or an argument's values: a fixed list, a path on disk, or anything. */
export type ValueKind = { readonly kind: 'words'; readonly words: readonly string[] } | { readonly kind: 'path' } | { readonly kind: 'free' };

export interface OptionSpec {
  /** As written in the definition: "-t, --title <title>". */
  readonly flags: string;
  readonly long: string | undefined;
  readonly short: string | undefined;
  readonly takesValue: boolean;
  readonly description: string;
  readonly values: ValueKind;
  readonly isGlobal: boolean;
}

export interface ArgumentSpec {
  readonly name: string;
  readonly required: boolean;
  readonly variadic: boolean;
  readonly description: string;
  readonly values: ValueKind;
}

export interface CommandSpec {
  /** Words after `incident-response`; [] for the program itself. */
  readonly path: readonly string[];
  readonly name: string;
  readonly aliases: readonly string[];
  readonly description: string;
  readonly options: readonly OptionSpec[];
  readonly arguments: readonly ArgumentSpec[];
  readonly commands: readonly CommandSpec[];
  readonly examples: readonly string[];
  /** The job a top-level verb is listed under. */
  readonly group: JobGroup | undefined;
}

/** Flags every command takes (added by the program), listed apart in help and man. */
export const GLOBAL_FLAGS: readonly string[] = ['--db', '--config', '--as', '--api'];
export const GLOBAL_OPTIONS_HEADING = 'Global options:';

const LIST_STATUSES = [...INCIDENT_STATUSES, 'open', 'active'];
const words = (list: readonly string[]): ValueKind => ({ kind: 'words', words: list });

/** Values of a flag on one command ("list --status"), before those of the flag anywhere. */
const VALUES_BY_COMMAND_FLAG: Readonly<Record<string, readonly string[]>> = {
  'list --status': LIST_STATUSES,
  'update --status': PUBLIC_STATUSES,
  'assign --role': INCIDENT_ROLES,
  'token create --role': ACCESS_ROLES,
  'actions update --status': ACTION_ITEM_STATUSES,
  'report --format': ['terminal', 'markdown', 'html', 'json', 'csv'],
  'rca --format': ['markdown', 'html', 'json', 'pdf'],
};
const VALUES_BY_FLAG: Readonly<Record<string, readonly string[]>> = {
  '--severity': SEVERITIES,
  '--type': INCIDENT_TYPES,
  '--environment': ENVIRONMENTS,
  '--priority': ACTION_ITEM_PRIORITIES,
  '--category': RCA_ACTION_CATEGORIES,
  '--system': TICKET_SYSTEMS,
  '--impact': PUBLIC_IMPACTS,
};
const VALUES_BY_ARGUMENT: Readonly<Record<string, readonly string[]>> = {
  severity: SEVERITIES,
  type: INCIDENT_TYPES,
  environment: ENVIRONMENTS,
  regime: COMPLIANCE_REGIMES,
  state: ['done', 'undo'],
  shell: ['bash', 'zsh', 'fish'],
};
const PATH_PLACEHOLDERS = new Set(['file', 'dir', 'rules']);

function optionValues(path: readonly string[], o: Option): ValueKind {
  if (!o.required && !o.optional) return { kind: 'free' };
  if (o.argChoices !== undefined) return words(o.argChoices);
  const flag = o.long ?? o.short ?? '';
  const fixed = VALUES_BY_COMMAND_FLAG[`${path.join(' ')} ${flag}`] ?? (o.isBoolean() ? undefined : VALUES_BY_FLAG[flag]);
  if (fixed !== undefined) return words(fixed);
  const placeholder = /<([\w-]+)/.exec(o.flags)?.[1];
  return placeholder !== undefined && PATH_PLACEHOLDERS.has(placeholder) ? { kind: 'path' } : { kind: 'free' };
}

function argumentValues(a: Argument, verbs: readonly string[], isHelp: boolean): ValueKind {
  if (isHelp) return words(verbs);
  if (a.argChoices !== undefined) return words(a.argChoices);
  const fixed = VALUES_BY_ARGUMENT[a.name()];
  if (fixed !== undefined) return words(fixed);
  return PATH_PLACEHOLDERS.has(a.name()) ? { kind: 'path' } : { kind: 'free' };
}

/** "incident-response backup --out <file>": a verb's usage as an example when it has none of its own. */
function usageExample(cmd: Command, path: readonly string[]): string {
  const args = cmd.registeredArguments.filter((a) => a.required).map((a) => `<${a.name()}>`);
  const required = cmd.options.filter((o) => o.mandatory).map((o) => `${o.long ?? o.short ?? ''}${o.required ? ` <${/<([^>]+)>/.exec(o.flags)?.[1] ?? 'value'}>` : ''}`);
  return ['incident-response', ...path, ...args, ...required].join(' ');
}

/** Reads the tree under `program` (call it once every verb is registered). */
export function describeCommands(program: Command): CommandSpec {
  const verbs = program.commands.map((c) => c.name());
  const read = (cmd: Command, path: readonly string[]): CommandSpec => {
    const commands = cmd.commands.map((c) => read(c, [...path, c.name()]));
    const own = EXAMPLES[path.join(' ')];
    const examples = own ?? (commands.length > 0 ? commands.flatMap((c) => c.examples.slice(0, 1)).slice(0, 3) : [usageExample(cmd, path)]);
    return {
      path,
      name: path.length === 0 ? 'incident-response' : cmd.name(),
      aliases: cmd.aliases(),
      description: cmd.description(),
      options: cmd.options.filter((o) => !o.hidden).map((o) => ({
        flags: o.flags,
        long: o.long,
        short: o.short,
        takesValue: o.required || o.optional,
        description: o.description,
        values: optionValues(path, o),
        isGlobal: GLOBAL_FLAGS.includes(o.long ?? ''),
      })),
      arguments: cmd.registeredArguments.map((a) => ({
        name: a.name(), required: a.required, variadic: a.variadic, description: a.description,
        values: argumentValues(a, verbs, path.length === 1 && path[0] === 'help'),
      })),
      commands,
      examples,
      group: path.length === 1 ? JOB_OF_VERB[path[0]!] ?? DEFAULT_JOB_GROUP : undefined,
    };
  };
  return read(program, []);
}

/** Every command in the tree, the program first, parents before their verbs. */
export function flattenCommands(root: CommandSpec): CommandSpec[] {
  return [root, ...root.commands.flatMap(flattenCommands)];
}
