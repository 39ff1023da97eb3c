// Store failures come out of the store as the AppErrors they mean, on both databases: a write
// that cannot get the write lock in time is STORE_BUSY (never a raw driver error), and readiness
// answers with the same code while the lock is held only for writes, so reads stay ready.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createTestDatabase, STORE_KINDS, type TestDatabase } from '../../../test/support/stores.js';
import { declareIncident } from '../../../test/support/incidents.js';
import { isAppError } from '../../domain/errors/index.js';
import type { Store } from './index.js';
import { openPostgresStore } from './postgres/postgres-incident-store.js';
import { openSqliteStore } from './sqlite/sqlite-incident-store.js';

/** A second store on the same database that gives up on a held lock after a short wait. */
function openImpatient(db: TestDatabase): Promise<Store> {
  if (db.kind === 'sqlite') return openSqliteStore(db.location, { busyTimeoutMs: 200 });
  const url = new URL(db.location);
  url.searchParams.set('options', '-c lock_timeout=200');
  return openPostgresStore(url.toString());
}

/** Statements that take the write lock the store's writers queue on, from outside the store. */
const HOLD_WRITE_LOCK: Record<TestDatabase['kind'], string[]> = {
  sqlite: ['begin immediate'],
  postgres: ['begin', 'select seq from ir_chain_head where id = 1 for update'],
};

for (const kind of STORE_KINDS) {
  describe(`store failures: ${kind}`, () => {
    let db: TestDatabase;
    let impatient: Store | undefined;
    beforeEach(async () => {
      db = await createTestDatabase(kind);
      await declareIncident(await db.open());
    });
    afterEach(async () => {
      await impatient?.close();
      impatient = undefined;
      await db.cleanup();
    });

    it('reports a write that cannot get the write lock in time as STORE_BUSY, and reads and readiness go on', async () => {
      impatient = await openImpatient(db);
      for (const statement of HOLD_WRITE_LOCK[kind]) await db.rawExec(statement);
      try {
        await assert.rejects(declareIncident(impatient), (error: unknown) => {
          assert.ok(isAppError(error), `not an AppError: ${String(error)}`);
          assert.equal(error.code, 'STORE_BUSY');
          assert.ok(error.hint !== undefined && error.hint.length > 0);
          return true;
        });
        assert.equal((await impatient.listIncidents({})).length, 1);
        assert.deepEqual(await impatient.checkReady(), { ready: true });
      } finally {
        await db.rawExec('rollback');
      }
      await declareIncident(impatient);
    });
  });
}
