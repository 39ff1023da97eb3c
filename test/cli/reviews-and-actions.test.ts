import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';

// A SEV-1 from resolution to closing, told with the built executable, IR_NOW fixed and a local
// server speaking Jira's REST v3 for the tickets.
describe('incident-response pir, actions and ticket', () => {
  let cwd: string;
  let jira: Server;
  let jiraStatus = { name: 'To Do', key: 'new' };
  const created: unknown[] = [];
  const env = { JIRA_API_TOKEN: 'jira-token-secret' };
  const ir = (now: string, args: string[]) => runBin(args, { cwd, env: { IR_NOW: now, ...env } });
  const ok = async (now: string, args: string[]) => {
    const r = await ir(now, args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r;
  };
  const ID = 'INC-2026-1127-001';

  before(async () => {
    cwd = tempDir();
    jira = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (req.headers['authorization'] !== `Basic ${Buffer.from('bot@example.com:jira-token-secret').toString('base64')}`) {
          res.writeHead(401).end(JSON.stringify({ errorMessages: ['Client must be authenticated to access this resource.'], errors: {} }));
          return;
        }
        if (req.method === 'POST' && req.url === '/rest/api/3/issue') {
          created.push(JSON.parse(body));
          res.writeHead(201).end(JSON.stringify({ id: '10001', key: 'INC-1', self: 'x' }));
          return;
        }
        res.writeHead(200).end(JSON.stringify({ key: 'INC-1', fields: { status: { name: jiraStatus.name, statusCategory: { key: jiraStatus.key } } } }));
      });
    });
    await new Promise<void>((resolve) => jira.listen(0, '127.0.0.1', resolve));
    const port = (jira.address() as AddressInfo).port;
    await writeFile(join(cwd, 'incident-response.yaml'), [
      'reviews:',
      '  required_for: [critical, high]',
      '  within_business_days: 3',
      'tickets:',
      '  jira:',
      `    base_url: http://127.0.0.1:${port}`,
      '    project_key: INC',
      '    email: bot@example.com',
      '    api_token_env: JIRA_API_TOKEN',
      '',
    ].join('\n'));
    await ok('2026-11-27T14:30:00Z', ['critical', 'outage', 'production', '--title', 'Checkout down', '--service', 'checkout', '--summary', 'All users unable to pay']);
    await ok('2026-11-27T15:15:00Z', ['resolve', ID, '--summary', 'Pool size restored']);
  });
  after(async () => {
    jira.closeAllConnections();
    await new Promise<void>((resolve) => jira.close(() => resolve()));
  });

  it('refuses to close a SEV-1 before its review, naming the command to run', async () => {
    const r = await ir('2026-11-27T16:00:00Z', ['close', ID]);
    assert.equal(r.code, 4);
    assert.match(r.stderr, /closes only after its post-incident review is done/);
    assert.match(r.stderr, /incident-response pir schedule INC-2026-1127-001 --at/);
    const show = await ok('2026-11-27T16:00:00Z', ['show', ID]);
    assert.match(show.stdout, /Review {8}required, due by 2026-12-02 15:15 UTC: schedule it with "incident-response pir schedule INC-2026-1127-001 --at …"/);
  });

  it('turns the RCA corrective actions into action items and lists them across incidents', async () => {
    await ok('2026-11-27T16:00:00Z', ['rca', ID, '--root-cause', 'Connection pool misconfiguration', '--action', '[Immediate] Add pool monitoring @alice due 2026-11-30', '--action', '[Process] Add DB checklist item']);
    await ok('2026-11-27T16:01:00Z', ['actions', 'add', ID, '--title', 'Load test with connection stress', '--category', 'short-term', '--owner', 'carol', '--due', '2026-12-10', '--priority', 'high']);
    const all = JSON.parse((await ok('2026-12-02T09:00:00Z', ['actions', '--json'])).stdout) as { ref: string; source: string; isOverdue: boolean }[];
    assert.deepEqual(all.map((i) => [i.ref, i.source, i.isOverdue]), [
      [`${ID}-A1`, 'rca', true], [`${ID}-A3`, 'manual', false], [`${ID}-A2`, 'rca', false],
    ]);
    const overdue = await ok('2026-12-02T09:00:00Z', ['actions', '--overdue']);
    assert.match(overdue.stdout, /INC-2026-1127-001-A1 +open +high +immediate +alice +2026-11-30 OVERDUE/);
    assert.doesNotMatch(overdue.stdout, /A3/);
    assert.match((await ok('2026-12-02T09:00:00Z', ['actions', '--owner', '@carol'])).stdout, /Load test/);
    const bad = await ir('2026-12-02T09:00:00Z', ['actions', 'add', ID, '--title', 'x', '--due', '2026-02-30']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /due: '2026-02-30' must be a day like 2026-12-05/);
  });

  it('schedules the review: the agenda of the product with the incident filled in, and an RFC 5545 invite', async () => {
    const ics = join(cwd, 'pir.ics');
    const r = await ok('2026-11-27T16:05:00Z', ['pir', 'schedule', ID, '--at', '2026-12-01T15:00Z', '--attendee', 'Alice/alice@example.com', '--attendee', 'Bob <bob@example.com>', '--ics', ics]);
    for (const line of ['1. Incident Overview (10 minutes) — 15:00', '2. Root Cause Analysis (20 minutes) — 15:10', '3. Action Items (15 minutes) — 15:30',
      '4. Learning and Knowledge Sharing (10 minutes) — 15:45', '5. Follow-up Planning (5 minutes) — 15:55', '> Severity: SEV-1 (critical)', '> Duration: 45m',
      '> Root cause: Connection pool misconfiguration', 'Required; due by 2026-12-02 15:15 UTC']) {
      assert.ok(r.stdout.includes(line), `missing '${line}' in\n${r.stdout}`);
    }
    const text = await readFile(ics, 'utf8');
    assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n') && text.endsWith('END:VCALENDAR\r\n'));
    assert.match(text, /\r\nDTSTART:20261201T150000Z\r\n/);
    assert.match(text, /\r\nUID:pir-INC-2026-1127-001@incident-response\r\n/);
    assert.match(text.replace(/\r\n /g, ''), /ATTENDEE;CN="Bob";ROLE=REQ-PARTICIPANT:mailto:bob@example.com/);
  });

  it('creates a Jira ticket for an action item and syncs its status back to the item', async () => {
    const r = await ok('2026-11-28T09:00:00Z', ['ticket', 'create', ID, '--system', 'jira', '--action', `${ID}-A1`]);
    assert.match(r.stdout, /Ticket INC-1 in jira \(To Do\) http:\/\/127\.0\.0\.1:\d+\/browse\/INC-1 is linked to INC-2026-1127-001-A1\./);
    const fields = (created[0] as { fields: { project: { key: string }; priority: { name: string }; issuetype: { name: string } } }).fields;
    assert.deepEqual([fields.project.key, fields.priority.name, fields.issuetype.name], ['INC', 'High', 'Task']);
    jiraStatus = { name: 'Done', key: 'done' };
    const sync = await ok('2026-11-29T09:00:00Z', ['ticket', 'sync']);
    assert.match(sync.stdout, /INC-1 \(jira, INC-2026-1127-001-A1\): Done \(done\); INC-2026-1127-001-A1 is done/);
    const items = JSON.parse((await ok('2026-11-29T09:00:00Z', ['actions', '--all', '--json'])).stdout) as { ref: string; status: string }[];
    assert.equal(items.find((i) => i.ref === `${ID}-A1`)?.status, 'done');
    assert.match((await ok('2026-11-29T09:01:00Z', ['ticket', 'sync'])).stdout, /No open tickets\./);
    const unknown = await ir('2026-11-29T09:00:00Z', ['ticket', 'create', ID, '--system', 'servicenow']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /servicenow is not configured/);
  });

  it('prints the RCA as a PDF with headless Chromium', { timeout: 60_000 }, async () => {
    const out = join(cwd, 'rca.pdf');
    await ok('2026-11-28T10:00:00Z', ['rca', ID, '--format', 'pdf', '--out', out]);
    const pdf = await readFile(out);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    if (text.status === 0) assert.match(text.stdout, /INC-2026-1127-001/);
    const missing = await ir('2026-11-28T10:00:00Z', ['rca', ID, '--format', 'pdf']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--format pdf writes a file: add --out FILE\.pdf/);
  });

  it('records notes, decisions and completion, after which the incident closes', async () => {
    await ok('2026-12-01T15:20:00Z', ['pir', 'notes', ID, 'Pool', 'alarms', 'were', 'muted']);
    await ok('2026-12-01T15:50:00Z', ['pir', 'decide', ID, 'Pool saturation pages the DB team']);
    await ok('2026-12-01T16:00:00Z', ['pir', 'done', ID, '--summary', 'Held with five people']);
    const show = await ok('2026-12-01T16:01:00Z', ['pir', 'show', ID]);
    assert.match(show.stdout, /> Note \(tester\): Pool alarms were muted/);
    assert.match(show.stdout, /> Decision \(tester\): Pool saturation pages the DB team/);
    assert.match(show.stdout, /Review done: 2026-12-01 16:00 UTC by tester — Held with five people/);
    await ok('2026-12-01T16:02:00Z', ['close', ID]);
    const report = await ok('2026-12-01T16:03:00Z', ['report', '--month', '2026-11']);
    assert.match(report.stdout, /Action completed on INC-2026-1127-001: Add pool monitoring/);
    const timeline = await ok('2026-12-01T16:03:00Z', ['timeline', ID]);
    assert.match(timeline.stdout, /post-incident review done \(tester\): Held with five people/);
  });
});
