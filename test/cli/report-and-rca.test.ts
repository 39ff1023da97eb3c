import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';

// A story on a SQLite file in a temp dir, told with the built executable and IR_NOW fixed.
describe('incident-response report and rca', () => {
  let cwd: string;
  const ir = async (now: string, args: string[], env: Record<string, string> = {}) => runBin(args, { cwd, env: { IR_NOW: now, ...env } });
  const ok = async (now: string, args: string[], env: Record<string, string> = {}) => {
    const r = await ir(now, args, env);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r;
  };
  const ID = 'INC-2026-1128-001';

  before(async () => {
    cwd = tempDir();
    await ok('2026-10-10T10:00:00Z', ['critical', 'outage', 'production', '--title', 'Old outage', '--service', 'checkout']);
    await ok('2026-10-10T10:30:00Z', ['ack', 'INC-2026-1010-001']);
    await ok('2026-10-10T12:00:00Z', ['resolve', 'INC-2026-1010-001', '--summary', 'Rolled back']);
    await ok('2026-11-28T14:30:00Z', ['critical', 'outage', 'production', '--title', 'Checkout API down', '--service', 'checkout', '--impact-started', '2026-11-28T14:25:00Z']);
    await ok('2026-11-28T14:33:00Z', ['ack', ID]);
    await ok('2026-11-28T14:34:00Z', ['assign', ID, '--role', 'commander', '--to', 'bob']);
    await ok('2026-11-28T14:35:00Z', ['note', ID, 'checking dashboards']);
    await ok('2026-11-28T14:50:00Z', ['update', ID, '--status', 'identified', '--message', 'Connection pool exhausted']);
    await ok('2026-11-28T15:05:00Z', ['mitigate', ID, '--note', 'Increased connection limits']);
    await ok('2026-11-28T15:15:00Z', ['resolve', ID, '--summary', 'Connection limits restored']);
    await ok('2026-11-30T08:00:00Z', ['high', 'security', 'production', '--title', 'Credential stuffing']);
    // Declared on 1 December at 00:00 UTC: next month.
    await ok('2026-12-01T00:00:00Z', ['low', 'data', 'development', '--title', 'December data issue']);
  });

  it('prints the monthly report in the template layout, security incidents included for the local admin', async () => {
    const r = await ok('2026-12-02T09:00:00Z', ['report', '--month', '2026-11']);
    const lines = r.stdout.split('\n');
    for (const key of [
      '[STATS] Incident Statistics (November 2026, UTC)',
      '├── Total Incidents: 2',
      '├── Mean Time to Detection (MTTD): 5.0 minutes (median 5.0 minutes, 1 incident with a known impact start)',
      '├── Mean Time to Acknowledge (MTTA): 3.0 minutes (median 3.0 minutes, 1 acknowledged incident)',
      '└── Mean Time to Resolution (MTTR): 45.0 minutes (median 45.0 minutes, 1 resolved incident)',
      '├── Response time improved by 90% vs. October',
      '├── Resolution time improved by 62% vs. October',
      '├── Detection time: no data for October to compare',
      '├── 50% of incidents resolved within SLA (1 of 2)',
      '├── Share resolved within SLA improved by 50 points vs. October',
      '└── INC-2026-1128-001: Connection limits restored',
      '└── security: 1 incident, 0 resolved',
    ]) assert.ok(lines.includes(key), `missing: ${key}\n${r.stdout}`);
  });

  it('writes JSON, Markdown, HTML and CSV, choosing the format from --out', async () => {
    const json = JSON.parse((await ok('2026-12-02T09:00:00Z', ['report', '--month', '2026-11', '--format', 'json'])).stdout) as { current: { total: number; mttr: { meanMinutes: number } }; previous: { total: number } };
    assert.equal(json.current.total, 2);
    assert.equal(json.current.mttr.meanMinutes, 45);
    assert.equal(json.previous.total, 1);
    for (const [file, marker] of [['nov.md', '# Monthly Incident Report: November 2026'], ['nov.html', '<svg '], ['nov.csv', 'id,declared_at,severity']] as const) {
      const r = await ok('2026-12-02T09:00:00Z', ['report', '--month', '2026-11', '--out', file]);
      assert.match(r.stdout, /^Wrote the report to /);
      assert.ok((await readFile(join(cwd, file), 'utf8')).includes(marker), file);
    }
  });

  it('refuses a month that is not YYYY-MM with a usage error', async () => {
    const r = await ir('2026-12-02T09:00:00Z', ['report', '--month', 'Nov']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /month must look like 2026-11/);
  });

  it('generates the RCA from the events, edits it with flags and keeps the history', async () => {
    const first = await ok('2026-12-02T09:00:00Z', ['rca', ID]);
    assert.match(first.stdout, /^- 14:25 - Impact began \(first signal\)$/m);
    assert.match(first.stdout, /^- 14:34 - War room activated, incident commander: bob \[#\d+\]$/m);
    assert.match(first.stdout, /^- 14:50 - Identified: Connection pool exhausted \[#\d+\]$/m);
    assert.match(first.stdout, /^- Duration: 50m$/m);
    assert.ok(!first.stdout.includes('checking dashboards'), 'notes stay in the full timeline only');
    assert.match(first.stdout, /## Root Cause\n\nNot determined yet\./);

    const edited = await ok('2026-12-02T09:05:00Z', ['rca', ID, '--root-cause', 'Database connection pool misconfiguration', '--factor', 'Inadequate load testing', '--factor', 'Missing pool monitoring',
      '--action', '[Immediate] Add pool monitoring @alice due 2026-12-05', '--action', '[Process] Add DB checklist items']);
    assert.match(edited.stdout, /Recorded the RCA edit/);
    const again = await ok('2026-12-02T09:06:00Z', ['rca', ID, '--root-cause', 'Database connection pool misconfiguration']);
    assert.match(again.stdout, /Nothing changed/);

    const doc = JSON.parse((await ok('2026-12-02T09:10:00Z', ['rca', ID, '--format', 'json'])).stdout) as { rootCause: string; contributingFactors: string[]; correctiveActions: { category: string; owner: string | null }[]; timeline: { seq: number | null; milestone: string }[] };
    assert.equal(doc.rootCause, 'Database connection pool misconfiguration');
    assert.deepEqual(doc.contributingFactors, ['Inadequate load testing', 'Missing pool monitoring']);
    assert.deepEqual(doc.correctiveActions.map((a) => [a.category, a.owner]), [['immediate', 'alice'], ['process', null]]);

    // Curation: hide the war-room entry and annotate the finding; the event log is untouched.
    const warRoom = doc.timeline.find((e) => e.milestone === 'war-room')!.seq!;
    const finding = doc.timeline.find((e) => e.milestone === 'finding')!.seq!;
    await ok('2026-12-02T09:11:00Z', ['rca', ID, '--hide-entry', String(warRoom), '--annotate', String(finding), 'The pool alarm had been muted']);
    const curated = await ok('2026-12-02T09:12:00Z', ['rca', ID]);
    assert.ok(!curated.stdout.includes('War room activated'));
    assert.match(curated.stdout, /^ {2}- Note: The pool alarm had been muted$/m);
    assert.match(curated.stdout, /1 entry hidden/);
    const timeline = await ok('2026-12-02T09:12:00Z', ['timeline', ID, '--json']);
    const kinds = (JSON.parse(timeline.stdout) as { kind: string }[]).map((e) => e.kind);
    assert.equal(kinds.filter((k) => k === 'rca-updated').length, 2);
    assert.ok(kinds.includes('role-assigned'));
    const audit = await ok('2026-12-02T09:12:00Z', ['audit', 'verify']);
    assert.match(audit.stdout, /^OK/);

    const bad = await ir('2026-12-02T09:13:00Z', ['rca', ID, '--hide-entry', '99999']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no RCA timeline entry has that number/);
  });

  it('edits the RCA in $EDITOR and reports form errors with line numbers', async () => {
    const editor = join(cwd, 'fake-editor.mjs');
    // Rewrites the form: a new impact, one factor replaced, one action added.
    await writeFile(editor, `import { readFileSync, writeFileSync } from 'node:fs';
const file = process.argv[2];
let text = readFileSync(file, 'utf8');
text = text.replace(/## Impact\\n[^\\n]*/, '## Impact\\nAll checkout requests failed for 50 minutes');
text = text.replace('2. Missing pool monitoring', '2. No alert on pool saturation');
text = text.replace(/(## Corrective actions\\n(?:.*\\n)*?)(\\n|$)/, (m, list) => list + '3. [Long-term] Validate DB config in CI @carol due 2027-01-15\\n');
writeFileSync(file, text);
`);
    const r = await ok('2026-12-02T10:00:00Z', ['rca', ID, '--edit'], { EDITOR: `"${process.execPath}" "${editor}"` });
    assert.match(r.stdout, /Recorded the RCA edit/);
    const doc = JSON.parse((await ok('2026-12-02T10:01:00Z', ['rca', ID, '--format', 'json'])).stdout) as { impact: string; contributingFactors: string[]; correctiveActions: { text: string }[] };
    assert.equal(doc.impact, 'All checkout requests failed for 50 minutes');
    assert.deepEqual(doc.contributingFactors, ['Inadequate load testing', 'No alert on pool saturation']);
    assert.equal(doc.correctiveActions.at(-1)!.text, 'Validate DB config in CI');

    const broken = join(cwd, 'broken-editor.mjs');
    await writeFile(broken, `import { writeFileSync } from 'node:fs';
writeFileSync(process.argv[2], '## Root cause\\nA cause\\n## Corrective actions\\n1. [Someday] maybe\\n');
`);
    const failed = await ir('2026-12-02T10:02:00Z', ['rca', ID, '--edit'], { EDITOR: `"${process.execPath}" "${broken}"` });
    assert.equal(failed.code, 2);
    assert.match(failed.stderr, /line 4/);
    const kept = /kept in (\S+\.md)\./.exec(failed.stderr)?.[1];
    assert.ok(kept !== undefined, failed.stderr);
    assert.match(await readFile(kept, 'utf8'), /\[Someday\] maybe/);
  });

  it('renders the RCA as HTML into a file', async () => {
    await ok('2026-12-02T10:05:00Z', ['rca', ID, '--out', 'rca.html']);
    const html = await readFile(join(cwd, 'rca.html'), 'utf8');
    assert.match(html, /<h1>Root Cause Analysis: INC-2026-1128-001<\/h1>/);
    assert.ok(!/<script/i.test(html));
  });
});
