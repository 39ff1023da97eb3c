import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { BIN, runBin, tempDir } from '../support/cli.js';
import { TEST_DATABASE_URL, createTestDatabase, type TestDatabase } from '../support/stores.js';

const NOW = '2026-11-28T14:30:00Z';

interface Listed { id: string }

/** Declares incidents in a loop in its own process group until stopped; counts the ones it declared. */
function startWriter(cwd: string, db: string, name: string): { child: ChildProcess; declared: () => number; waitFor: (n: number) => Promise<void>; stop: () => Promise<void> } {
  const child = spawn('bash', ['-c', `while :; do "${process.execPath}" "${BIN}" low data development --title "${name} writes"; done`], {
    cwd, env: { PATH: process.env['PATH'] ?? '', HOME: cwd, IR_USER: name, IR_DB: db, IR_NOW: NOW, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let count = 0;
  const waiting: { n: number; done: () => void }[] = [];
  child.stdout!.on('data', (d: Buffer) => {
    count += (d.toString().match(/^INC-2026-1128-\d{3} {2}/gm) ?? []).length;
    for (const w of waiting.filter((x) => count >= x.n)) { waiting.splice(waiting.indexOf(w), 1); w.done(); }
  });
  const exited = new Promise<void>((done) => child.on('close', () => done()));
  return {
    child,
    declared: () => count,
    waitFor: (n) => (count >= n ? Promise.resolve() : new Promise((done) => waiting.push({ n, done }))),
    stop: async () => {
      try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ }
      await exited;
    },
  };
}

function tamper(file: string, sql: string): void {
  // As someone with file access would: drop the append-only triggers (migration 8), then edit.
  const script = `
    const Sqlite = require('better-sqlite3');
    const db = new Sqlite(${JSON.stringify(file)});
    for (const t of db.prepare("select name from sqlite_master where type = 'trigger'").all()) db.exec('drop trigger "' + t.name + '"');
    db.exec(${JSON.stringify(sql)});
    db.close();`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: process.cwd(), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

describe('backup and restore (sqlite)', () => {
  const cwd = tempDir('ir-backup-');
  const env = { IR_NOW: NOW };
  const ir = (args: string[], extra: Record<string, string> = {}) => runBin(args, { cwd, env: { ...env, ...extra } });
  const ids = async (db: string) => {
    const r = await ir(['list', '--json', '--limit', '1000', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as Listed[]).map((i) => i.id).sort();
  };

  it('copies the database while two processes keep declaring; the copy restores into an empty location, passes audit verify and lists the same incidents', async () => {
    const source = join(cwd, 'live.db');
    assert.equal((await ir(['critical', 'outage', 'production', '--title', 'Checkout API down', '--db', source])).code, 0);
    assert.equal((await ir(['ack', 'INC-2026-1128-001', '--db', source])).code, 0);
    const writers = [startWriter(cwd, source, 'w1'), startWriter(cwd, source, 'w2')];
    try {
      await Promise.all(writers.map((w) => w.waitFor(2)));
      const backup = await ir(['backup', '--out', 'live-backup.db', '--db', source]);
      assert.equal(backup.code, 0, backup.stderr);
      assert.match(backup.stdout, new RegExp(`^Backed up ${source} to ${join(cwd, 'live-backup.db')} \\(mode 0600\\): \\d+ incidents, chain head at sequence \\d+, as of one commit\\.`));
      assert.equal(statSync(join(cwd, 'live-backup.db')).mode & 0o777, 0o600);
      // The writers go on after the backup: the source moves past it.
      const after = writers.map((w) => w.declared());
      await Promise.all(writers.map((w, i) => w.waitFor(after[i]! + 1)));
    } finally {
      await Promise.all(writers.map((w) => w.stop()));
    }
    assert.deepEqual(readdirSync(cwd).filter((f) => f.includes('partial')), []);

    const restored = await ir(['restore', 'live-backup.db', '--db', 'restored/incidents.db']);
    assert.equal(restored.code, 2, 'the target directory must exist');
    assert.match(restored.stderr, /Check that the target directory exists and is writable/);
    const r = await ir(['restore', 'live-backup.db', '--db', 'restored.db']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^OK: \d+ events verified; the chain is intact \(head sequence \d+\)\.\n\d+ incidents: the stored read model matches the events\.\n/);
    assert.match(r.stdout, new RegExp(`Restored ${join(cwd, 'live-backup.db')} into ${join(cwd, 'restored.db')}\\.\\n$`));

    const verify = await ir(['audit', 'verify', '--json', '--db', 'restored.db']);
    assert.equal(verify.code, 0, verify.stdout);
    const backedUp = await ids(join(cwd, 'restored.db'));
    const live = await ids(source);
    // Ids are numbered in commit order, so a copy as of one commit holds exactly the first ones.
    assert.ok(backedUp.length >= 5 && backedUp.length < live.length, `${backedUp.length} of ${live.length}`);
    assert.deepEqual(backedUp, live.slice(0, backedUp.length));
    assert.equal((JSON.parse(verify.stdout) as { incidentsChecked: number }).incidentsChecked, backedUp.length);
    const listed = async (db: string) => (JSON.parse((await ir(['list', '--json', '--limit', '1000', '--db', db])).stdout) as Listed[]).filter((i) => backedUp.includes(i.id));
    assert.deepEqual(await listed('restored.db'), await listed(source));
  });

  it('restores into an existing database that holds nothing yet', async () => {
    assert.equal((await ir(['list', '--db', 'fresh.db'])).code, 0);
    assert.ok(existsSync(join(cwd, 'fresh.db')));
    const r = await ir(['restore', 'live-backup.db', '--db', 'fresh.db']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(await ids(join(cwd, 'fresh.db')), await ids(join(cwd, 'restored.db')));
  });

  it('refuses to restore into a database that holds incidents, and leaves it as it was', async () => {
    const before = await ids(join(cwd, 'restored.db'));
    const r = await ir(['restore', 'live-backup.db', '--db', 'live.db']);
    assert.equal(r.code, 5);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^error: Cannot restore into ${join(cwd, 'live.db')}: it already holds \\d+ incidents and \\d+ audit chain records, and restore only writes into an empty database\\. Give a new file with --db \\(or IR_DB\\), or move ${join(cwd, 'live.db')} aside first\\.\\n  db: not empty\\n$`));
    assert.deepEqual(await ids(join(cwd, 'restored.db')), before);
  });

  it('refuses a backup whose event row was edited with the audit verify exit code and message, and restores nothing', async () => {
    copyFileSync(join(cwd, 'live-backup.db'), join(cwd, 'tampered.db'));
    tamper(join(cwd, 'tampered.db'), "update ir_events set data = replace(data, 'Checkout API down', 'Nothing happened') where seq = 1");
    const r = await ir(['restore', 'tampered.db', '--db', 'from-tampered.db']);
    assert.equal(r.code, 11, r.stdout + r.stderr);
    assert.match(r.stdout, /^BROKEN at sequence 1 \(INC-2026-1128-001\): sequence 1 \(INC-2026-1128-001 v1 declared\) does not match its hash: the row was changed\.\n0 events before it verified\./);
    assert.match(r.stdout, new RegExp(`The backup ${join(cwd, 'tampered.db')} failed verification, so it was not restored: ${join(cwd, 'from-tampered.db')} is unchanged\\.\\n$`));
    assert.deepEqual(readdirSync(cwd).filter((f) => f.startsWith('from-tampered')), []);
  });

  it('refuses a backup whose read model was edited, naming the incident and field', async () => {
    copyFileSync(join(cwd, 'live-backup.db'), join(cwd, 'tampered-row.db'));
    tamper(join(cwd, 'tampered-row.db'), "update ir_incidents set incident_type = 'security' where id = 'INC-2026-1128-001'");
    const r = await ir(['restore', 'tampered-row.db', '--db', 'from-tampered-row.db']);
    assert.equal(r.code, 11, r.stdout + r.stderr);
    assert.match(r.stdout, /^BROKEN: the read model of INC-2026-1128-001 does not match its events: incident_type/);
    assert.ok(!existsSync(join(cwd, 'from-tampered-row.db')));
  });

  it('never overwrites a file with a backup, and names a database that is not there', async () => {
    const exists = await ir(['backup', '--out', 'live-backup.db', '--db', 'live.db']);
    assert.equal(exists.code, 2);
    assert.equal(exists.stderr, `error: ${join(cwd, 'live-backup.db')} already exists, and a backup never overwrites a file. Choose another --out.\n`);
    const missing = await ir(['backup', '--out', 'x.db', '--db', 'nowhere.db']);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /^error: There is no database at .*nowhere\.db, so there is nothing to back up\./);
    assert.ok(!existsSync(join(cwd, 'nowhere.db')) && !existsSync(join(cwd, 'x.db')));
  });

  it('refuses files that are not backups: missing, empty, not SQLite, a pg_dump archive', async () => {
    const cases: [string, Buffer | undefined, number, RegExp][] = [
      ['missing.db', undefined, 3, /There is no backup at .*missing\.db/],
      ['empty.db', Buffer.alloc(0), 2, /empty\.db is empty, so it is not a backup/],
      ['notes.txt', Buffer.from('hello, this is not a database at all'), 2, /notes\.txt is not a SQLite database/],
      ['archive.dump', Buffer.concat([Buffer.from('PGDMP'), randomBytes(64)]), 2, /archive\.dump is a PostgreSQL archive made by pg_dump, not a SQLite backup\. Restore it into an empty PostgreSQL database with pg_restore/],
    ];
    const { writeFileSync } = await import('node:fs');
    for (const [name, content, code, says] of cases) {
      if (content !== undefined) writeFileSync(join(cwd, name), content);
      const r = await ir(['restore', name, '--db', `from-${name}`]);
      assert.equal(r.code, code, `${name}: ${r.stderr}`);
      assert.match(r.stderr, says);
      assert.doesNotMatch(r.stderr, /internal error|at .*\.(ts|mjs):\d+/);
      assert.ok(!existsSync(join(cwd, `from-${name}`)), name);
    }
  });

  it('verifies signed checkpoints: against an exported file, and beside the key after newer checkpoints (noted, not refused)', async () => {
    const dir = tempDir('ir-backup-key-');
    const run = (args: string[]) => runBin(args, { cwd: dir, env });
    assert.equal((await run(['critical', 'outage', 'production', '--title', 'Checkout API down'])).code, 0);
    assert.equal((await run(['audit', 'checkpoint'])).code, 0);
    assert.equal((await run(['audit', 'checkpoints', 'export', '--out', 'checkpoints.jsonl'])).code, 0);
    assert.equal((await run(['backup', '--out', 'nightly.db'])).code, 0);
    assert.equal((await run(['high', 'performance', 'staging'])).code, 0);
    assert.equal((await run(['audit', 'checkpoint'])).code, 0);

    const withFile = await run(['restore', 'nightly.db', '--db', 'elsewhere.db', '--checkpoints', 'checkpoints.jsonl']);
    assert.equal(withFile.code, 0, withFile.stdout + withFile.stderr);
    assert.match(withFile.stdout, /1 signed checkpoint from the exported file match the chain \(last #1 at sequence 1\)\./);

    // The database is lost; the key (and the checkpoint it last signed) survive beside where it was.
    renameSync(join(dir, 'incident-response.db'), join(dir, 'lost.db'));
    for (const f of readdirSync(dir).filter((n) => /^incident-response\.db-(wal|shm)$/.test(n))) renameSync(join(dir, f), join(dir, `lost-${f}`));
    const r = await run(['restore', 'nightly.db']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /1 signed checkpoint signed by key [0-9a-f]+ \(.*incident-response\.db\.audit-key\.pem\) match the chain \(last #1 at sequence 1\)\./);
    // Sequence 3: the backup's own line in the admin audit trail (2) came after the copy, then the second incident (3).
    assert.match(r.stdout, /The signing key last signed checkpoint #2 at sequence 3, after this backup was taken: the records after the backup are not in it\./);
    // As docs/audit.md says: audit verify reports them removed until the remembered checkpoint is moved aside.
    const verify = await run(['audit', 'verify']);
    assert.equal(verify.code, 11);
    assert.match(verify.stdout, /1 checkpoint was removed/);
  });
});

describe('backup and restore (postgres)', () => {
  let db: TestDatabase;
  const cwd = tempDir('ir-backup-pg-');
  const restoredDatabase = `ir_restore_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = async (sql: string) => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try { await client.query(sql); } finally { await client.end(); }
  };
  after(async () => {
    await admin(`drop database if exists "${restoredDatabase}" with (force)`);
    await db?.cleanup();
  });

  it('prints the exact pg_dump command; its archive, restored with the printed pg_restore into an empty database, passes audit verify and lists the same incidents', async () => {
    db = await createTestDatabase('postgres');
    const env = { DATABASE_URL: db.location, IR_NOW: NOW };
    const ir = (args: string[], extra: Record<string, string> = {}) => runBin(args, { cwd, env: { ...env, ...extra } });
    for (const args of [['critical', 'outage', 'production', '--title', 'Checkout API down'], ['ack', 'INC-2026-1128-001'], ['high', 'security', 'production', '--title', 'Leaked key'], ['audit', 'checkpoint']]) {
      const r = await ir(args);
      assert.equal(r.code, 0, r.stderr);
    }
    const schema = new URL(db.location).searchParams.get('schema')!;
    const plain = TEST_DATABASE_URL.replace(/\/$/, '');
    const backup = await ir(['backup', '--out', 'incidents.dump']);
    assert.equal(backup.code, 0, backup.stderr);
    const lines = backup.stdout.split('\n');
    assert.equal(lines[0], `PostgreSQL is backed up with pg_dump, which reads schema ${schema} in one consistent snapshot while servers keep writing:`);
    assert.equal(lines[1], `  pg_dump --format=custom --no-owner --schema=${schema} --file=incidents.dump ${plain}`);
    assert.equal(lines[3], `  pg_restore --no-owner --exit-on-error --dbname=${plain.replace(/\/[^/]*$/, '/DATABASE')} incidents.dump`);

    const dump = spawnSync('bash', ['-c', lines[1]!.trim()], { cwd, encoding: 'utf8' });
    assert.equal(dump.status, 0, dump.stderr);
    await admin(`create database "${restoredDatabase}"`);
    const restore = spawnSync('bash', ['-c', lines[3]!.trim().replace('/DATABASE', `/${restoredDatabase}`)], { cwd, encoding: 'utf8' });
    assert.equal(restore.status, 0, restore.stderr);

    const restoredUrl = `${plain.replace(/\/[^/]*$/, `/${restoredDatabase}`)}?schema=${schema}`;
    const verify = await ir(['audit', 'verify', '--json'], { DATABASE_URL: restoredUrl });
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    const summary = (text: string) => {
      const v = JSON.parse(text) as { ok: boolean; count: number; headSeq: number; incidentsChecked: number; checkpoints: { count: number } };
      return { ok: v.ok, count: v.count, headSeq: v.headSeq, incidentsChecked: v.incidentsChecked, checkpoints: v.checkpoints.count };
    };
    assert.deepEqual(summary(verify.stdout), { ok: true, count: 3, headSeq: 3, incidentsChecked: 2, checkpoints: 1 });
    assert.deepEqual(summary((await ir(['audit', 'verify', '--json'])).stdout), summary(verify.stdout));
    const list = async (url: string) => JSON.parse((await ir(['list', '--json'], { DATABASE_URL: url })).stdout) as Listed[];
    const restored = await list(restoredUrl);
    assert.deepEqual(restored.map((i) => i.id).sort(), ['INC-2026-1128-001', 'SEC-2026-1128-001']);
    assert.deepEqual(restored, await list(db.location));
  });

  it('leaves the password out of the printed commands', async () => {
    const r = await runBin(['backup', '--out', 'x.dump'], { cwd, env: { DATABASE_URL: 'postgres://ops:s3cret@db.internal:5432/incidents?schema=ir&sslmode=require' } });
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /s3cret/);
    assert.match(r.stdout, /pg_dump --format=custom --no-owner --schema=ir --file=x\.dump 'postgres:\/\/ops@db\.internal:5432\/incidents\?sslmode=require'\n/);
    assert.match(r.stdout, /The password is left out: pg_dump reads it from PGPASSWORD or ~\/\.pgpass\./);
  });

  it('restore against PostgreSQL refuses with the pg_restore command to use', async () => {
    const r = await runBin(['restore', 'incidents.dump'], { cwd, env: { DATABASE_URL: db.location } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: restore writes a SQLite database, but DATABASE_URL points at PostgreSQL\. Restore a pg_dump archive with "pg_restore --no-owner --exit-on-error --dbname=.*\/DATABASE incidents\.dump" into an empty database, then run "incident-response audit verify"/);
  });
});
