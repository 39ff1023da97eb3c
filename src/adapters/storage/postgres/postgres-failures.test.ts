import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postgresFailureClassifier } from './postgres-failures.js';

const classify = postgresFailureClassifier({ address: 'db.internal:5432', password: 'hunter2-secret' });
const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('postgresFailureClassifier', () => {
  const cases: [string, unknown, string | undefined][] = [
    ['connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5432'), 'STORE_UNAVAILABLE'],
    ['connection reset', withCode('ECONNRESET', 'read ECONNRESET'), 'STORE_UNAVAILABLE'],
    ['both addresses of localhost refused', new AggregateError([withCode('ECONNREFUSED')], ''), 'STORE_UNAVAILABLE'],
    ['admin shutdown', withCode('57P01', 'terminating connection due to administrator command'), 'STORE_UNAVAILABLE'],
    ['connection exception', withCode('08006', 'connection failure'), 'STORE_UNAVAILABLE'],
    ['too many connections', withCode('53300', 'sorry, too many clients already'), 'STORE_UNAVAILABLE'],
    ['disk full', withCode('53100', 'could not extend file'), 'STORE_UNAVAILABLE'],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect'), 'STORE_UNAVAILABLE'],
    ['connection cut mid-query', new Error('Connection terminated unexpectedly'), 'STORE_UNAVAILABLE'],
    ['lock timeout', withCode('55P03', 'canceling statement due to lock timeout'), 'STORE_BUSY'],
    ['statement timeout', withCode('57014', 'canceling statement due to statement timeout'), 'STORE_BUSY'],
    ['data corrupted', withCode('XX001', 'invalid page in block 7'), 'STORE_CORRUPT'],
    ['unique violation (the store handles it)', withCode('23505', 'duplicate key'), undefined],
    ['missing table (the store handles it)', withCode('42P01', 'relation does not exist'), undefined],
    ['a bug', new TypeError('x is undefined'), undefined],
    ['a pool already closed (a bug)', new Error('Cannot use a pool after calling end on the pool'), undefined],
  ];
  for (const [what, error, code] of cases) {
    it(`${what} → ${code ?? 'left alone'}`, () => {
      assert.equal(classify(error)?.code, code);
    });
  }

  it('never puts the password in a message', () => {
    const e = classify(withCode('28P01', 'password authentication failed: hunter2-secret'));
    assert.equal(e?.code, 'STORE_UNAVAILABLE');
    assert.equal(e?.message, 'cannot reach PostgreSQL at db.internal:5432: password authentication failed: ***');
  });
});
