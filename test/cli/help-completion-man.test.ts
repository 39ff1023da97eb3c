import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';

// Help, shell completion and the man page are generated from the command definitions, so every verb
// (and any verb added later) has them.

const GROUPS = [
  'Declare & work an incident:', 'Follow-up:', 'Paging & on-call:', 'Alerts & detection:', 'Status page:', 'Server:', 'Admin & audit:',
];

/** The command names listed under the headed sections of a help text ("Commands:" or the job groups). */
function listedCommands(help: string): string[] {
  const names: string[] = [];
  let inCommands = false;
  for (const line of help.split('\n')) {
    if (/^\S.*:$/.test(line)) {
      inCommands = line === 'Commands:' || GROUPS.includes(line) || line === 'Help and shell:';
      continue;
    }
    const m = /^ {2}([a-z][a-z0-9-]*)(?:\|[a-z-]+)?(?: |$)/.exec(line);
    if (inCommands && m) names.push(m[1]!);
  }
  return names.filter((n) => n !== 'help');
}

/** The long flags a help text lists. */
function listedFlags(help: string): Set<string> {
  return new Set([...help.matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z0-9-]*)/gm)].map((m) => m[1]!));
}

function examplesOf(help: string): string[] {
  const at = help.indexOf('\nExamples:\n');
  if (at < 0) return [];
  const lines: string[] = [];
  for (const line of help.slice(at + '\nExamples:\n'.length).split('\n')) {
    if (!line.startsWith('  ')) break;
    lines.push(line.trim());
  }
  return lines;
}

describe('help', () => {
  let cwd: string;
  const ir = (args: string[]) => runBin(args, { cwd });
  before(() => { cwd = tempDir(); });

  it('answers "help" with the verbs grouped by job, instead of reading it as a severity', async () => {
    const r = await ir(['help']);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    let last = -1;
    for (const heading of GROUPS) {
      const at = r.stdout.indexOf(`\n${heading}\n`);
      assert.ok(at > last, `${heading} in order in:\n${r.stdout}`);
      last = at;
    }
    const section = (heading: string) => r.stdout.slice(r.stdout.indexOf(`\n${heading}\n`)).split('\n\n')[0]!;
    assert.match(section('Declare & work an incident:'), /\n {2}ack\|acknowledge \[options\] <id> +acknowledge/);
    assert.match(section('Follow-up:'), /\n {2}pir /);
    assert.match(section('Paging & on-call:'), /\n {2}oncall /);
    assert.match(section('Alerts & detection:'), /\n {2}silence /);
    assert.match(section('Status page:'), /\n {2}publish /);
    assert.match(section('Server:'), /\n {2}serve /);
    assert.match(section('Admin & audit:'), /\n {2}audit /);
    assert.match(r.stdout, /^Usage: incident-response <severity> <type> <environment> \[options\]$/m);
    assert.equal((await ir(['--help'])).stdout, r.stdout);
  });

  it('answers "help VERB" (and "help GROUP VERB") exactly as "VERB --help"', async () => {
    for (const path of [['ack'], ['list'], ['audit', 'verify'], ['token']]) {
      const viaHelp = await ir(['help', ...path]);
      const viaFlag = await ir([...path, '--help']);
      assert.equal(viaHelp.code, 0, viaHelp.stderr);
      assert.equal(viaHelp.stdout, viaFlag.stdout);
      assert.match(viaHelp.stdout, new RegExp(`^Usage: incident-response ${path.join(' ')}[ |]`, 'm'));
    }
  });

  it('names a verb it does not know and suggests the nearest', async () => {
    const r = await ir(['help', 'aknowledge']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: There is no command 'aknowledge'\. Did you mean 'acknowledge'\? Run "incident-response help" for the list\.$/m);
    assert.equal(r.stdout, '');
  });

  it('gives every verb, at every level, an Examples section of 1-3 invocations of that verb with flags it has', async () => {
    const seen: string[] = [];
    const visit = async (path: string[]): Promise<void> => {
      const r = await ir([...path, '--help']);
      assert.equal(r.code, 0, `${path.join(' ')} --help: ${r.stderr}`);
      const examples = examplesOf(r.stdout);
      const label = path.length === 0 ? 'incident-response' : path.join(' ');
      assert.ok(examples.length >= 1 && examples.length <= 3, `${label}: ${examples.length} examples in\n${r.stdout}`);
      if (path.length > 0) {
        const flags = listedFlags(r.stdout);
        for (const example of examples) {
          assert.ok(example.startsWith(`incident-response ${label}`), `${label}: example '${example}'`);
          // A group's examples invoke its verbs; a verb's examples use only its own flags.
          if (listedCommands(r.stdout).includes(example.split(/\s+/)[path.length + 1]!)) continue;
          for (const flag of example.match(/(?<=\s)--[a-z][a-z0-9-]*/g) ?? []) assert.ok(flags.has(flag), `${label}: '${example}' uses ${flag}, which ${label} does not have`);
        }
      }
      seen.push(label);
      for (const child of listedCommands(r.stdout)) await visit([...path, child]);
    };
    await visit([]);
    for (const verb of ['ack', 'list', 'audit log', 'token create', 'completion', 'man', 'escalation preview', 'oncall ical']) assert.ok(seen.includes(verb), `${verb} visited`);
  });
});

describe('completion', () => {
  let cwd: string;
  before(() => { cwd = tempDir(); });

  async function script(shell: string): Promise<string> {
    const r = await runBin(['completion', shell], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    return r.stdout;
  }

  /** What bash offers after `words` (the last one is being completed), with the script sourced. */
  function bashComplete(file: string, words: string[]): string[] {
    const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
    const run = spawnSync('bash', ['--norc', '--noprofile', '-c', `source '${file}'; COMP_WORDS=(incident-response ${quoted}); COMP_CWORD=${words.length}; COMP_LINE="\${COMP_WORDS[*]}"; COMP_POINT=\${#COMP_LINE}; _incident_response; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
    assert.equal(run.stderr, '', `bash completing ${words.join(' ')}`);
    return run.stdout.split('\n').filter((l) => l !== '');
  }

  it('prints a bash script that bash accepts and that completes verbs, flags and fixed values', async () => {
    const file = join(cwd, 'incident-response.bash');
    writeFileSync(file, await script('bash'));
    const syntax = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
    assert.equal(syntax.status, 0, syntax.stderr);

    assert.deepEqual(bashComplete(file, ['crit']), ['critical']);
    assert.deepEqual(bashComplete(file, ['critical', 'out']), ['outage']);
    assert.deepEqual(bashComplete(file, ['high', 'security', 'p']), ['production']);
    assert.deepEqual(bashComplete(file, ['ac']), ['ack', 'acknowledge', 'actions']);
    const ackFlags = bashComplete(file, ['ack', '007', '--']);
    for (const flag of ['--json', '--db', '--config', '--as', '--api', '--help']) assert.ok(ackFlags.includes(flag), `${flag} in ${ackFlags.join(' ')}`);
    assert.ok(!ackFlags.includes('--title'));
    assert.deepEqual(bashComplete(file, ['list', '--severity', '']), ['critical', 'high', 'medium', 'low']);
    assert.deepEqual(bashComplete(file, ['list', '--status', 'a']), ['acknowledged', 'active']);
    assert.deepEqual(bashComplete(file, ['list', '--environment', '']), ['production', 'staging', 'development', 'all']);
    assert.deepEqual(bashComplete(file, ['update', '007', '--status', 'i']), ['investigating', 'identified']);
    assert.deepEqual(bashComplete(file, ['assign', '007', '--role', '']).sort(), ['commander', 'communications', 'scribe', 'technical', 'security', 'liaison'].sort());
    assert.deepEqual(bashComplete(file, ['token', 'create', '--role', '']), ['viewer', 'responder', 'commander', 'admin']);
    assert.deepEqual(bashComplete(file, ['severity', '007', 'h']), ['high']);
    assert.deepEqual(bashComplete(file, ['type', '007', 'se']), ['security']);
    assert.deepEqual(bashComplete(file, ['audit', 'ch']), ['checkpoint', 'checkpoints']);
    assert.deepEqual(bashComplete(file, ['--db', 'x.db', 'audit', 'checkpoints', '']), ['export']);
    assert.deepEqual(bashComplete(file, ['completion', '']), ['bash', 'zsh', 'fish']);
    assert.deepEqual(bashComplete(file, ['help', 'tim']), ['timeline']);
  });

  it('prints zsh and fish scripts from the same definitions, which those shells accept', async () => {
    const zsh = await script('zsh');
    assert.match(zsh, /^#compdef incident-response$/m);
    const fish = await script('fish');
    assert.match(fish, /^complete -c incident-response /m);
    for (const text of [zsh, fish]) {
      for (const word of ['acknowledge', 'critical', 'production', 'security', 'communications', '--json', 'checkpoints']) assert.ok(text.includes(word), word);
    }
    const zfile = join(cwd, '_incident-response');
    writeFileSync(zfile, zsh);
    const z = spawnSync('zsh', ['-n', zfile], { encoding: 'utf8' });
    assert.equal(z.status, 0, z.stderr);
    const ffile = join(cwd, 'incident-response.fish');
    writeFileSync(ffile, fish);
    const f = spawnSync('fish', ['--no-execute', ffile], { encoding: 'utf8' });
    assert.equal(f.status, 0, f.stderr);
    // fish completes from the script itself.
    const offered = spawnSync('fish', ['--no-config', '-c', `source '${ffile}'; complete -C 'incident-response list --severity '`], { encoding: 'utf8' });
    assert.equal(offered.status, 0, offered.stderr);
    assert.deepEqual(offered.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]).sort(), ['critical', 'high', 'low', 'medium']);
  });

  it('refuses a shell it does not know with a sentence', async () => {
    const r = await runBin(['completion', 'powershell'], { cwd });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: .*'powershell'.*bash, zsh, fish/m);
  });
});

describe('man page', () => {
  it('prints roff that groff renders without warnings, with every verb and the exit codes', async () => {
    const cwd = tempDir();
    const r = await runBin(['man'], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\.TH INCIDENT-RESPONSE 1 /);
    for (const section of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'COMMANDS', 'OPTIONS', 'ENVIRONMENT', 'EXIT STATUS', 'EXAMPLES']) assert.match(r.stdout, new RegExp(`^\\.SH "?${section}"?$`, 'm'));
    const file = join(cwd, 'incident-response.1');
    writeFileSync(file, r.stdout);
    const rendered = spawnSync('groff', ['-man', '-Tutf8', '-ww', file], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    assert.equal(rendered.status, 0, rendered.stderr);
    assert.equal(rendered.stderr, '');
    // eslint-disable-next-line no-control-regex
    const text = rendered.stdout.replace(/.\x08/g, '');
    assert.match(text, /incident-response - declare, work and audit incidents/);
    for (const verb of ['ack', 'audit verify', 'token create', 'completion', 'escalation preview']) assert.ok(text.includes(`incident-response ${verb}`), verb);
    assert.match(text, /--severity/);
    assert.match(text, /\n\s+11\s+/);
  });
});
