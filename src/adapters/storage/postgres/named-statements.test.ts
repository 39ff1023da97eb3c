import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type pg from 'pg';
import { withNamedStatements } from './named-statements.js';

describe('withNamedStatements', () => {
  it('gives the same connection object each time the pool hands out the same client, so per-connection setup runs once', async () => {
    const client = { query: async () => ({ rows: [] }), release: () => undefined };
    const other = { query: async () => ({ rows: [] }), release: () => undefined };
    const handedOut = [client, client, other];
    const pool = { connect: async () => handedOut.shift(), end: async () => undefined } as unknown as pg.Pool;
    const wrapped = withNamedStatements(pool);
    const first = await wrapped.connect();
    const again = await wrapped.connect();
    const third = await wrapped.connect();
    assert.equal(again, first, 'Kysely keys its connections (and runs onCreateConnection, e.g. set search_path) by this object');
    assert.notEqual(third, first);
  });
});
