import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sqliteFailureClassifier } from './sqlite-failures.js';

const classify = sqliteFailureClassifier('/srv/ir/incidents.db', 2_000);
const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('sqliteFailureClassifier', () => {
  const cases: [string, string, string | undefined][] = [
    ['SQLITE_BUSY', 'database is locked', 'STORE_BUSY'],
    ['SQLITE_BUSY_SNAPSHOT', 'database is locked', 'STORE_BUSY'],
    ['SQLITE_LOCKED', 'database table is locked', 'STORE_BUSY'],
    ['SQLITE_CORRUPT', 'database disk image is malformed', 'STORE_CORRUPT'],
    ['SQLITE_CORRUPT_INDEX', 'database disk image is malformed', 'STORE_CORRUPT'],
    ['SQLITE_NOTADB', 'file is not a database', 'STORE_CORRUPT'],
    ['SQLITE_IOERR_SHORT_READ', 'disk I/O error', 'STORE_UNAVAILABLE'],
    ['SQLITE_FULL', 'database or disk is full', 'STORE_UNAVAILABLE'],
    ['SQLITE_READONLY', 'attempt to write a readonly database', 'STORE_UNAVAILABLE'],
    ['SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed', undefined],
    ['SQLITE_ERROR', 'no such table: ir_events', undefined],
  ];
  for (const [code, message, expected] of cases) {
    it(`${code} → ${expected ?? 'left alone'}`, () => {
      assert.equal(classify(sqliteError(code, message))?.code, expected);
    });
  }

  it('names the file and how long it waited for the lock', () => {
    const e = classify(sqliteError('SQLITE_BUSY', 'database is locked'));
    assert.equal(e?.message, "The SQLite database '/srv/ir/incidents.db' is locked: another process holds its write lock and did not release it within 2 s.");
  });

  it('leaves errors that are not SQLite\'s alone', () => {
    assert.equal(classify(new TypeError('The database connection is not open')), undefined);
  });
});
