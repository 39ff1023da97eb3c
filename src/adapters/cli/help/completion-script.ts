// Shell completion scripts generated from the command tree: verbs, their flags, and the fixed values
// of flags and arguments. bash and zsh share one POSIX-shell walker; fish gets the same in fish.
// Static scripts: completing never starts the CLI.
import { AppError } from '../../../domain/errors/index.js';
import { flattenCommands, type CommandSpec, type ValueKind } from './command-tree.js';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

export function parseCompletionShell(text: string): CompletionShell {
  const t = text.trim().toLowerCase();
  if ((COMPLETION_SHELLS as readonly string[]).includes(t)) return t as CompletionShell;
  throw new AppError('VALIDATION', `Cannot write a completion script for '${text}': the shells are ${COMPLETION_SHELLS.join(', ')}. Run "incident-response completion bash" (or zsh, fish).`, {
    issues: [{ path: 'shell', message: `unknown shell '${text}'` }],
  });
}

/** One row of the generated tables: a key (a command path, maybe with a flag or an index) and its words. */
interface Row {
  readonly keys: readonly string[];
  readonly words: readonly string[];
}

const SAFE_WORD = /^[\w@%+=:,./-]+$/;
const FILES = '__files__';

function valueWords(v: ValueKind): readonly string[] {
  if (v.kind === 'path') return [FILES];
  return v.kind === 'words' ? v.words.filter((w) => SAFE_WORD.test(w)) : [];
}

/** Every way of typing a command's path: aliases at each level ("ack" and "acknowledge"). */
function spellings(root: CommandSpec, path: readonly string[]): string[] {
  let out = [''];
  let level = root;
  for (const word of path) {
    const next = level.commands.find((c) => c.name === word)!;
    const names = [next.name, ...next.aliases];
    out = out.flatMap((prefix) => names.map((n) => (prefix === '' ? n : `${prefix} ${n}`)));
    level = next;
  }
  return out;
}

interface Tables {
  readonly subcommands: Row[];
  readonly flags: Row[];
  readonly valueFlags: Row[];
  readonly optionValues: Row[];
  readonly argumentValues: Row[];
}

function tables(root: CommandSpec): Tables {
  const t: Tables = { subcommands: [], flags: [], valueFlags: [], optionValues: [], argumentValues: [] };
  for (const cmd of flattenCommands(root)) {
    const keys = spellings(root, cmd.path);
    if (cmd.commands.length > 0) t.subcommands.push({ keys, words: cmd.commands.flatMap((c) => [c.name, ...c.aliases]) });
    const flags = cmd.options.flatMap((o) => [o.short, o.long].filter((f): f is string => f !== undefined));
    t.flags.push({ keys, words: [...flags, '--help', ...(cmd.path.length === 0 ? ['--version'] : [])] });
    const valueFlags = cmd.options.filter((o) => o.takesValue).flatMap((o) => [o.short, o.long].filter((f): f is string => f !== undefined));
    if (valueFlags.length > 0) t.valueFlags.push({ keys, words: valueFlags });
    for (const o of cmd.options) {
      const words = valueWords(o.values);
      if (!o.takesValue || words.length === 0) continue;
      const flagKeys = [o.short, o.long].filter((f): f is string => f !== undefined);
      t.optionValues.push({ keys: keys.flatMap((k) => flagKeys.map((f) => `${k} ${f}`)), words });
    }
    cmd.arguments.forEach((a, index) => {
      const words = valueWords(a.values);
      if (words.length === 0) return;
      // A variadic last argument takes every later word too: listed for the next few positions.
      const positions = a.variadic ? [index, index + 1, index + 2, index + 3] : [index];
      t.argumentValues.push({ keys: keys.flatMap((k) => positions.map((p) => `${k} ${p}`)), words });
    });
  }
  return t;
}

// --- bash and zsh -----------------------------------------------------------------------------

const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function shCase(name: string, subject: string, rows: readonly Row[]): string {
  const lines = rows.map((r) => `    ${r.keys.map(shQuote).join('|')}) printf '%s\\n' ${r.words.map(shQuote).join(' ')} ;;`);
  return [`${name}() {`, `  case ${subject} in`, ...lines, '  esac', '}'].join('\n');
}

/** The walker both shells run: which command the words name, and what may come next. */
function shFunctions(root: CommandSpec): string {
  const t = tables(root);
  return `# incident-response completion, generated from its command definitions by "incident-response completion".
${shCase('_incident_response_subcommands', '"$1"', t.subcommands)}
${shCase('_incident_response_flags', '"$1"', t.flags)}
${shCase('_incident_response_value_flags', '"$1"', t.valueFlags)}
${shCase('_incident_response_option_values', '"$1 $2"', t.optionValues)}
${shCase('_incident_response_argument_values', '"$1 $2"', t.argumentValues)}
# Whether word $1 is one of the lines of $2 (no word splitting: the same in bash and zsh).
_incident_response_has() {
  case "
$2
" in *"
$1
"*) return 0 ;; esac
  return 1
}
# Usage: _incident_response_candidates CURRENT-WORD WORD... (the words before it, without the program name).
_incident_response_candidates() {
  local cur="$1" cmdpath='' pending='' count=0 w values
  shift
  for w in "$@"; do
    if [ -n "$pending" ]; then pending=''; continue; fi
    case "$w" in
      --*=*) ;;
      -*) if _incident_response_has "$w" "$(_incident_response_value_flags "$cmdpath")"; then pending="$w"; fi ;;
      *)
        if [ "$count" -eq 0 ] && _incident_response_has "$w" "$(_incident_response_subcommands "$cmdpath")"; then
          cmdpath="\${cmdpath:+$cmdpath }$w"
        else
          count=$((count + 1))
        fi ;;
    esac
  done
  if [ -n "$pending" ]; then _incident_response_option_values "$cmdpath" "$pending"; return; fi
  case "$cur" in -*) _incident_response_flags "$cmdpath"; return ;; esac
  values="$(_incident_response_argument_values "$cmdpath" "$count")"
  if [ "$values" = '${FILES}' ]; then printf '%s\\n' '${FILES}'; return; fi
  if [ "$count" -eq 0 ]; then _incident_response_subcommands "$cmdpath"; fi
  if [ -n "$values" ]; then printf '%s\\n' "$values"; fi
}`;
}

function bashScript(root: CommandSpec): string {
  return `# bash completion for incident-response. Load it with:
#   source <(incident-response completion bash)
# or install it: incident-response completion bash > /etc/bash_completion.d/incident-response
${shFunctions(root)}
_incident_response() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" candidates IFS=$'\\n'
  candidates="$(_incident_response_candidates "$cur" "\${COMP_WORDS[@]:1:COMP_CWORD-1}")"
  if [ "$candidates" = '${FILES}' ]; then
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
  fi
}
complete -F _incident_response incident-response
`;
}

function zshScript(root: CommandSpec): string {
  return `#compdef incident-response
# zsh completion for incident-response. Install it as _incident-response in a directory of $fpath:
#   incident-response completion zsh > "\${fpath[1]}/_incident-response"
# or load it after compinit with: source <(incident-response completion zsh)
${shFunctions(root)}
_incident_response() {
  local candidates
  local -a list
  candidates="$(_incident_response_candidates "\${words[CURRENT]}" "\${(@)words[2,CURRENT-1]}")"
  if [[ "$candidates" == '${FILES}' ]]; then
    _files
    return
  fi
  list=("\${(@f)candidates}")
  compadd -- "\${(@)list:#}"
}
if [[ "\${funcstack[1]}" == "_incident-response" ]]; then
  _incident_response "$@"
else
  compdef _incident_response incident-response
fi
`;
}

// --- fish -------------------------------------------------------------------------------------

const fishQuote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, `\\'`)}'`;

function fishSwitch(name: string, subject: string, rows: readonly Row[]): string {
  const lines = rows.flatMap((r) => [`        case ${r.keys.map(fishQuote).join(' ')}`, `            printf '%s\\n' ${r.words.map(fishQuote).join(' ')}`]);
  return [`function ${name}`, `    switch ${subject}`, ...lines, '    end', 'end'].join('\n');
}

function fishScript(root: CommandSpec): string {
  const t = tables(root);
  return `# fish completion for incident-response, generated from its command definitions. Install it with:
#   incident-response completion fish > ~/.config/fish/completions/incident-response.fish
${fishSwitch('__incident_response_subcommands', '"$argv[1]"', t.subcommands)}
${fishSwitch('__incident_response_flags', '"$argv[1]"', t.flags)}
${fishSwitch('__incident_response_value_flags', '"$argv[1]"', t.valueFlags)}
${fishSwitch('__incident_response_option_values', '"$argv[1] $argv[2]"', t.optionValues)}
${fishSwitch('__incident_response_argument_values', '"$argv[1] $argv[2]"', t.argumentValues)}
function __incident_response_candidates
    set -l words (commandline -opc)
    set -e words[1]
    set -l cur (commandline -ct)
    set -l cmdpath ''
    set -l pending ''
    set -l count 0
    for w in $words
        if test -n "$pending"
            set pending ''
            continue
        end
        switch $w
            case '--*=*'
            case '-*'
                if contains -- $w (__incident_response_value_flags "$cmdpath")
                    set pending $w
                end
            case '*'
                if test $count -eq 0; and contains -- $w (__incident_response_subcommands "$cmdpath")
                    set cmdpath (string trim -- "$cmdpath $w")
                else
                    set count (math $count + 1)
                end
        end
    end
    set -l values
    if test -n "$pending"
        set values (__incident_response_option_values "$cmdpath" $pending)
    else if string match -q -- '-*' "$cur"
        __incident_response_flags "$cmdpath"
        return
    else
        set values (__incident_response_argument_values "$cmdpath" $count)
        if test "$values" != '${FILES}'; and test $count -eq 0
            __incident_response_subcommands "$cmdpath"
        end
    end
    if test "$values" = '${FILES}'
        __fish_complete_path "$cur"
    else if test (count $values) -gt 0
        printf '%s\\n' $values
    end
end
complete -c incident-response -f -a '(__incident_response_candidates)'
`;
}

/** The completion script for `shell`, from the tree under the program. */
export function completionScript(shell: CompletionShell, root: CommandSpec): string {
  switch (shell) {
    case 'bash': return bashScript(root);
    case 'zsh': return zshScript(root);
    case 'fish': return fishScript(root);
  }
}
