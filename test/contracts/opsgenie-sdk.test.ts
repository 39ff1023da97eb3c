// The Opsgenie SDK from npm (opsgenie-sdk), pointed at our server, creates, acknowledges, notes and
// closes an alert. It sends every path with a trailing slash (`/v2/alerts/`, `/v2/alerts/{id}/close/`),
// which Opsgenie accepts, so we do too. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from '../http/http-harness.js';

type Callback = (error: (Record<string, unknown> & { httpStatusCode?: number }) | null, result: Record<string, unknown> | null) => void;
interface Identifier { identifier: string; identifierType: 'alias' | 'id' }
/** The part of opsgenie-sdk (CommonJS, untyped) this test uses. */
interface OpsgenieSdk {
  configure(options: Record<string, unknown>): void;
  alertV2: {
    create(data: Record<string, unknown>, cb: Callback): void;
    acknowledge(identifier: Identifier, data: Record<string, unknown>, cb: Callback): void;
    addNote(identifier: Identifier, data: Record<string, unknown>, cb: Callback): void;
    close(identifier: Identifier, data: Record<string, unknown>, cb: Callback): void;
  };
}
const opsgenie = createRequire(import.meta.url)('opsgenie-sdk') as OpsgenieSdk;

/** Calls one SDK method and resolves with the server's answer, failing on an error answer. */
function call(invoke: (cb: Callback) => void): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    invoke((error, result) => {
      if (error !== null) reject(new Error(`opsgenie-sdk got an error answer: ${JSON.stringify(error)}`));
      else resolve(result ?? {});
    });
  });
}

interface ListedAlert { id: string; status: string; incidentId?: string; summary: string }

for (const kind of STORE_KINDS) {
  describe(`opsgenie-sdk against our Opsgenie endpoints: ${kind}`, () => {
    let h: Harness;
    let base: string;
    before(async () => {
      h = await startHarness(kind);
      base = await h.listen();
    });
    after(async () => {
      await h?.close();
    });

    const alerts = async (): Promise<ListedAlert[]> => {
      const res = await h.request('GET', '/api/v1/alerts?limit=1000', { as: 'viewer' });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as { items: ListedAlert[] }).items;
    };

    it('creates, acknowledges, notes and closes an alert through the SDK', async () => {
      const created = await h.request('POST', '/api/v1/integrations', { as: 'admin', body: { source: 'opsgenie', name: 'og-sdk' } });
      assert.equal(created.statusCode, 201, created.body);
      const key = (created.json() as { key: string }).key;
      // One attempt per call: a failure shows at once instead of after the SDK's retries.
      opsgenie.configure({ api_key: key, host: base, maxAttempts: 1 });

      const answer = await call((cb) => opsgenie.alertV2.create({ message: 'Checkout latency high', alias: 'sdk-checkout-latency', priority: 'P2', description: 'p99 over 2 s' }, cb));
      assert.equal(answer['result'], 'Request will be processed');
      assert.equal(typeof answer['requestId'], 'string');
      const alert = (await alerts()).find((a) => a.summary === 'Checkout latency high');
      assert.ok(alert !== undefined, 'the SDK created the alert');
      assert.equal(alert.status, 'open');
      assert.ok(alert.incidentId !== undefined);

      const byAlias: Identifier = { identifier: 'sdk-checkout-latency', identifierType: 'alias' };
      await call((cb) => opsgenie.alertV2.acknowledge(byAlias, { user: 'ana', note: 'on it' }, cb));
      assert.equal((await alerts()).find((a) => a.id === alert.id)?.status, 'acknowledged');

      await call((cb) => opsgenie.alertV2.addNote({ identifier: alert.id, identifierType: 'id' }, { note: 'rolled back the release', user: 'ana' }, cb));
      const timeline = await h.request('GET', `/api/v1/incidents/${alert.incidentId}/timeline`, { as: 'admin' });
      assert.equal(timeline.statusCode, 200, timeline.body);
      assert.match(timeline.body, /rolled back the release/);

      await call((cb) => opsgenie.alertV2.close(byAlias, { user: 'ana', note: 'recovered' }, cb));
      assert.equal((await alerts()).find((a) => a.id === alert.id)?.status, 'resolved');
    });

    it('answers an unknown key through the SDK as Opsgenie does (401, message)', async () => {
      opsgenie.configure({ api_key: 'not-a-key', host: base, maxAttempts: 1 });
      const refused = await new Promise<Record<string, unknown> | null>((resolve) => opsgenie.alertV2.create({ message: 'nope' }, (error) => resolve(error)));
      assert.equal(refused?.['httpStatusCode'], 401);
      assert.equal(refused?.['message'], 'Could not authenticate');
    });
  });
}
