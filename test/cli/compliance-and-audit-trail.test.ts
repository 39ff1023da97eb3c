import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS, createTestDatabase, type TestDatabase } from '../support/stores.js';
import { runBin, tempDir } from '../support/cli.js';

function dbEnv(db: TestDatabase): Record<string, string> {
  return db.kind === 'sqlite' ? { IR_DB: db.location } : { DATABASE_URL: db.location };
}

for (const kind of STORE_KINDS) {
  describe(`compliance clocks, evidence and signed checkpoints from the command line (${kind})`, () => {
    let db: TestDatabase;
    const cwd = tempDir();
    const env = (now: string) => ({ IR_NOW: now, IR_USER: 'dana' });
    let base: Record<string, string>;
    const ir = async (args: string[], now = '2026-11-28T12:00:00Z', expect = 0) => {
      const r = await runBin(args, { cwd, env: { ...base, ...env(now) } });
      assert.equal(r.code, expect, `${args.join(' ')}\n${r.stdout}${r.stderr}`);
      return r;
    };
    before(async () => {
      db = await createTestDatabase(kind);
      base = dbEnv(db);
    });
    after(() => db.cleanup());

    it('flags an incident GDPR and PCI DSS, shows the deadlines, and records a phased notification', async () => {
      await ir(['critical', 'security', 'production', '--title', 'Customer database exposed']);
      const flagged = await ir(['compliance', 'flag', 'SEC-2026-1128-001', 'gdpr', '--aware-at', '2026-11-28T10:00:00Z', '--high-risk']);
      assert.match(flagged.stdout, /Notify the supervisory authority: due 2026-12-01T10:00:00Z/);
      await ir(['compliance', 'flag', 'SEC-2026-1128-001', 'pci', '--aware-at', '2h ago']);
      await ir(['compliance', 'notify', 'SEC-2026-1128-001', 'gdpr', '--to', 'CNIL', '--phase', 'initial', '--note', 'case 2026-117'], '2026-11-29T09:00:00Z');
      const show = JSON.parse((await ir(['show', 'SEC-2026-1128-001', '--json'], '2026-11-29T09:00:00Z')).stdout);
      const authority = show.compliance.obligations.find((o: { key: string }) => o.key === 'authority');
      assert.deepEqual([authority.status, authority.dueAt, authority.notifications[0].to, authority.notifications[0].by], ['in-progress', '2026-12-01T10:00:00.000Z', 'CNIL', 'dana']);
      const acquirer = show.compliance.obligations.find((o: { key: string }) => o.key === 'acquirer');
      assert.deepEqual([acquirer.status, acquirer.dueAt], ['pending', '2026-11-29T10:00:00.000Z']);
      const text = (await ir(['show', 'SEC-2026-1128-001'], '2026-11-29T11:00:00Z')).stdout;
      assert.match(text, /GDPR: aware since/);
      assert.match(text, /\[!\] Notify the acquirer: due .* OVERDUE/);
      const timeline = (await ir(['timeline', 'SEC-2026-1128-001'])).stdout;
      assert.match(timeline, /GDPR authority notified \(initial\) by dana: CNIL — case 2026-117/);
    });

    it('refuses a mistyped regime, a notification for a regime not flagged, and a time in the future, naming the field', async () => {
      const bad = await ir(['compliance', 'flag', 'SEC-2026-1128-001', 'hipa', '--aware-at', '1h ago'], undefined, 2);
      assert.match(bad.stderr, /unknown compliance regime 'hipa' — did you mean 'hipaa'\?/);
      const notFlagged = await ir(['compliance', 'notify', 'SEC-2026-1128-001', 'sox', '--to', 'Audit committee'], undefined, 4);
      assert.match(notFlagged.stderr, /is not flagged SOX\. Flag it first/);
      const future = await ir(['compliance', 'flag', 'SEC-2026-1128-001', 'sox', '--aware-at', '2026-12-30T00:00:00Z'], undefined, 2);
      assert.match(future.stderr, /--aware-at is in the future/);
    });

    it('lists incidents missing documentation for SOC 2 and exits 13', async () => {
      const r = await ir(['compliance', 'soc2', '--json'], '2026-11-29T11:00:00Z', 13);
      const report = JSON.parse(r.stdout);
      assert.equal(report.incomplete[0].id, 'SEC-2026-1128-001');
      assert.ok(report.incomplete[0].findings.some((f: { message: string }) => /PCI DSS: notify the acquirer is not recorded/.test(f.message)), r.stdout);
    });

    it('writes an evidence bundle an auditor can check with sha256sum', async () => {
      const out = join(cwd, 'evidence');
      const r = await ir(['compliance', 'export', 'SEC-2026-1128-001', '--out', out]);
      assert.match(r.stdout, /The audit chain verified intact/);
      const manifest = readFileSync(join(out, 'MANIFEST.sha256'), 'utf8').trim().split('\n');
      assert.deepEqual(manifest.map((l) => l.split('  ')[1]).sort(), ['README.txt', 'audit-chain.json', 'communications.md', 'compliance-checklist.md', 'incident.json', 'rca.md', 'timeline.md']);
      for (const line of manifest) {
        const [hash, name] = line.split('  ');
        assert.equal(createHash('sha256').update(readFileSync(join(out, name!))).digest('hex'), hash, name);
      }
      const chain = JSON.parse(readFileSync(join(out, 'audit-chain.json'), 'utf8'));
      assert.equal(chain.verification.ok, true);
      assert.ok(chain.incidentEvents.every((e: { hashVerified: boolean }) => e.hashVerified));
      assert.match(readFileSync(join(out, 'communications.md'), 'utf8'), /GDPR authority notified \(initial\) by dana: CNIL/);
      assert.match(readFileSync(join(out, 'compliance-checklist.md'), 'utf8'), /\| Notify the supervisory authority \| GDPR Art\. 33/);
      await ir(['compliance', 'export', 'SEC-2026-1128-001', '--out', out], undefined, 2);
    });

    it('signs checkpoints with a generated key, exports them, and verify names the first broken sequence after a rewrite', async () => {
      const r = await ir(['audit', 'keygen', '--out', 'audit.pem']);
      assert.match(r.stdout, /key id [0-9a-f]{16}/);
      assert.equal(readFileSync(join(cwd, 'audit.pem'), 'utf8').includes('PRIVATE KEY'), true);
      assert.doesNotMatch(r.stdout + r.stderr, /PRIVATE KEY/);
      writeFileSync(join(cwd, 'incident-response.yaml'), 'audit:\n  signing_key_file: audit.pem\ncompliance:\n  pci_dss:\n    acquirers:\n      - name: Acme Merchant Services\n');
      const signed = await ir(['audit', 'checkpoint']);
      assert.match(signed.stdout, /^Signed checkpoint #1 at sequence \d+ .*audit\.pem\)\.$/m);
      await ir(['audit', 'checkpoints', 'export', '--out', 'checkpoints.jsonl']);
      const ok = await ir(['audit', 'verify']);
      assert.match(ok.stdout, /1 signed checkpoint signed by key [0-9a-f]{16} \(.*audit\.pem\) match the chain \(last #1 at sequence \d+\)/);
      await ir(['audit', 'verify', '--checkpoints', 'checkpoints.jsonl']);

      await db.disableAuditGuard();
      await db.rawExec("UPDATE ir_events SET actor = 'mallory' WHERE seq = 2");
      const broken = await ir(['audit', 'verify', '--checkpoints', 'checkpoints.jsonl'], undefined, 11);
      assert.match(broken.stdout, /^BROKEN at sequence 2 \(SEC-2026-1128-001\): /);
      const log = await ir(['audit', 'log', '--json']);
      assert.ok(JSON.parse(log.stdout).some((e: { action: string; actor: string }) => e.action === 'evidence.export' && e.actor === 'dana'));
    });
  });
}
