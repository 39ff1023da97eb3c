// Alerts from every source on one service, grouped by the default `alertname`: each source's own alert
// identity (Alertmanager's alertname, PagerDuty's dedup key or summary, Datadog's monitor, New Relic's
// condition, Opsgenie's alias, CloudWatch's alarm, Splunk's saved search, Kibana's rule, a generic
// webhook's mapped title) keeps unrelated
// alerts apart, while another instance or a repeat of the same alert joins its incident.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { epochMs } from '../../src/domain/time/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from '../http/http-harness.js';

const ADMIN = { name: 'root', role: 'admin' as const, teams: [] };
const CONFIG = `
integrations:
  webhooks:
    - name: uptime
      mapping:
        summary: title
        dedup_key: id
`;
const fixture = async (name: string) => JSON.parse(await readFile(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** Documented payloads of each source, built from the fixtures: [first alert, unrelated alert, same alert again]. */
async function payloads(): Promise<Record<string, [unknown, unknown, unknown]>> {
  const am = await fixture('alertmanager-webhook-firing.json');
  const amAlert = (am['alerts'] as Record<string, unknown>[])[0]!;
  const alertmanager = (alertname: string, instance: string) => ({
    ...am, alerts: [{ ...amAlert, labels: { alertname, instance, job: 'web' }, fingerprint: `${alertname}-${instance}` }],
    groupLabels: { alertname }, commonLabels: { alertname, instance },
  });
  const pd = await fixture('pagerduty-v2-trigger.json');
  const { dedup_key: _key, ...pdNoKey } = pd;
  const pagerduty = (summary: string) => ({ ...pdNoKey, payload: { ...(pd['payload'] as object), summary } });
  const dd = await fixture('datadog-custom-recovered.json');
  const datadog = (monitor: string, host: string, title: string) => ({
    ...dd, title: `[Triggered] ${title}`, alert_transition: 'Triggered', alert_title: title, alert_id: monitor,
    alert_cycle_key: `${monitor}-${host}`, aggreg_key: `${monitor}-${host}`, alert_scope: `host:${host}`, host_name: host, tags: 'environment:production',
  });
  const nr = await fixture('newrelic-activated.json');
  const newrelic = (id: string, condition: string) => ({ ...nr, id, title: `${condition} on 'web'`, alertConditionNames: [condition] });
  const og = await fixture('opsgenie-create.json');
  const opsgenie = (alias: string, message: string) => ({ ...og, alias, message, details: {} });
  const generic = (id: string, title: string) => ({ id, title });
  const sns = await fixture('sns-cloudwatch-alarm.json');
  const alarm = JSON.parse(sns['Message'] as string) as Record<string, unknown>;
  const cloudwatch = (name: string, messageId: string) => ({
    ...sns, MessageId: messageId, Timestamp: new Date().toISOString(), Subject: `ALARM: "${name}"`,
    Message: JSON.stringify({ ...alarm, AlarmName: name, AlarmArn: `arn:aws:cloudwatch:us-east-1:811322200214:alarm:${name}` }),
  });
  const sp = await fixture('splunk-webhook-saved-search.json');
  const splunk = (searchName: string, sid: string) => ({ ...sp, search_name: searchName, sid, result: { ...(sp['result'] as object), service: 'web' } });
  const el = await fixture('elastic-webhook-firing.json');
  const elastic = (ruleId: string, ruleName: string, group: string) => ({ ...el, rule: { ...(el['rule'] as object), id: ruleId, name: ruleName, tags: 'service:web,env:production' }, alert: { ...(el['alert'] as object), id: group } });
  return {
    'alertmanager-webhook': [alertmanager('HighLatency', 'web-1'), alertmanager('DiskFull', 'web-1'), alertmanager('HighLatency', 'web-2')],
    'pagerduty-events': [pagerduty('p99 latency above 2s on web'), pagerduty('TLS certificate expires in 3 days'), pagerduty('p99 latency above 2s on web')],
    datadog: [datadog('4001', 'web-1', 'CPU load is high'), datadog('4002', 'web-1', 'Disk almost full'), datadog('4001', 'web-2', 'CPU load is high')],
    newrelic: [newrelic('nr-1', 'Memory high'), newrelic('nr-2', 'Error percentage'), newrelic('nr-3', 'Memory high')],
    opsgenie: [opsgenie('web-queue-depth', 'Queue depth high'), opsgenie('web-5xx', '5xx rate high'), opsgenie('web-queue-depth', 'Queue depth high')],
    'sns-cloudwatch': [cloudwatch('web-unhealthy-hosts', 'm-1'), cloudwatch('web-5xx-count', 'm-2'), cloudwatch('web-unhealthy-hosts', 'm-3')],
    'generic-webhook': [generic('u-1', 'Homepage check failing'), generic('u-2', 'Login check failing'), generic('u-3', 'Homepage check failing')],
    splunk: [splunk('Checkout 5xx spike', 'sid-1'), splunk('Login failures spike', 'sid-2'), splunk('Checkout 5xx spike', 'sid-3')],
    elastic: [elastic('rule-1', 'Error logs above 50', 'host-1'), elastic('rule-2', 'Slow queries logged', 'host-1'), elastic('rule-1', 'Error logs above 50', 'host-2')],
  };
}

for (const kind of STORE_KINDS) {
  describe(`grouping alerts of every source on one service (${kind})`, () => {
    let h: Harness;
    let n = 0;
    before(async () => {
      h = await startHarness(kind, {}, { configYaml: CONFIG });
    });
    after(() => h.close());

    /** Ingests one payload of `source` on its integration; the incident its alert was linked to. */
    async function send(source: string, integration: Awaited<ReturnType<Harness['app']['alerts']['integrations']['authenticate']>>, payload: unknown): Promise<string> {
      const s = h.app.alerts.registry.sources.find((x) => x.name === source)!;
      const ctx = { receivedAt: epochMs(Date.now()), headers: {}, params: {}, query: { identifierType: 'alias' }, newId: () => `gen-${n++}`, integrationKey: integration!.id, integrationName: integration!.name };
      const parsed = s.parse(JSON.stringify(payload), ctx);
      assert.ok(parsed.ok, `${source} parses: ${JSON.stringify(parsed)}`);
      assert.equal(parsed.signals.length, 1, source);
      const before = new Set((await h.app.store.listAlerts({ limit: 1000 })).map((a) => a.id));
      await h.app.alerts.ingest.ingestSignals([{ integration: integration!, signals: parsed.signals.map((x) => ({ ...x, integrationKey: integration!.id })) }], epochMs(Date.now()));
      const alerts = await h.app.store.listAlerts({ limit: 1000 });
      const mine = alerts.filter((a) => a.integrationKey === integration!.id && a.dedupKey === parsed.signals[0]!.dedupKey);
      const alert = mine.find((a) => !before.has(a.id)) ?? mine[0];
      assert.ok(alert?.incidentId !== undefined, `${source}: the alert is linked to an incident`);
      return alert.incidentId;
    }

    it('opens one incident per unrelated alert of every source, and a repeat or another instance of an alert joins its incident', async () => {
      const all = await payloads();
      const integrations = new Map<string, Awaited<ReturnType<Harness['app']['alerts']['integrations']['authenticate']>>>();
      for (const source of Object.keys(all)) {
        const name = source === 'generic-webhook' ? 'uptime' : `web-${source}`;
        const { key } = await h.app.alerts.integrations.create({ source, name, service: 'web' }, ADMIN);
        integrations.set(source, await h.app.alerts.integrations.authenticate(source, key));
      }
      const first = new Map<string, string>();
      const unrelated = new Map<string, string>();
      // Interleaved, as they would arrive: every source's first alert, then every unrelated one, then the repeats.
      for (const [source, [a]] of Object.entries(all)) first.set(source, await send(source, integrations.get(source), a));
      for (const [source, [, b]] of Object.entries(all)) unrelated.set(source, await send(source, integrations.get(source), b));
      const opened = [...first.values(), ...unrelated.values()];
      assert.equal(new Set(opened).size, opened.length, `${opened.length} unrelated alerts on one service open as many incidents`);
      for (const [source, [, , again]] of Object.entries(all)) {
        assert.equal(await send(source, integrations.get(source), again), first.get(source), `${source}: the same alert again joins its incident`);
      }

      const timeline = await h.app.apiFor(ADMIN).timeline(first.get('datadog')!);
      const reasons = timeline.flatMap((e) => (e.kind === 'alert-linked' ? [String(e.data['reason'])] : []));
      assert.ok(reasons.some((r) => r.includes('new incident for service=web, alertname=Datadog monitor 4001')), reasons.join('\n'));
      assert.ok(reasons.some((r) => r.includes(`grouped into ${first.get('datadog')!} by service=web, alertname=Datadog monitor 4001`)), reasons.join('\n'));
      for (const id of opened) {
        const reasonsOf = (await h.app.apiFor(ADMIN).timeline(id)).flatMap((e) => (e.kind === 'alert-linked' ? [String(e.data['reason'])] : []));
        assert.ok(reasonsOf.every((r) => !/alertname=(;|$|,)/.test(r)), `never grouped on an empty alertname: ${reasonsOf.join(' | ')}`);
      }
    });
  });
}
