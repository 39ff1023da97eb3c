import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createOutboundRunner, EvidenceBundleWriter } from '../../src/adapters/actions/index.js';
import { AddressGuard } from '../../src/adapters/outbound-net/index.js';
import type { LogSourceConfig, RemediationConfig } from '../../src/app/config/index.js';
import { AppError } from '../../src/domain/errors/index.js';
import { durationMs, SECOND } from '../../src/domain/time/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { actionLines, openWorld, type World } from './detection-world.js';

const RULES = `
triggers:
  security_anomaly:
    conditions: [failed_login_attempts > 1000/hour, suspicious_file_access]
    duration: 1 minute
    actions: [create_security_incident(), alert_security_team(), begin_log_collection(), isolate_suspicious_sources(), failover(), reroute_traffic(), scale()]
`;

/** The firewall/load-balancer API the remediations call: records each call, answers by path. */
interface Call { method: string; url: string; auth: string | undefined; body: string }

for (const kind of STORE_KINDS) {
  describe(`security_anomaly: security incident, evidence, remediation with approval (${kind})`, () => {
    let w: World;
    let api: Server;
    let apiBase: string;
    let dir: string;
    const calls: Call[] = [];
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ir-actions-'));
      await writeFile(join(dir, 'auth.log'), `${'x'.repeat(100)}\nFailed password for root from 203.0.113.9\n`);
      api = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => { body += c.toString(); });
        req.on('end', () => {
          calls.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body });
          res.writeHead(req.url === '/reroute' ? 500 : 200, { 'content-type': 'text/plain' }).end(req.url === '/reroute' ? 'no healthy region' : 'isolated 203.0.113.9');
        });
      });
      await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
      apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
      const sources: LogSourceConfig[] = [
        { kind: 'file', name: 'auth-log', path: join(dir, 'auth.log'), maxBytes: 48 },
        { kind: 'command', name: 'who', argv: [process.execPath, '-e', 'console.log("alice pts/0")'], timeoutMs: durationMs(5 * SECOND), maxBytes: 4096 },
        { kind: 'file', name: 'gone', path: join(dir, 'missing.log'), maxBytes: 1024 },
      ];
      const remediation: Record<string, RemediationConfig> = {
        isolate_suspicious_sources: {
          call: { kind: 'http', method: 'POST', url: `${apiBase}/isolate`, headers: { authorization: 'Bearer ${FIREWALL_TOKEN}' }, body: '{"source":"203.0.113.9"}' },
          timeoutMs: durationMs(5 * SECOND), isDryRun: false, requiresApproval: true,
        },
        failover: { call: { kind: 'http', method: 'POST', url: `${apiBase}/failover`, headers: {} }, timeoutMs: durationMs(5 * SECOND), isDryRun: true, requiresApproval: false },
        reroute_traffic: { call: { kind: 'http', method: 'PUT', url: `${apiBase}/reroute`, headers: {} }, timeoutMs: durationMs(5 * SECOND), isDryRun: false, requiresApproval: false },
        scale: { call: { kind: 'command', argv: [process.execPath, '-e', 'setTimeout(() => {}, 10000)'] }, timeoutMs: durationMs(300), isDryRun: false, requiresApproval: false },
      };
      w = await openWorld(kind, {
        rulesYaml: RULES,
        remediation,
        // The local firewall API is the configured remediation origin, trusted as create-detection trusts it.
        runner: createOutboundRunner({ FIREWALL_TOKEN: 'fw-secret' }, new AddressGuard([], 'detection.allow_private_addresses', [apiBase])),
        evidence: { collector: new EvidenceBundleWriter(join(dir, 'evidence'), new AddressGuard([], 'detection.allow_private_addresses')), sources },
      });
    });
    after(async () => {
      api.closeAllConnections();
      api.close();
      await w.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('suspicious file access for a minute opens a security incident and runs each action once, recorded on the timeline', async () => {
      await w.tickWith({ failed_login_attempts: 0.01, suspicious_file_access: true });
      w.advance(1);
      const report = await w.tickWith({ failed_login_attempts: 0.01, suspicious_file_access: true });
      assert.equal(report.fired.length, 1);
      const [incident] = await w.ruleIncidents('security_anomaly');
      assert.deepEqual({ severity: incident!.severity, type: incident!.type }, { severity: 'high', type: 'security' });
      assert.deepEqual(actionLines(await w.timeline(incident!.id)), [
        'alert_security_team() requested',
        'begin_log_collection() done',
        'isolate_suspicious_sources() awaiting-approval',
        'failover() dry-run',
        'reroute_traffic() running',
        'reroute_traffic() failed',
        'scale() running',
        'scale() failed',
      ]);
      assert.deepEqual(calls.map((c) => `${c.method} ${c.url}`), ['PUT /reroute'], 'the dry run called nothing; isolation waits for approval');
      w.advance(1);
      await w.tickWith({ failed_login_attempts: 0.01, suspicious_file_access: true });
      assert.equal(actionLines(await w.timeline(incident!.id)).length, 8, 'still firing: nothing runs again');
    });

    it('records why a remediation failed: a non-2xx answer, a command killed at its timeout', async () => {
      const [incident] = await w.ruleIncidents('security_anomaly');
      const events = await w.timeline(incident!.id);
      const detail = (action: string, status: string) => events.flatMap((e) => (e.data.kind === 'action-recorded' && e.data.action === action && e.data.status === status ? [e.data.detail] : []))[0];
      assert.equal(detail('reroute_traffic()', 'failed'), `PUT ${apiBase}/reroute answered 500: no healthy region`);
      assert.equal(detail('scale()', 'failed'), 'killed after 300 ms (timeout)');
      assert.equal(detail('failover()', 'dry-run'), `would run POST ${apiBase}/failover; nothing was run (dry_run is on)`);
    });

    it('writes the evidence bundle: every source, a byte cap, and the SHA-256 on the timeline', async () => {
      const [incident] = await w.ruleIncidents('security_anomaly');
      const recorded = (await w.timeline(incident!.id)).find((e) => e.data.kind === 'action-recorded' && e.data.action === 'begin_log_collection()');
      assert.ok(recorded?.data.kind === 'action-recorded' && recorded.data.artifact !== undefined);
      const { path, sha256, bytes } = recorded.data.artifact;
      assert.ok(path.startsWith(join(dir, 'evidence', incident!.id)));
      const file = await readFile(path);
      assert.equal(file.length, bytes);
      assert.equal(createHash('sha256').update(file).digest('hex'), sha256);
      const bundle = JSON.parse(file.toString()) as { incident: string; rule: string; sources: { name: string; ok: boolean; isTruncated: boolean; content: string }[] };
      assert.equal(bundle.incident, incident!.id);
      assert.equal(bundle.rule, 'security_anomaly');
      assert.deepEqual(bundle.sources.map((s) => [s.name, s.ok, s.isTruncated]), [['auth-log', true, true], ['who', true, false], ['gone', false, false]]);
      assert.equal(bundle.sources[0]!.content, 'xxxxx\nFailed password for root from 203.0.113.9\n', 'the last 48 bytes of the file');
      assert.equal(bundle.sources[1]!.content, 'alice pts/0\n');
      assert.match(recorded.data.detail ?? '', /gone: failed, .*ENOENT/);
    });

    it('a commander approves the isolation: approved → running → done, with the secret header from the environment', async () => {
      const [incident] = await w.ruleIncidents('security_anomaly');
      const waiting = (await w.timeline(incident!.id)).find((e) => e.data.kind === 'action-recorded' && e.data.status === 'awaiting-approval');
      const runId = waiting?.data.kind === 'action-recorded' ? waiting.data.runId! : '';
      await assert.rejects(w.remediation.approve(incident!.id, 'failover-1', { name: 'carol' }), (e) => e instanceof AppError && e.code === 'NOT_FOUND');
      const recorded = await w.remediation.approve(incident!.id, runId, { name: 'carol' });
      assert.deepEqual(recorded.map((e) => [e.actor, e.data.kind === 'action-recorded' ? e.data.status : '']), [['carol', 'approved']]);
      await w.engine.runUntilIdle();
      const run = (await w.timeline(incident!.id)).filter((e) => e.data.kind === 'action-recorded' && e.data.runId === runId);
      assert.deepEqual(run.map((e) => (e.data.kind === 'action-recorded' ? e.data.status : '')), ['awaiting-approval', 'approved', 'running', 'done']);
      const last = run.at(-1)!.data;
      assert.equal(last.kind === 'action-recorded' && last.detail, `POST ${apiBase}/isolate answered 200: isolated 203.0.113.9`);
      const call = calls.find((c) => c.url === '/isolate');
      assert.deepEqual(call, { method: 'POST', url: '/isolate', auth: 'Bearer fw-secret', body: '{"source":"203.0.113.9"}' });
      await assert.rejects(w.remediation.approve(incident!.id, runId, { name: 'dave' }), (e) => e instanceof AppError && e.code === 'INVALID_TRANSITION' && /already approved \(carol\)/.test(e.message));
    });
  });
}
