// The real pipeline: a metric crosses a Prometheus alerting rule, Debian's Prometheus fires, Debian's
// Alertmanager delivers to our webhook (and, second path, to /v2/enqueue through pagerduty_configs),
// an incident opens with severity/type/environment from routing; when the metric recovers the
// resolve flows through and the incidents auto-resolve.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort, startDaemon, startServedApp, waitFor, type Daemon, type ServedApp } from './e2e-support.js';

interface AlertDto { id: string; source: string; status: string; incidentId?: string; labels: Record<string, string> }
interface IncidentDto { id: string; severity: string; type: string; environment: string; service: string | null; status: string }

describe('Prometheus → Alertmanager → incident-response (real binaries)', { timeout: 60_000 }, () => {
  let dir: string;
  let app: ServedApp;
  let exporter: Server;
  let checkoutUp = 0;
  const daemons: Daemon[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ir-e2e-prom-'));
    app = await startServedApp(dir, { IR_DB: join(dir, 'ir.db') });

    const webhook = await app.api<{ key: string }>('POST', '/api/v1/integrations', {
      source: 'alertmanager-webhook', name: 'alertmanager', service: 'checkout',
      routing: [{ match: ['alertname="CheckoutDown"'], severity: 'critical', type: 'outage', environment: 'staging' }],
    });
    assert.equal(webhook.status, 201, JSON.stringify(webhook.json));
    const pagerduty = await app.api<{ key: string }>('POST', '/api/v1/integrations', {
      source: 'pagerduty-events', name: 'alertmanager-pd', service: 'checkout',
      routing: [{ match: ['source=~".*"'], type: 'performance', environment: 'staging' }],
    });
    assert.equal(pagerduty.status, 201, JSON.stringify(pagerduty.json));

    // The exporter whose value decides whether the rule fires.
    exporter = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(`# TYPE checkout_up gauge\ncheckout_up ${checkoutUp}\n`);
    });
    await new Promise<void>((r) => exporter.listen(0, '127.0.0.1', () => r()));
    const exporterPort = (exporter.address() as { port: number }).port;
    const [promPort, amPort] = [await freePort(), await freePort()];

    await writeFile(join(dir, 'rules.yml'), `groups:
  - name: checkout
    interval: 1s
    rules:
      - alert: CheckoutDown
        expr: checkout_up == 0
        for: 0s
        labels: { severity: critical, team: payments }
        annotations: { summary: "Checkout is down", description: "checkout_up is 0" }
`);
    await writeFile(join(dir, 'prometheus.yml'), `global: { scrape_interval: 1s, evaluation_interval: 1s }
rule_files: [ ${join(dir, 'rules.yml')} ]
scrape_configs:
  - job_name: checkout
    static_configs: [ { targets: [ "127.0.0.1:${exporterPort}" ] } ]
alerting:
  alertmanagers:
    - static_configs: [ { targets: [ "127.0.0.1:${amPort}" ] } ]
`);
    await writeFile(join(dir, 'alertmanager.yml'), `route:
  receiver: incident-response
  group_by: [ alertname ]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: incident-response
    webhook_configs:
      - url: ${app.serve.url}/api/v1/alertmanager/${webhook.json.key}
        send_resolved: true
    pagerduty_configs:
      - routing_key: ${pagerduty.json.key}
        url: ${app.serve.url}/v2/enqueue
        severity: '{{ .CommonLabels.severity }}'
        send_resolved: true
`);
    daemons.push(startDaemon('/usr/bin/prometheus-alertmanager', [
      `--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'am-data')}`,
      `--web.listen-address=127.0.0.1:${amPort}`, '--cluster.listen-address=',
    ], dir));
    daemons.push(startDaemon('/usr/bin/prometheus', [
      `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'prom-data')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ], dir));
  });

  after(async () => {
    for (const d of daemons) await d.stop();
    await new Promise<void>((r) => (exporter ? exporter.close(() => r()) : r()));
    await app?.serve.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const alertsBySource = async () => {
    const res = await app.api<{ items: AlertDto[] }>('GET', '/api/v1/alerts');
    return new Map(res.json.items.map((a) => [a.source, a]));
  };
  const incident = async (id: string) => (await app.api<IncidentDto>('GET', `/api/v1/incidents/${id}`)).json;
  const diagnostics = () => `\n--- serve ---\n${app.serve.output().slice(-3000)}\n--- daemons ---\n${daemons.map((d) => d.output().slice(-3000)).join('\n')}`;

  it('opens incidents from the firing rule through both paths, then resolves them when the metric recovers', async () => {
    const firing = await waitFor('both alerts to arrive', async () => {
      const bySource = await alertsBySource();
      return bySource.get('alertmanager-webhook')?.incidentId && bySource.get('pagerduty-events')?.incidentId ? bySource : undefined;
    }, 40_000).catch((error: Error) => assert.fail(error.message + diagnostics()));

    const viaWebhook = firing.get('alertmanager-webhook')!;
    assert.equal(viaWebhook.labels['alertname'], 'CheckoutDown');
    const webhookIncident = await incident(viaWebhook.incidentId!);
    assert.deepEqual([webhookIncident.severity, webhookIncident.type, webhookIncident.environment, webhookIncident.service], ['critical', 'outage', 'staging', 'checkout']);
    const pdIncident = await incident(firing.get('pagerduty-events')!.incidentId!);
    assert.deepEqual([pdIncident.severity, pdIncident.type, pdIncident.environment, pdIncident.service], ['critical', 'performance', 'staging', 'checkout']);

    checkoutUp = 1;
    await waitFor('both alerts to resolve', async () => {
      const bySource = await alertsBySource();
      return bySource.get('alertmanager-webhook')?.status === 'resolved' && bySource.get('pagerduty-events')?.status === 'resolved' ? true : undefined;
    }, 40_000).catch((error: Error) => assert.fail(error.message + diagnostics()));
    assert.equal((await incident(webhookIncident.id)).status, 'resolved');
    assert.equal((await incident(pdIncident.id)).status, 'resolved');
  });
});
