#!/usr/bin/env node
// Cold declare: wall time of a fresh `incident-response critical outage production` process, as a
// person types it in a crisis. Median of N runs, next to a bare `node -e ""` start on the same
// machine in the same run (the floor no Node CLI can beat), and their ratio (steadier than either on
// a shared machine). Usage: node bench/declare-cold.mjs [N]; IR_BENCH_BIN=path measures another build.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const runs = Number(process.argv[2] ?? 21);
const bin = resolve(process.env.IR_BENCH_BIN ?? 'dist/incident-response.mjs');
const cwd = mkdtempSync(join(tmpdir(), 'ir-bench-declare-'));
const env = { PATH: process.env.PATH, HOME: cwd, IR_USER: 'bench', NO_COLOR: '1' };
// Each process reports its own CPU time (user + system) at exit: steadier than wall time when
// other work shares the cores.
const cpuReport = join(cwd, 'cpu-report.cjs');
writeFileSync(cpuReport, "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('cpu-us ' + (u.user + u.system) + '\\n'); });\n");
const cpu = new Map();

function time(args, label) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', cpuReport, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  const used = /cpu-us (\d+)/.exec(String(r.stderr));
  if (label !== undefined && used !== null) cpu.set(label, [...(cpu.get(label) ?? []), Number(used[1]) / 1000]);
  return ms;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p90 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length * 0.9)]; };

const first = time([bin, 'critical', 'outage', 'production', '--title', 'first run creates the database']);
const declare = [];
const node = [];
const list = [];
for (let i = 0; i < runs; i++) {
  node.push(time(['-e', ''], 'node'));
  declare.push(time([bin, 'critical', 'outage', 'production', '--title', `Checkout API down ${i}`, '--service', 'checkout'], 'declare'));
  list.push(time([bin, 'list']));
}
const result = {
  runs,
  firstRunWithMigrationsMs: Math.round(first),
  declareMedianMs: Math.round(median(declare)),
  declareP90Ms: Math.round(p90(declare)),
  listMedianMs: Math.round(median(list)),
  bareNodeMedianMs: Math.round(median(node)),
  overBareNodeMs: Math.round(median(declare) - median(node)),
  // Each run's declare over the bare start measured just before it, median of the runs.
  declareOverBareNodeRatio: +median(declare.map((d, i) => d / node[i])).toFixed(2),
  // CPU time of the processes themselves (user + system), medians.
  declareCpuMedianMs: Math.round(median(cpu.get('declare'))),
  bareNodeCpuMedianMs: Math.round(median(cpu.get('node'))),
  declareCpuOverBareNodeRatio: +median(cpu.get('declare').map((d, i) => d / cpu.get('node')[i])).toFixed(2),
};
console.log(JSON.stringify(result, null, 2));
