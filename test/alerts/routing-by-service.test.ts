// Routing rules on `service` and on labels classify alerts as docs/ingest.md says, for every ingest
// source: the service is the one the payload names, else the integration's default service.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { epochMs } from '../../src/domain/time/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from '../http/http-harness.js';

/** A trigger payload of each source whose alerts become signals. */
const TRIGGERS: Record<string, string> = {
  'alertmanager-webhook': 'alertmanager-webhook-firing.json',
  'alertmanager-api': 'alertmanager-api-v2-alerts.json',
  'pagerduty-events': 'pagerduty-v2-trigger.json',
  opsgenie: 'opsgenie-create.json',
  'sns-cloudwatch': 'sns-cloudwatch-alarm.json',
  datadog: 'datadog-default-payload.json',
  newrelic: 'newrelic-activated.json',
};

const ADMIN = { name: 'root', role: 'admin' as const, teams: [] };
const fixture = (name: string) => readFile(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8');
/** SNS notifications older than an hour are taken without effect (their signatures never expire): stamp the fixture now. */
function freshlySigned(source: string, body: string): string {
  if (source !== 'sns-cloudwatch') return body;
  const raw = JSON.parse(body) as Record<string, unknown>;
  raw['Timestamp'] = new Date().toISOString();
  return JSON.stringify(raw);
}

for (const kind of STORE_KINDS) {
  describe(`routing rules by service and label, every ingest source (${kind})`, () => {
    let h: Harness;
    let n = 0;
    before(async () => {
      h = await startHarness(kind);
    });
    after(() => h.close());

    /** Parses the source's payload on a new integration with these rules and ingests it; the types of the incidents it opened. */
    async function ingest(source: string, service: string, routing: { match: string[]; type: string }[], pick?: (labels: Record<string, string>, service: string | undefined) => { match: string[]; type: string }[]) {
      const s = h.app.alerts.registry.sources.find((x) => x.name === source)!;
      const body = freshlySigned(source, await fixture(TRIGGERS[source]!));
      const ctx = { receivedAt: epochMs(Date.now()), headers: {}, params: {}, query: {}, newId: () => `gen-${n++}` };
      const parsed = s.parse(body, ctx);
      assert.ok(parsed.ok, `${source} parses its fixture`);
      const first = parsed.signals[0]!;
      const rules = pick === undefined ? routing : pick(first.labels as Record<string, string>, first.service);
      const { key } = await h.app.alerts.integrations.create({ source, name: `route-${source}-${n++}`, service, routing: rules }, ADMIN);
      const integration = (await h.app.alerts.integrations.authenticate(source, key))!;
      await h.app.alerts.ingest.ingestSignals([{ integration, signals: parsed.signals.map((x) => ({ ...x, integrationKey: integration.id })) }], epochMs(Date.now()));
      const alerts = await h.app.store.listAlerts({ limit: 1000 });
      const ids = new Set(alerts.filter((a) => a.integrationKey === integration.id).map((a) => a.incidentId));
      const types = new Set<string>();
      for (const id of ids) {
        if (id === undefined) continue;
        types.add((await h.app.store.findIncident(id))!.incidentType);
        // Resolved, so the next payload of the same service and alertname opens its own incident instead of joining this one.
        await h.app.apiFor(ADMIN).resolve(id, 'routing checked');
      }
      return { types: [...types], service: first.service ?? service };
    }

    for (const source of Object.keys(TRIGGERS)) {
      it(`${source}: a rule on the alert's service (from the payload, else the integration's) classifies it`, async () => {
        const { types, service } = await ingest(source, 'auth-gateway', [], (_labels, fromPayload) => [{ match: [`service="${fromPayload ?? 'auth-gateway'}"`], type: 'security' }]);
        assert.deepEqual(types, ['security'], `${source}: service ${service} routed by a rule on service`);
      });

      it(`${source}: a rule on a label classifies it; a rule on another service does not`, async () => {
        const byLabel = await ingest(source, 'billing', [], (labels) => {
          const [name, value] = Object.entries(labels).find(([k]) => k !== 'service') ?? ['service', 'billing'];
          return [{ match: [`${name}="${value}"`], type: 'data' }];
        });
        assert.deepEqual(byLabel.types, ['data'], `${source}: routed by label`);
        const other = await ingest(source, 'billing', [{ match: ['service="not-this-one"'], type: 'security' }]);
        assert.deepEqual(other.types, ['outage'], `${source}: no rule matched, the default type`);
      });
    }
  });
}
