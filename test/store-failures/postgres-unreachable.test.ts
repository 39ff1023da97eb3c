// PostgreSQL goes away under a running server and comes back: the API says the database is
// unavailable (503, never "this is a bug"), /readyz takes the instance out of rotation, ingest
// asks each sender to retry in its own words, the CLI prints a sentence with its exit code, and
// everything recovers without a restart once the database is reachable again.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { EXIT_CODE } from '../../src/adapters/cli/index.js';
import { startServedApp, waitFor, type ServedApp } from '../e2e/e2e-support.js';
import { runBin, tempDir } from '../support/cli.js';
import { TEST_DATABASE_URL } from '../support/stores.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

type ErrorBody = { error: { code: string; message: string } };

describe('PostgreSQL unreachable under a running server', () => {
  const target = new URL(TEST_DATABASE_URL);
  const schema = `ir_test_outage_${process.pid}_${randomBytes(4).toString('hex')}`;
  let proxy: TcpProxy;
  let app: ServedApp | undefined;
  let cwd: string;
  let env: Record<string, string>;
  let alertmanagerKey: string;

  before(async () => {
    proxy = await startTcpProxy(target.hostname, Number(target.port || '5432'));
    const proxied = new URL(TEST_DATABASE_URL);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    proxied.searchParams.set('schema', schema);
    cwd = tempDir('ir-pg-outage-');
    env = { DATABASE_URL: proxied.toString() };
    app = await startServedApp(cwd, env);
    const created = await app.api<{ key: string }>('POST', '/api/v1/integrations', { source: 'alertmanager-webhook', name: 'am', service: 'api' });
    assert.equal(created.status, 201);
    alertmanagerKey = created.json.key;
    const declared = await app.api('POST', '/api/v1/incidents', { severity: 'low', type: 'outage', environment: 'staging', title: 'Before the outage' });
    assert.equal(declared.status, 201);
  });

  after(async () => {
    try {
      await app?.serve.stop();
    } finally {
      await proxy?.stop();
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('answers 503 STORE_UNAVAILABLE with Retry-After while the database is away, and /readyz 503', async () => {
    await proxy.stop();
    const res = await fetch(`${app!.serve.url}/api/v1/incidents`, { headers: { authorization: `Bearer ${app!.token}` } });
    assert.equal(res.status, 503);
    const body = (await res.json()) as ErrorBody;
    assert.equal(body.error.code, 'STORE_UNAVAILABLE');
    assert.match(body.error.message, /^The database is unavailable; try again shortly\./);
    assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);

    const write = await app!.api<ErrorBody>('POST', '/api/v1/incidents', { severity: 'low', type: 'outage', environment: 'staging', title: 'During the outage' });
    assert.equal(write.status, 503);
    assert.equal(write.json.error.code, 'STORE_UNAVAILABLE');

    const ready = await fetch(`${app!.serve.url}/readyz`);
    assert.equal(ready.status, 503);
    assert.equal(((await ready.json()) as ErrorBody).error.code, 'STORE_UNAVAILABLE');
    assert.equal((await fetch(`${app!.serve.url}/healthz`)).status, 200);
  });

  it('asks alert senders to retry in their own words instead of failing with 500', async () => {
    const firing = await readFile(new URL('../fixtures/ingest/alertmanager-webhook-firing.json', import.meta.url), 'utf8');
    const am = await fetch(`${app!.serve.url}/api/v1/alertmanager/${alertmanagerKey}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: firing });
    assert.equal(am.status, 503);
    assert.equal(await am.text(), 'overloaded, retry later');

    const trigger = JSON.parse(await readFile(new URL('../fixtures/ingest/pagerduty-v2-trigger.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const pd = await fetch(`${app!.serve.url}/v2/enqueue`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...trigger, routing_key: 'iri_' + 'x'.repeat(43) }) });
    assert.equal(pd.status, 429);
    assert.match(pd.headers.get('retry-after') ?? '', /^\d+$/);
  });

  it('the CLI prints a sentence naming the server and exits with the STORE_UNAVAILABLE code', async () => {
    const r = await runBin(['list'], { cwd, env });
    assert.equal(r.code, EXIT_CODE.STORE_UNAVAILABLE);
    assert.match(r.stderr, new RegExp(`^error: cannot reach PostgreSQL at 127\\.0\\.0\\.1:${proxy.port}: .*ECONNREFUSED`, 'm'));
    assert.match(r.stderr, /Check that PostgreSQL is running/);
    assert.doesNotMatch(r.stderr, /bug|\n\s+at /);
  });

  it('recovers without a restart once the database is reachable again', async () => {
    await proxy.start();
    const list = await waitFor('the API to answer again', async () => {
      const res = await app!.api<{ items: { title: string }[] }>('GET', '/api/v1/incidents');
      return res.status === 200 ? res.json : undefined;
    }, 15_000, 100);
    assert.deepEqual(list.items.map((i) => i.title), ['Before the outage']);
    assert.equal((await fetch(`${app!.serve.url}/readyz`)).status, 200);
    const r = await runBin(['list'], { cwd, env });
    assert.equal(r.code, 0, r.stderr);
  });
});
