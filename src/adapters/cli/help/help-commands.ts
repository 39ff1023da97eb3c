// `help`, `completion` and `man`, and the help layout (verbs grouped by job, examples on every verb),
// all read from the command definitions once every verb is registered.
import type { Command } from 'commander';
import { AppError, didYouMean } from '../../../domain/errors/index.js';
import { DEFAULT_JOB_GROUP, JOB_GROUPS, JOB_OF_VERB } from './command-catalog.js';
import { completionScript, parseCompletionShell } from './completion-script.js';
import { describeCommands, type CommandSpec } from './command-tree.js';
import { manPage } from './man-page.js';

export interface HelpCommandDeps {
  readonly version: string;
  out(text: string): void;
}

/** The command `words` names under `program` (names or aliases), or a VALIDATION error naming the word. */
function findCommand(program: Command, words: readonly string[]): Command {
  let cmd = program;
  for (const word of words) {
    const next = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (next === undefined) {
      const names = cmd.commands.flatMap((c) => [c.name(), ...c.aliases()]);
      const guess = didYouMean(word, names);
      const where = cmd === program ? '' : ` under '${words.slice(0, words.indexOf(word)).join(' ')}'`;
      throw new AppError('VALIDATION', `There is no command '${word}'${where}.${guess === undefined ? '' : ` Did you mean '${guess}'?`} Run "incident-response help" for the list.`, {
        issues: [{ path: 'command', message: `unknown command '${word}'` }],
      });
    }
    cmd = next;
  }
  return cmd;
}

/** Adds help, completion and man to `program`; they read the tree when they run, so later verbs are in. */
export function registerHelpCommands(program: Command, deps: HelpCommandDeps): void {
  program
    .command('help')
    .description('show the help of the program or of a command')
    .argument('[command...]', 'a command, e.g. ack or audit verify')
    .action((words: string[]) => {
      findCommand(program, words).outputHelp();
    });
  program
    .command('completion')
    .description('print a shell completion script (verbs, flags, severities, types, environments, roles, statuses)')
    .argument('<shell>', 'bash | zsh | fish')
    .action((shell: string) => {
      deps.out(completionScript(parseCompletionShell(shell), describeCommands(program)).replace(/\n$/, ''));
    });
  program
    .command('man')
    .description('print the manual page (roff); read it with "incident-response man | man -l -"')
    .action(() => {
      deps.out(manPage(describeCommands(program), deps.version).replace(/\n$/, ''));
    });
}

/**
 * Lays the help out from the finished tree: top-level verbs listed under their job, in the order of
 * JOB_GROUPS, and an Examples section on every command. Call once every verb is registered.
 */
export function applyHelpLayout(program: Command, rootAfterText: (examples: readonly string[]) => string): CommandSpec {
  // Commander lists groups in the order their first verb was added: sort the verbs by job (stable).
  const order = (cmd: Command) => JOB_GROUPS.indexOf(JOB_OF_VERB[cmd.name()] ?? DEFAULT_JOB_GROUP);
  (program.commands as Command[]).sort((a, b) => order(a) - order(b));
  const root = describeCommands(program);
  const visit = (cmd: Command, spec: CommandSpec): void => {
    if (spec.group !== undefined) cmd.helpGroup(`${spec.group}:`);
    if (spec.path.length === 0) cmd.addHelpText('after', rootAfterText(spec.examples));
    else cmd.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  ${e}`).join('\n')}`);
    cmd.commands.forEach((sub, i) => visit(sub, spec.commands[i]!));
  };
  visit(program, root);
  return root;
}
