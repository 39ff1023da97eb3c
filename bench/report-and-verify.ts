// Monthly report time and `audit verify` rate on a history written by generate-history.ts.
//
//   node --import tsx bench/report-and-verify.ts sqlite /tmp/history.db [month] [runs]
//   node --import tsx bench/report-and-verify.ts postgres bench_history [month] [runs]
import { spawnSync } from 'node:child_process';
import { openPostgresStore, openSqliteStore, sha256Hex } from '../src/adapters/storage/index.js';
import { verifyAuditChain, verifyAuditTrail } from '../src/app/audit/index.js';
import { ReportService } from '../src/app/reports/index.js';
import { epochMs } from '../src/domain/time/index.js';
import { BIN, PG_URL, median } from './bench-support.js';

const [kind, target, month = '2026-10', runsText = '5'] = process.argv.slice(2);
if ((kind !== 'sqlite' && kind !== 'postgres') || target === undefined) {
  console.error('usage: report-and-verify.ts sqlite FILE [YYYY-MM] [runs] | postgres SCHEMA [YYYY-MM] [runs]');
  process.exit(2);
}
const runs = Number(runsText);
const admin = { name: 'bench', role: 'admin' as const, teams: [] };
const now = epochMs(Date.UTC(2026, 10, 28, 12));
const store = kind === 'sqlite' ? await openSqliteStore(target) : await openPostgresStore(PG_URL, { schema: target });
const reports = new ReportService(store, { now: () => now }, 'UTC');

const cpuMs: number[] = [];
/** Wall time; the process's own CPU time (user + system) goes to `cpuMs`, less distorted on a busy machine. */
const time = async (f: () => Promise<unknown>, cpu?: number[]) => {
  const t = performance.now();
  const c = process.cpuUsage();
  await f();
  const used = process.cpuUsage(c);
  cpu?.push((used.user + used.system) / 1000);
  return performance.now() - t;
};
try {
  const sample = await reports.monthly(month, admin);
  const projection: number[] = [];
  for (let i = 0; i < runs; i++) projection.push(await time(() => reports.monthly(month, admin), cpuMs));
  const fromEvents: number[] = [];
  for (let i = 0; i < Math.min(runs, 2); i++) fromEvents.push(await time(() => reports.monthlyFromEvents(month, admin)));

  console.error(JSON.stringify({ reportMsProjection: Math.round(median(projection)), reportCpuMsProjection: Math.round(median(cpuMs)), reportMsFromEvents: Math.round(median(fromEvents)) }));
  // The whole command as a user runs it: process start, open, report, render.
  const env = kind === 'sqlite' ? { IR_DB: target } : { DATABASE_URL: `${PG_URL}?schema=${target}` };
  const cli: number[] = [];
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [process.env['IR_BENCH_BIN'] ?? BIN, 'report', '--month', month], { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env['PATH'] ?? '', IR_NOW: new Date(now).toISOString(), ...env } });
    // On a shared machine a run can be killed from outside; it is left out rather than failing the benchmark.
    if (r.status !== 0) console.error(`report exited ${r.status ?? r.signal}: ${r.stderr.toString()}`);
    else cli.push(performance.now() - t);
  }

  const verifyStarted = performance.now();
  const audit = await verifyAuditChain(store, sha256Hex);
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  // What `audit verify` runs: the chain as above, then every incident folded again and compared with its read model.
  const trailStarted = performance.now();
  const trail = await verifyAuditTrail(store, sha256Hex, () => false, { kind: 'database' });
  const trailSeconds = (performance.now() - trailStarted) / 1000;

  console.log(JSON.stringify({
    kind, month,
    incidentsInMonth: sample.incidents.length,
    reportMsProjection: Math.round(median(projection)),
    reportCpuMsProjection: Math.round(median(cpuMs)),
    loadAverage: (await import('node:os')).loadavg().map((l) => Number(l.toFixed(1))),
    reportMsFromEvents: Math.round(median(fromEvents)),
    reportCliMs: cli.length ? Math.round(median(cli)) : null,
    verify: { ok: audit.ok, events: audit.count, seconds: Number(verifySeconds.toFixed(1)), eventsPerSecond: Math.round(audit.count / verifySeconds) },
    verifyWithReadModel: {
      ok: trail.ok, incidents: trail.ok ? trail.incidentsChecked : null, seconds: Number(trailSeconds.toFixed(1)), eventsPerSecond: Math.round(trail.count / trailSeconds),
    },
  }));
} finally {
  await store.close();
}
