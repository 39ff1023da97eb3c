// PostgreSQL cut off while the store holds a connection between two statements of a transaction
// (the moment a restart or a network cut most often lands): the process survives, the write fails
// as STORE_UNAVAILABLE, and the next one succeeds once the server is back, on the same store.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { declareIncident } from '../../../../test/support/incidents.js';
import { TEST_DATABASE_URL } from '../../../../test/support/stores.js';
import { startTcpProxy, type TcpProxy } from '../../../../test/store-failures/tcp-proxy.js';
import { isAppError } from '../../../domain/errors/index.js';
import type { Store } from '../index.js';
import { openPostgresStore } from './postgres-incident-store.js';

describe('PostgreSQL store across an outage', () => {
  const target = new URL(TEST_DATABASE_URL);
  const schema = `ir_test_cut_${process.pid}_${randomBytes(4).toString('hex')}`;
  let proxy: TcpProxy;
  let store: Store | undefined;

  before(async () => {
    proxy = await startTcpProxy(target.hostname, Number(target.port || '5432'));
    const url = new URL(TEST_DATABASE_URL);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    url.searchParams.set('schema', schema);
    store = await openPostgresStore(url.toString());
  });

  after(async () => {
    try {
      await store?.close();
    } finally {
      await proxy.stop();
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    }
  });

  it('survives the connection dying inside a transaction, reports STORE_UNAVAILABLE, and recovers', async () => {
    await assert.rejects(
      store!.write(async (tx) => {
        await tx.findIncident('INC-2026-1128-001');
        await proxy.stop();
        // Let the cut reach the checked-out connection while no statement is running on it.
        await new Promise((resolve) => setTimeout(resolve, 200));
        return tx.findIncident('INC-2026-1128-001');
      }),
      (error: unknown) => isAppError(error) && error.code === 'STORE_UNAVAILABLE',
    );
    await assert.rejects(declareIncident(store!), (error: unknown) => isAppError(error) && error.code === 'STORE_UNAVAILABLE');
    assert.equal((await store!.checkReady()).ready, false);
    await proxy.start();
    await declareIncident(store!);
    assert.deepEqual(await store!.checkReady(), { ready: true });
  });
});
