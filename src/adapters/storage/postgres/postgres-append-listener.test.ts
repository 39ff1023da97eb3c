import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it, mock } from 'node:test';
import type { Client } from 'pg';
import { appendChannel, PostgresAppendListener } from './postgres-append-listener.js';

/** A stand-in for pg's Client: records queries, emits what the server would. */
class FakeClient extends EventEmitter {
  readonly queries: string[] = [];
  isEnded = false;
  async query(text: string): Promise<void> {
    this.queries.push(text);
  }
  async end(): Promise<void> {
    this.isEnded = true;
  }
}

const settle = async () => { for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve)); };

describe('PostgresAppendListener', () => {
  it('names one channel per schema, within PostgreSQL\'s 63 bytes', () => {
    assert.equal(appendChannel(undefined), 'ir_events_public');
    assert.equal(appendChannel('Tenant_A'), 'ir_events_tenant_a');
    assert.equal(appendChannel('s'.repeat(63)).length <= 63, true);
    assert.notEqual(appendChannel('a'.repeat(63)), appendChannel('b'.repeat(63)));
  });

  it('listens while subscribed, reconnects with a growing backoff, and says so after a reconnect', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const clients: FakeClient[] = [];
      let failures = 2;
      const listener = new PostgresAppendListener(async () => {
        if (failures-- > 0) throw new Error('connection refused');
        const client = new FakeClient();
        clients.push(client);
        return client as unknown as Client;
      }, 'ir_events_public');
      const heard: (number | undefined)[] = [];
      const unsubscribe = listener.subscribe((seq) => heard.push(seq));
      await settle();
      assert.equal(clients.length, 0, 'the first attempt failed');
      mock.timers.tick(99);
      await settle();
      assert.equal(clients.length, 0, 'the first retry waits 100 ms');
      mock.timers.tick(1);
      await settle();
      assert.equal(clients.length, 0, 'the second attempt failed too');
      mock.timers.tick(200);
      await settle();
      assert.equal(clients.length, 1, 'the third attempt, 200 ms later, connected');
      assert.deepEqual(clients[0]!.queries, ['LISTEN "ir_events_public"']);
      assert.deepEqual(heard, [undefined], 'events may have been appended while it was not listening');

      clients[0]!.emit('notification', { channel: 'ir_events_public', payload: '42' });
      clients[0]!.emit('notification', { channel: 'ir_events_other', payload: '43' });
      assert.deepEqual(heard, [undefined, 42]);

      // The connection drops: after 100 ms (the backoff starts again after a success) it is back.
      clients[0]!.emit('error', new Error('terminating connection due to administrator command'));
      await settle();
      assert.equal(clients[0]!.isEnded, true);
      mock.timers.tick(100);
      await settle();
      assert.equal(clients.length, 2);
      assert.deepEqual(heard, [undefined, 42, undefined]);

      unsubscribe();
      await settle();
      assert.equal(clients[1]!.isEnded, true, 'the last subscriber gone, the connection is closed');
      await listener.close();
    } finally {
      mock.timers.reset();
    }
  });
});
