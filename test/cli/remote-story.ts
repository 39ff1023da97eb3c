import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createToken, startServe, type ServeProcess } from '../http/serve-process.js';
import { runBin, tempDir, type CliRun } from '../support/cli.js';
import { createTestDatabase, type StoreKind, type TestDatabase } from '../support/stores.js';

// The whole CLI story (run by remote-story-sqlite.test.ts and remote-story-postgres.test.ts) — declare, work, publish, maintenance, silences, integration keys,
// compliance, RCA, action items, tickets, the review, the monthly report — told twice: to a local
// database and with --api to a `serve` process. Every line printed and every exit code must match
// byte for byte once the random ids are named by their order of appearance.

const ID = 'INC-2026-1128-001';
const A = '2026-11-28T14:30:00Z';
const B = '2026-11-28T14:40:00Z';
const C = '2026-11-28T15:30:00Z';
const D = '2026-12-02T09:00:00Z';

interface Step {
  readonly at: string;
  /** `{name}` is replaced by what an earlier step captured under that name, on each side separately. */
  readonly args: readonly string[];
  /** Remembers each first match's group 1 from stdout under its name (random ids and entry numbers differ per side). */
  readonly capture?: readonly { readonly name: string; readonly pattern: RegExp }[];
  /** The step is refused (bad input, a rule of the product): both sides must refuse it the same way. */
  readonly refused?: true;
  /** What the local run must print, so the comparison is of something that happened. */
  readonly expect?: RegExp;
  /** More environment for the CLI on both sides ({editors} is the directory of the fake editors). */
  readonly env?: Readonly<Record<string, string>>;
}

/** $EDITOR for `rca --edit`: one rewrites the impact in the form, one writes a form with an error on line 4. */
const EDITORS: Record<string, string> = {
  'rewrite-impact.mjs': `import { readFileSync, writeFileSync } from 'node:fs';
const file = process.argv[2];
writeFileSync(file, readFileSync(file, 'utf8').replace(/## Impact\\n[^\\n]*/, '## Impact\\nEvery EU checkout failed for 60 minutes'));
`,
  'broken-form.mjs': `import { writeFileSync } from 'node:fs';
writeFileSync(process.argv[2], '## Root cause\\nA cause\\n## Corrective actions\\n1. [Someday] maybe\\n');
`,
};
const editor = (name: string) => ({ EDITOR: `"${process.execPath}" "{editors}/${name}"` });

const story: readonly Step[] = [
  { at: A, args: ['critical', 'outage', 'production', '--title', 'Checkout API down', '--service', 'checkout'] },
  { at: A, args: ['high', 'performance', 'staging', '--title', 'Slow search'] },
  { at: B, args: ['ack', ID] },
  { at: B, args: ['update', ID, '--status', 'identified', '--message', 'Connection pool exhausted'] },
  { at: B, args: ['publish', ID, '--component', 'api', '--impact', 'major', '--title', 'Checkout errors'] },
  { at: B, args: ['publish', ID, '--component', 'api', '--impact', 'major', '--title', 'Checkout errors', '--json'] },
  { at: B, args: ['publish', ID, '--component', 'nope', '--impact', 'major'], refused: true },
  { at: B, args: ['maintenance', 'schedule', '--title', 'Database upgrade', '--starts', '2026-12-03T02:00Z', '--ends', '+2h', '--components', 'api', '--message', 'Read-only for two hours'], capture: [{ name: 'mnt', pattern: /Scheduled maintenance (\S+):/ }] },
  { at: B, args: ['maintenance', 'list'] },
  { at: B, args: ['maintenance', 'list', '--json'] },
  { at: B, args: ['silence', 'create', '--match', 'alertname=DiskFull', '--for', '2h', '--reason', 'planned failover'], capture: [{ name: 'sil', pattern: /(sil_[A-Za-z0-9_-]+)/ }] },
  { at: B, args: ['silence', 'list'] },
  { at: B, args: ['silence', 'list', '--json'] },
  { at: B, args: ['integration', 'create', '--source', 'alertmanager-webhook', '--name', 'prom', '--service', 'checkout'] },
  { at: B, args: ['integration', 'list'] },
  { at: B, args: ['integration', 'create', '--source', 'no-such-source', '--name', 'x'], refused: true },
  { at: B, args: ['compliance', 'flag', ID, 'gdpr', '--aware-at', '2026-11-28T14:35:00Z', '--individuals', '1200', '--note', 'card holder names'] },
  { at: B, args: ['compliance', 'notify', ID, 'gdpr', '--to', 'CNIL', '--note', 'ref 42'] },
  { at: B, args: ['compliance', 'flag', ID, 'pci-dss', '--aware-at', '2026-11-28T14:35:00Z'] },
  { at: B, args: ['compliance', 'flag', ID, 'gdpr', '--aware-at', '2026-11-28T14:35:00Z', '--individuals', '1200', '--note', 'card holder names', '--json'] },
  { at: C, args: ['resolve', ID, '--summary', 'Pool size restored'] },
  { at: C, args: ['unpublish', ID] },
  { at: C, args: ['unpublish', ID, '--json'] },
  { at: C, args: ['rca', ID, '--impact', 'EU checkout failed for 60 minutes', '--root-cause', 'Connection pool misconfiguration', '--factor', 'No pool alarm', '--action', '[Immediate] Add pool monitoring @alice due 2026-11-30'] },
  { at: C, args: ['rca', ID], capture: [{ name: 'ack', pattern: /Acknowledged by \S+ \[#(\d+)\]/ }, { name: 'update', pattern: /\[#(\d+)\]\n- \d\d:\d\d - Service restored/ }] },
  { at: C, args: ['rca', ID, '--annotate', '{ack}', 'the first page went unanswered', '--hide-entry', '{update}'] },
  { at: C, args: ['rca', ID] },
  { at: C, args: ['rca', ID, '--all-entries', '--format', 'html'] },
  { at: C, args: ['rca', ID, '--format', 'json'] },
  { at: C, args: ['rca', ID, '--hide-entry', '999'], refused: true },
  { at: C, args: ['rca', ID, '--json'] },
  { at: C, args: ['rca', ID, '--factor', 'Alarm muted during a deploy', '--json'] },
  { at: C, args: ['rca', ID, '--edit'], env: editor('rewrite-impact.mjs') },
  { at: C, args: ['rca', ID, '--edit'], env: editor('broken-form.mjs'), refused: true },
  { at: C, args: ['rca', ID, '--format', 'markdown'], expect: /Every EU checkout failed for 60 minutes/ },
  { at: C, args: ['actions', 'add', ID, '--title', 'Load test with connection stress', '--owner', 'carol', '--due', '2026-12-01', '--priority', 'high'] },
  { at: C, args: ['actions', 'add', ID, '--title', 'Runbook for pool alarms', '--category', 'process', '--json'] },
  { at: C, args: ['actions', 'from-rca', ID] },
  { at: C, args: ['actions', 'from-rca', ID, '--json'] },
  { at: C, args: ['actions'] },
  { at: C, args: ['actions', 'list', '--json'] },
  { at: C, args: ['ticket', 'create', ID, '--system', 'jira', '--action', `${ID}-A2`] },
  { at: C, args: ['ticket', 'sync', '--json'], expect: /"status": "In Progress"/ },
  { at: C, args: ['pir', 'schedule', ID, '--at', '2026-12-01T15:00Z', '--attendee', 'Alice <alice@example.com>', '--attendee', 'bob'] },
  { at: C, args: ['pir', 'notes', ID, 'The pool alarm was muted'] },
  { at: C, args: ['pir', 'decide', ID, 'Alarms are never muted without a ticket'] },
  { at: C, args: ['pir', 'notes', ID, 'Paging worked', '--json'] },
  { at: C, args: ['pir', 'show', ID], expect: /The pool alarm was muted/ },
  { at: C, args: ['pir', 'show', ID, '--json'] },
  { at: C, args: ['close', ID], refused: true },
  { at: D, args: ['actions', '--overdue'] },
  { at: D, args: ['actions', 'done', `${ID}-A2`, '--note', 'done in sprint 48'] },
  { at: D, args: ['actions', 'update', `${ID}-A9`, '--owner', 'dave'], refused: true },
  { at: D, args: ['pir', 'done', ID, '--summary', 'Reviewed with the database team'] },
  { at: D, args: ['close', ID] },
  { at: D, args: ['maintenance', 'cancel', '{mnt}'] },
  { at: D, args: ['silence', 'expire', '{sil}', '--json'] },
  { at: D, args: ['silence', 'expire', 'sil_nosuchsilence'], refused: true },
  { at: D, args: ['integration', 'revoke', 'prom'] },
  { at: D, args: ['token', 'create', '--name', 'ci', '--role', 'viewer'] },
  { at: D, args: ['token', 'create', '--name', 'ci', '--role', 'viewer'], refused: true },
  { at: D, args: ['token', 'revoke', 'ci', '--json'] },
  { at: D, args: ['integration', 'list', '--json'] },
  { at: D, args: ['compliance', 'reminders'], expect: /LATE .*pci/i },
  { at: D, args: ['compliance', 'reminders', '--json'] },
  { at: D, args: ['compliance', 'export', ID, '--out', 'evidence'], expect: /^Wrote the evidence bundle of INC-2026-1128-001 to .*MANIFEST\.sha256\)\.\n/ },
  { at: D, args: ['compliance', 'export', ID, '--out', 'evidence'], refused: true },
  { at: D, args: ['compliance', 'soc2'] },
  { at: D, args: ['compliance', 'soc2', '--json'] },
  { at: D, args: ['report', '--month', '2026-11'] },
  { at: D, args: ['report', '--month', '2026-11', '--format', 'markdown'] },
  { at: D, args: ['report', '--month', '2026-11', '--json'] },
  { at: D, args: ['report', '--month', '2026-11', '--format', 'csv'] },
  { at: D, args: ['timeline', ID] },
  { at: D, args: ['show', ID, '--json'] },
];

/**
 * Random ids and keys (maintenance windows, silences, integration ids and keys) named by their order
 * of appearance, each side's working directory as <cwd>; the chain's global sequence numbers (`"seq"`, the RCA's `[#12]`) differ because the
 * server's chain also links its own admin lines (the token). Nothing else is normalised.
 */
function normalise(text: string, names: Map<string, string>, cwd: string): string {
  return text
    .split(cwd).join('<cwd>')
    .replace(/\b(mnt|sil|int|iri|irk|irt|itg|alr|msg|tok)_[A-Za-z0-9_-]{6,}/g, (m, kind: string) => {
      if (!names.has(m)) names.set(m, `${kind}_#${names.size + 1}`);
      return names.get(m)!;
    })
    .replace(/"seq": \d+/g, '"seq": N')
    // Where `rca --edit` keeps a form it could not record: a new temporary directory each time.
    .replace(/\/ir-rca-[A-Za-z0-9]+\//g, '/ir-rca-…/')
    .replace(/\[#\d+\]/g, '[#N]')
    .replace(/<td>\d+<\/td><\/tr>/g, '<td>N</td></tr>')
    .replace(/\(entries: [\d, ]+\)/g, '(entries: …)');
}

function jiraServer(): Server {
  // Jira Cloud REST v3 as documented: create an issue, read its status category.
  return createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.headers['authorization'] !== `Basic ${Buffer.from('bot@example.com:jira-token-secret').toString('base64')}`) {
        res.writeHead(401).end(JSON.stringify({ errorMessages: ['Client must be authenticated to access this resource.'], errors: {} }));
        return;
      }
      if (req.method === 'POST' && req.url === '/rest/api/3/issue') {
        res.writeHead(201).end(JSON.stringify({ id: '10001', key: 'INC-1', self: 'x' }));
        return;
      }
      res.writeHead(200).end(JSON.stringify({ key: 'INC-1', fields: { status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } } } }));
    });
  });
}

function config(jiraPort: number): string {
  return [
    'reviews:',
    '  required_for: [critical, high]',
    '  within_business_days: 3',
    'tickets:',
    '  jira:',
    `    base_url: http://127.0.0.1:${jiraPort}`,
    '    project_key: INC',
    '    email: bot@example.com',
    '    api_token_env: JIRA_API_TOKEN',
    'status_page:',
    '  name: Acme Status',
    '  url: https://status.example.com',
    '  components:',
    '    - id: api',
    '      name: Public API',
    '',
  ].join('\n');
}

/** The story against `serve` on `kind` (the local side is always a SQLite file, as a laptop has). */
export function describeRemoteStory(kind: StoreKind): void {
  describe(`the whole CLI story prints the same locally and with --api against serve on ${kind}`, () => {
    const localCwd = tempDir();
    const serverCwd = tempDir();
    const clientCwd = tempDir();
    const editors = tempDir();
    const env = { JIRA_API_TOKEN: 'jira-token-secret' };
    let jira: Server;
    let database: TestDatabase | undefined;
    let serverEnv: Record<string, string>;
    let server: ServeProcess | undefined;
    let token: string;

    before(async () => {
      jira = jiraServer();
      await new Promise<void>((resolve) => jira.listen(0, '127.0.0.1', resolve));
      const yaml = config((jira.address() as AddressInfo).port);
      for (const cwd of [localCwd, serverCwd, clientCwd]) await writeFile(join(cwd, 'incident-response.yaml'), yaml);
      for (const [name, text] of Object.entries(EDITORS)) await writeFile(join(editors, name), text);
      serverEnv = { ...env };
      if (kind === 'postgres') {
        database = await createTestDatabase('postgres');
        serverEnv = { ...env, DATABASE_URL: database.location };
      }
      token = await createToken(serverCwd, serverEnv, 'tester', 'admin');
    });
    after(async () => {
      await server?.stop();
      jira.closeAllConnections();
      await new Promise<void>((resolve) => jira.close(() => resolve()));
      await database?.cleanup();
    });

    it('gives identical output and exit codes for every verb', async () => {
      const captured = { local: new Map<string, string>(), remote: new Map<string, string>() };
      const names = { local: new Map<string, string>(), remote: new Map<string, string>() };
      const fill = (args: readonly string[], side: 'local' | 'remote') => args.map((a) => a.replace(/\{(\w+)\}/g, (_, n: string) => captured[side].get(n) ?? `{${n}}`));
      let serverAt = '';
      for (const step of story) {
        // Every line printed depends on "now": the server's clock is fixed like the CLI's (IR_NOW),
        // so it restarts when the story's time moves on (which also shows its state survives).
        if (step.at !== serverAt) {
          await server?.stop();
          server = await startServe(serverCwd, { ...serverEnv, IR_NOW: step.at });
          serverAt = step.at;
        }
        const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, v.replace('{editors}', editors)]));
        const local = await runBin(fill(step.args, 'local'), { cwd: localCwd, env: { ...env, ...stepEnv, IR_NOW: step.at } });
        const remote = await runBin(fill(step.args, 'remote'), { cwd: clientCwd, env: { ...stepEnv, IR_NOW: step.at, IR_API_URL: server!.url, IR_TOKEN: token } });
        for (const { name, pattern } of step.capture ?? []) {
          for (const [side, run] of [['local', local], ['remote', remote]] as const) {
            const m = pattern.exec(run.stdout);
            assert.ok(m, `${step.args.join(' ')} (${side}) printed no ${name}:\n${run.stdout}${run.stderr}`);
            captured[side].set(name, m[1]!);
          }
        }
        const label = `${step.args.join(' ')} at ${step.at}`;
        assert.equal(remote.code, local.code, `${label}: exit ${remote.code} remotely, ${local.code} locally\n${remote.stderr}\n${local.stderr}`);
        assert.equal(normalise(remote.stdout, names.remote, clientCwd), normalise(local.stdout, names.local, localCwd), label);
        assert.equal(normalise(remote.stderr, names.remote, clientCwd), normalise(local.stderr, names.local, localCwd), label);
        assertStoryProgress(step, local);
      }
    });
  });
}

/** The verbs that need the database files, with --api. */
export function describeLocalOnlyRefusals(): void {
  describe('with --api, the verbs that need the database files refuse clearly', () => {
    it('names the verb, says it works on the local database only, and exits 2 without a stack trace', async () => {
      const cwd = tempDir();
      // Nothing listens here: a refused verb must not even try the server.
      const remote = { IR_API_URL: 'http://127.0.0.1:9', IR_TOKEN: 'irt_unused' };
      for (const args of [['audit', 'log'], ['backup', '--out', 'b.tar'], ['doctor'], ['status-page', 'export', '--out', 'site'], ['demo']]) {
        const r = await runBin(args, { cwd, env: remote });
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /^error: .* on the local database only; run (it|them) where the database is \(without --api or IR_API_URL\)\./, args.join(' '));
        assert.doesNotMatch(r.stderr, /\n\s+at /, args.join(' '));
      }
    });
  });
}

/** The story is worth comparing only if it really happens: each step succeeds, or is refused where it should be. */
function assertStoryProgress(step: Step, run: CliRun): void {
  const label = step.args.join(' ');
  if (step.refused) assert.notEqual(run.code, 0, `${label} should have been refused:\n${run.stdout}`);
  if (step.expect !== undefined) assert.match(run.stdout, step.expect, label);
  if (!step.refused) assert.ok(run.code === 0 || (step.args[0] === 'compliance' && step.args[1] === 'soc2' && run.code === 13), `${label}: exit ${run.code}\n${run.stderr}`);
}
