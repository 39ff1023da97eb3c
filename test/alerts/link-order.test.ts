// A batch's alert-linked events are recorded together per incident (one record per incident and run
// of one sender): the timeline must read exactly as if each had been recorded as its alert was
// applied — links before a resolve that follows them, senders interleaved as they arrived — and the
// chain must still verify. On both stores.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApp, type App } from '../../src/main/create-app.js';
import { sha256Hex } from '../../src/adapters/storage/index.js';
import { verifyAuditChain } from '../../src/app/audit/index.js';
import type { AlertSignal } from '../../src/domain/alerts/index.js';
import { epochMs, type EpochMs } from '../../src/domain/time/index.js';
import type { IntegrationRecord } from '../../src/app/ports/index.js';
import { STORE_KINDS, TEST_DATABASE_URL, type StoreKind } from '../support/stores.js';

const ADMIN = { name: 'root', role: 'admin' as const, teams: [] };
let now = epochMs(Date.parse('2026-12-01T12:00:00Z'));
const clock = { now: (): EpochMs => now };

function signal(source: string, dedupKey: string, action: 'trigger' | 'resolve' = 'trigger', service = 'checkout'): AlertSignal {
  return {
    source, dedupKey, fingerprint: dedupKey, action, summary: `latency ${dedupKey}`, severity: 'high', service, alertName: 'Latency',
    labels: { alertname: 'Latency', service }, annotations: {}, details: {}, links: [], receivedAt: now,
  };
}

async function open(kind: StoreKind): Promise<{ app: App; done: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ir-link-order-'));
  const schema = `link_order_${randomBytes(4).toString('hex')}`;
  const env = kind === 'postgres' ? { DATABASE_URL: `${TEST_DATABASE_URL}?schema=${schema}` } : {};
  const app = await createApp({ cwd: dir, env, dbPath: join(dir, 'ir.db'), clock, opener: 'server' });
  return {
    app,
    done: async () => {
      await app.close();
      if (kind === 'postgres') {
        const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await c.connect();
        await c.query(`drop schema if exists "${schema}" cascade`);
        await c.end();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function integration(app: App, source: 'pagerduty-events' | 'opsgenie', service?: string): Promise<IntegrationRecord> {
  const { key } = await app.alerts.integrations.create({ source, name: source, ...(service !== undefined ? { service } : {}) }, ADMIN);
  return (await app.store.findIntegrationByHash(sha256Hex(key)))!;
}

for (const kind of STORE_KINDS) {
  describe(`alert-linked events recorded per incident in a batch (${kind})`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    after(async () => {
      for (const c of cleanups) await c();
    });

    it('keeps each incident\'s timeline in the order the signals were applied', async () => {
      const { app, done } = await open(kind);
      cleanups.push(done);
      const pd = await integration(app, 'pagerduty-events', 'checkout');
      const og = await integration(app, 'opsgenie', 'checkout');
      now = epochMs(now + 1000);
      // One batch: two PagerDuty alerts and the first one resolving, then Opsgenie, then PagerDuty again.
      await app.alerts.ingest.ingestSignals([
        { integration: pd, signals: [signal('pagerduty-events', 'p1'), signal('pagerduty-events', 'p2'), signal('pagerduty-events', 'p1', 'resolve')] },
        { integration: og, signals: [signal('opsgenie', 'o1')] },
        { integration: pd, signals: [signal('pagerduty-events', 'p3')] },
      ], now);

      const [incident, ...others] = await app.store.listIncidents({});
      assert.equal(others.length, 0, 'one group, one incident');
      const events = await app.store.readIncidentEvents(incident!.id);
      const alertIds = new Map((await app.store.listAlerts({ limit: 10 })).map((a) => [a.id, a.dedupKey]));
      const story = events
        .filter((e) => e.data.kind === 'declared' || e.data.kind === 'alert-linked' || e.data.kind === 'alert-resolved')
        .map((e) => `${e.data.kind}${'alertId' in e.data ? ` ${alertIds.get(e.data.alertId)}` : ''} by ${e.actor}`);
      assert.deepEqual(story, [
        'declared by alert:pagerduty-events',
        'alert-linked p1 by alert:pagerduty-events',
        'alert-linked p2 by alert:pagerduty-events',
        'alert-resolved p1 by alert:pagerduty-events',
        'alert-linked o1 by alert:opsgenie',
        'alert-linked p3 by alert:pagerduty-events',
      ]);
      // Versions follow each other with no gap, and the chain verifies.
      assert.deepEqual(events.map((e) => e.version), events.map((_, i) => i + 1));
      const audit = await verifyAuditChain(app.store, sha256Hex);
      assert.equal(audit.ok, true, JSON.stringify(audit));
    });

    it('reads the groups a batch needs at once and joins the same incidents as before: open ones, not resolved ones, and the ones the batch opens', async () => {
      const { app, done } = await open(kind);
      cleanups.push(done);
      const pd = await integration(app, 'pagerduty-events');
      now = epochMs(now + 1000);
      const services = ['s1', 's2', 's3', 's4', 's5'];
      await app.alerts.ingest.ingestSignals([{ integration: pd, signals: services.map((svc) => signal('pagerduty-events', `a-${svc}`, 'trigger', svc)) }], now);
      const first = new Map((await app.store.listIncidents({})).map((i) => [i.service, i.id]));
      assert.equal(first.size, 5);
      await app.incidents.resolve(first.get('s3')!, 'fixed by hand', { name: 'ada' });
      now = epochMs(now + 1000);
      // New alerts on every service, and two on a service nothing has opened yet.
      await app.alerts.ingest.ingestSignals([{
        integration: pd,
        signals: [...services.map((svc) => signal('pagerduty-events', `b-${svc}`, 'trigger', svc)), signal('pagerduty-events', 'b-s6', 'trigger', 's6'), signal('pagerduty-events', 'c-s6', 'trigger', 's6')],
      }], now);
      const alerts = await app.store.listAlerts({ limit: 100 });
      const incidentOf = (dedupKey: string) => alerts.find((a) => a.dedupKey === dedupKey)!.incidentId;
      for (const svc of ['s1', 's2', 's4', 's5']) assert.equal(incidentOf(`b-${svc}`), first.get(svc), `${svc} joins its open incident`);
      assert.notEqual(incidentOf('b-s3'), first.get('s3'), 'a resolved incident is not joined');
      assert.equal(incidentOf('c-s6'), incidentOf('b-s6'), 'the second alert joins the incident the batch opened for the first');
      assert.equal((await app.store.listIncidents({})).length, 7);
    });
  });
}
