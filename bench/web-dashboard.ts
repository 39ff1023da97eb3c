// The web app and the public status page under load, against `incident-response serve` on SQLite:
// (1) dashboard time to first render in Debian's chromium — navigation start to first contentful
// paint, and to the active-incidents table being present — with 10,000 incidents stored and 200
// of them active, median of several cold page loads; (2) the status page's `summary.json`
// requests per second with autocannon (10 connections), 20 incidents published.
// Usage: node --import tsx bench/web-dashboard.ts [page-loads] [seconds] [incidents] [active]
import autocannon from 'autocannon';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DEFAULT_RESPONSE_CONFIG } from '../src/app/config/index.js';
import { IncidentService, LocalIncidentApi } from '../src/app/incidents/index.js';
import { openSqliteStore, sha256Hex } from '../src/adapters/storage/index.js';
import { INCIDENT_TYPES, SEVERITIES } from '../src/domain/classification/index.js';
import { epochMs } from '../src/domain/time/index.js';
import { CHROMIUM_ARGS } from '../test/web/browser.js';
import { cliJson, median, startServe, storeEnv } from './bench-support.js';

const loads = Number(process.argv[2] ?? 7);
const seconds = Number(process.argv[3] ?? 5);
const total = Number(process.argv[4] ?? 10_000);
const active = Number(process.argv[5] ?? 200);

const CONFIG = `status_page:
  name: Bench Status
  url: https://status.example.com
  components:
    - { id: api, name: Public API }
    - { id: web, name: Web app }
`;

async function seed(path: string): Promise<void> {
  const store = await openSqliteStore(path);
  const service = new IncidentService(store, { now: () => epochMs(Date.now()) }, DEFAULT_RESPONSE_CONFIG);
  const api = new LocalIncidentApi(service, store, { name: 'bench', role: 'admin', teams: [] }, sha256Hex);
  for (let i = 0; i < total; i++) {
    const declared = await api.declare({
      severity: SEVERITIES[i % 4]!, incidentType: INCIDENT_TYPES[i % 5]!, environment: 'production', service: `svc-${i % 20}`, title: `Synthetic incident ${i}`,
    });
    const incident = 'incident' in declared ? declared.incident : declared.receipt;
    // The newest `active` stay open; the rest are resolved.
    if (i < total - active) await api.resolve(incident.id, 'synthetic');
  }
  await store.close();
}

async function main(): Promise<void> {
  const cwd = mkdtempSync(join(tmpdir(), 'ir-bench-web-'));
  writeFileSync(join(cwd, 'incident-response.yaml'), CONFIG);
  const env = storeEnv('sqlite', cwd, '');
  // Seeding takes minutes: BENCH_SEEDED_DB names a copy of a database this script seeded before.
  const seeded = process.env['BENCH_SEEDED_DB'];
  if (seeded !== undefined) {
    copyFileSync(seeded, env['IR_DB']!);
  } else {
    const seedStart = Date.now();
    await seed(env['IR_DB']!);
    console.log(`seeded ${total} incidents (${active} active) in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
  }
  const open = cliJson<{ id: string; type: string }[]>(['list', '--status', 'open', '--limit', '60'], cwd, env).filter((i) => i.type !== 'security');
  for (const i of open.slice(0, 20)) cliJson(['publish', i.id, '--component', i.id.endsWith('1') ? 'web' : 'api', '--impact', 'minor'], cwd, env);
  const { token } = cliJson<{ token: string }>(['token', 'create', '--name', `bench-${process.pid}`, '--role', 'responder', '--team', 'security'], cwd, env);
  const { proc, url } = await startServe(cwd, env);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: url });
    const signIn = await context.newPage();
    await signIn.goto('/app/sign-in');
    await signIn.fill('#token', token);
    await Promise.all([signIn.waitForURL('**/app'), signIn.click('button[type=submit]')]);
    await signIn.close();
    const fcp: number[] = [];
    const table: number[] = [];
    const ttfb: number[] = [];
    let rows = 0;
    for (let n = 0; n < loads + 1; n++) {
      const page = await context.newPage();
      await page.goto('/app', { waitUntil: 'load' });
      await page.waitForSelector('#active-incidents');
      const t = (await page.evaluate(`(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return { ttfb: nav.responseStart, fcp: paint ? paint.startTime : NaN, dom: nav.domInteractive, rows: document.querySelectorAll('#active-incidents tbody tr').length };
      })()`)) as { ttfb: number; fcp: number; dom: number; rows: number };
      rows = t.rows;
      // The first load warms the server's caches and the browser's assets: not counted.
      if (n > 0) {
        ttfb.push(t.ttfb);
        fcp.push(t.fcp);
        table.push(t.dom);
      }
      await page.close();
    }
    console.log(`dashboard (${rows} active rows of ${total} stored), median of ${loads}: first byte ${median(ttfb).toFixed(0)} ms, first contentful paint ${median(fcp).toFixed(0)} ms, page with its incidents table parsed (domInteractive) ${median(table).toFixed(0)} ms`);
    // The same server's cheapest route, in the same run: the ceiling of this stack on this machine now.
    const ceiling = await autocannon({ url: `${url}/healthz`, connections: 10, duration: seconds });
    const r = await autocannon({ url: `${url}/api/v2/summary.json`, connections: 10, duration: seconds });
    console.log(`/healthz (ceiling): ${Math.round(ceiling.requests.average)} requests/s, p50 ${ceiling.latency.p50} ms`);
    console.log(`summary.json: ${Math.round(r.requests.average)} requests/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors ${r.errors + r.non2xx} (${((100 * r.requests.average) / ceiling.requests.average).toFixed(0)}% of the ceiling)`);
    const bytes = (await (await fetch(`${url}/api/v2/summary.json`)).text()).length;
    console.log(`summary.json size ${bytes} bytes`);
  } finally {
    await browser.close();
    await proc.stop();
  }
}

await main();
