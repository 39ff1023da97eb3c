import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RevokedSessions } from './revoked-sessions.js';

test('a store that cannot be read at start does not stop the server; sessions stay refused until it can be', async () => {
  let isDown = true;
  const store = {
    revokeSession: async () => {},
    listRevokedSessions: async () => {
      if (isDown) throw new Error('the database disk image is malformed');
      return ['nonce-out'];
    },
  };
  const sessions = new RevokedSessions(store, () => Date.parse('2026-12-06T10:00:00Z'), 60_000);
  await sessions.start();
  try {
    assert.equal(sessions.isSessionRevoked('nonce-in'), true, 'fail closed before the first read');
    isDown = false;
    await sessions.refresh();
    assert.equal(sessions.isSessionRevoked('nonce-in'), false);
    assert.equal(sessions.isSessionRevoked('nonce-out'), true);
  } finally {
    sessions.stop();
  }
});
