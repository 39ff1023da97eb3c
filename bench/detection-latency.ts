// Detection latency: for a rule with duration D, the time from the metric crossing its threshold
// to the incident existing (GET /api/v1/incidents polled every 50 ms).
//  - product: `incident-response serve` (SQLite) with a trigger rule `error_rate > 50%` for D,
//    fed by POST /api/v1/metrics once a second and at the crossing, detection interval
//    at its default 15 s; a push is evaluated promptly and a pending rule wakes up at D.
//  - pipeline: a local exporter flips `checkout_error_rate`; Debian's Prometheus scrapes it and
//    evaluates an alert rule `for: D`; Debian's Alertmanager (default group_wait 30 s) delivers to
//    the product's Alertmanager webhook, which opens the incident. Intervals: see PROM_* below.
// Each run starts fresh processes. Prints every run and the medians.
// Usage: node --import tsx bench/detection-latency.ts [product-runs=5] [pipeline-runs=2] [D-seconds=5]
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliJson, freePort, median, sleep, startAlertmanager, startChild, startServe } from './bench-support.js';

const productRuns = Math.min(Math.max(1, Number(process.argv[2] ?? 5)), 20);
const pipelineRuns = Math.min(Math.max(0, Number(process.argv[3] ?? 2)), 10);
const durationS = Math.min(Math.max(0, Number(process.argv[4] ?? 5)), 60);
const PROM_SCRAPE = '15s';
const PROM_EVAL = '15s';
const POLL_MS = 50;
/** Longest wait for an incident: D + two scrape/evaluation rounds + group_wait + margin. */
const WAIT_LIMIT_MS = (durationS + 120) * 1000;

interface Served { url: string; token: string; stop(): Promise<void> }

async function serveWith(dir: string, config?: string): Promise<Served> {
  const env: Record<string, string> = { IR_DB: join(dir, 'ir.db'), ...(config === undefined ? {} : { IR_CONFIG: config }) };
  const token = cliJson<{ token: string }>(['token', 'create', '--name', 'bench', '--role', 'admin'], dir, env).token;
  const serve = await startServe(dir, env);
  return { url: serve.url, token, stop: () => serve.proc.stop() };
}

async function incidentCount(app: Served): Promise<number> {
  const res = await fetch(`${app.url}/api/v1/incidents?limit=5`, { headers: { authorization: `Bearer ${app.token}` } });
  const json = (await res.json()) as { items?: unknown[] };
  return json.items?.length ?? 0;
}

/** Polls every 50 ms until an incident exists; the milliseconds since `since`. */
async function waitForIncident(app: Served, since: number): Promise<number> {
  while (performance.now() - since < WAIT_LIMIT_MS) {
    if ((await incidentCount(app)) > 0) return performance.now() - since;
    await sleep(POLL_MS);
  }
  throw new Error(`no incident after ${WAIT_LIMIT_MS} ms`);
}

async function productRun(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'ir-bench-detect-'));
  writeFileSync(join(dir, 'triggers.yaml'), `triggers:
  checkout_errors:
    conditions: ["error_rate > 50%"]
    duration: ${durationS} seconds
    actions:
      - create_incident(severity='high', type='outage', service='checkout')
`);
  writeFileSync(join(dir, 'incident-response.yaml'), 'detection:\n  rules_file: triggers.yaml\n  interval: 15s\n');
  const app = await serveWith(dir, join(dir, 'incident-response.yaml'));
  let value = 10;
  let pushing = true;
  const push = async (v: number) => {
    const res = await fetch(`${app.url}/api/v1/metrics`, {
      method: 'POST', headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ samples: [{ metric: 'error_rate', value: v }] }),
    });
    if (res.status !== 200) throw new Error(`push refused: ${res.status} ${await res.text()}`);
  };
  const pusher = (async () => {
    for (let i = 0; i < 600 && pushing; i++) {
      await push(value);
      for (let w = 0; w < 20 && pushing; w++) await sleep(50);
    }
  })();
  try {
    await sleep(1000 + Math.random() * 1000); // a few low samples, at a random phase of the interval
    value = 62.5;
    const crossing = performance.now(); // the client pushes the crossing sample at once, then every second
    await push(value);
    return await waitForIncident(app, crossing);
  } finally {
    pushing = false;
    await pusher;
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pipelineRun(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'ir-bench-pipeline-'));
  const app = await serveWith(dir);
  const key = cliJson<{ key: string }>(['integration', 'create', '--source', 'alertmanager-webhook', '--name', 'am', '--service', 'checkout'], dir, { IR_DB: join(dir, 'ir.db') }).key;
  let value = 10;
  const exporter = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(`# TYPE checkout_error_rate gauge\ncheckout_error_rate ${value}\n`);
  });
  await new Promise<void>((r) => exporter.listen(0, '127.0.0.1', () => r()));
  const exporterPort = (exporter.address() as { port: number }).port;
  writeFileSync(join(dir, 'alertmanager.yml'), `route:
  receiver: incident-response
  group_by: [ alertname ]
receivers:
  - name: incident-response
    webhook_configs:
      - url: ${app.url}/api/v1/alertmanager/${key}
`);
  const am = await startAlertmanager(dir, join(dir, 'alertmanager.yml'));
  writeFileSync(join(dir, 'rules.yml'), `groups:
  - name: checkout
    rules:
      - alert: CheckoutErrors
        expr: checkout_error_rate > 50
        for: ${durationS}s
        labels: { severity: critical }
        annotations: { summary: "error rate above 50%" }
`);
  writeFileSync(join(dir, 'prometheus.yml'), `global: { scrape_interval: ${PROM_SCRAPE}, evaluation_interval: ${PROM_EVAL} }
rule_files: [ ${join(dir, 'rules.yml')} ]
scrape_configs:
  - job_name: checkout
    static_configs: [ { targets: [ "127.0.0.1:${exporterPort}" ] } ]
alerting:
  alertmanagers:
    - static_configs: [ { targets: [ "${am.url.replace('http://', '')}" ] } ]
`);
  const promPort = await freePort();
  const prom = (await startChild('/usr/bin/prometheus', [
    `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'prom-data')}`, `--web.listen-address=127.0.0.1:${promPort}`,
  ], { cwd: dir, ready: /Server is ready to receive web requests/ })).proc;
  try {
    await sleep(2000 + Math.random() * 3000);
    value = 62.5;
    return await waitForIncident(app, performance.now());
  } finally {
    await prom.stop();
    await am.proc.stop();
    await new Promise<void>((r) => exporter.close(() => r()));
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const product: number[] = [];
  for (let i = 0; i < productRuns; i++) {
    product.push(Math.round(await productRun()));
    console.error(`product run ${i + 1}: ${product.at(-1)} ms`);
  }
  const pipeline: number[] = [];
  for (let i = 0; i < pipelineRuns; i++) {
    pipeline.push(Math.round(await pipelineRun()));
    console.error(`pipeline run ${i + 1}: ${pipeline.at(-1)} ms`);
  }
  const D = durationS * 1000;
  console.log(JSON.stringify({
    durationMs: D, pollMs: POLL_MS,
    product: { source: 'POST /api/v1/metrics at the crossing and every 1 s, detection interval 15 s', runsMs: product, medianMs: median(product), medianOverDurationMs: median(product) - D },
    pipeline: pipelineRuns === 0 ? 'not run' : {
      source: `Prometheus scrape_interval ${PROM_SCRAPE}, evaluation_interval ${PROM_EVAL}, rule for: ${durationS}s; Alertmanager group_wait 30s (default) → product webhook`,
      runsMs: pipeline, medianMs: median(pipeline), medianOverDurationMs: median(pipeline) - D,
    },
  }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
