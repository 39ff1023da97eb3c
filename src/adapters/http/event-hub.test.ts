import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import type { FastifyBaseLogger } from 'fastify';
import type { FeedEvent } from '../../app/incidents/index.js';
import { EventHub, type EventSubscriber } from './event-hub.js';

const event = (seq: number): FeedEvent => ({
  seq,
  incidentId: `INC-2026-1128-00${seq}`,
  incidentType: 'outage',
  entry: { seq, version: 1, at: '2026-11-28T14:30:00.000Z', actor: 'a', kind: 'declared', text: 'declared', data: {} },
});

const silentLog = { warn: () => undefined } as unknown as FastifyBaseLogger;

describe('the shared event poller', () => {
  it('starts where its first subscriber starts, so an event written right after connecting is delivered', async () => {
    // The store holds events 1–5 when the subscriber connects (its replay starts after 5);
    // event 6 is written before the poller's first read.
    const log = [1, 2, 3, 4, 5].map(event);
    const hub = new EventHub(async (after, limit) => log.filter((e) => e.seq > after).slice(0, limit), 10, silentLog);
    const got: number[] = [];
    const subscriber: EventSubscriber = { deliver: (events) => got.push(...events.map((e) => e.seq)), end: () => undefined };
    const unsubscribe = hub.subscribe(subscriber, 5);
    log.push(event(6));
    for (let i = 0; i < 200 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    unsubscribe();
    await hub.close();
    assert.deepEqual(got, [6]);
  });

  it('ends the streams of a token revoked elsewhere at the next token check, and only those', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
    try {
      const revoked = new Set<string>();
      const reads: string[][] = [];
      const hub = new EventHub(async () => [], 10_000, silentLog, {
        checkEveryMs: 500,
        findDead: async (hashes) => {
          reads.push([...hashes]);
          return new Set([...hashes].filter((h) => revoked.has(h)));
        },
      });
      const ended: string[] = [];
      const stream = (name: string, tokenHash: string): EventSubscriber => ({ tokenHash, deliver: () => undefined, end: () => ended.push(name) });
      hub.subscribe(stream('alice-1', 'hash-a'), 0);
      hub.subscribe(stream('alice-2', 'hash-a'), 0);
      hub.subscribe(stream('bob', 'hash-b'), 0);
      // The check runs on the hub's own timer: advancing the fake clock is all that drives it.
      const settle = () => new Promise((resolve) => setImmediate(resolve));
      mock.timers.tick(500);
      await settle();
      assert.deepEqual(ended, []);
      assert.deepEqual(reads, [['hash-a', 'hash-b']], 'one read per token, not per stream');

      revoked.add('hash-a');
      mock.timers.tick(499);
      await settle();
      assert.deepEqual(ended, [], 'not before the next check');
      mock.timers.tick(1);
      await settle();
      assert.deepEqual(ended.sort(), ['alice-1', 'alice-2']);
      assert.equal(hub.size, 1);

      hub.endStreamsOf('hash-b');
      assert.deepEqual(ended.sort(), ['alice-1', 'alice-2', 'bob']);
      assert.equal(hub.size, 0);
      await hub.close();
    } finally {
      mock.timers.reset();
    }
  });
});

describe('the event poller with pushed heads (LISTEN/NOTIFY)', () => {
  it('reads at once when a head past its position is pushed, without waiting for the poll', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
    try {
      const log = [1, 2].map(event);
      let push: ((headSeq: number | undefined) => void) | undefined;
      let listening = 0;
      const reads: number[] = [];
      const hub = new EventHub(async (after, limit) => {
        reads.push(after);
        return log.filter((e) => e.seq > after).slice(0, limit);
      }, 60_000, silentLog, undefined, (listener) => {
        listening += 1;
        push = listener;
        return () => { listening -= 1; };
      });
      const got: number[] = [];
      const unsubscribe = hub.subscribe({ deliver: (events) => got.push(...events.map((e) => e.seq)), end: () => undefined }, 2);
      const settle = async () => { for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve)); };
      mock.timers.tick(0);
      await settle();
      assert.deepEqual(reads, [2], 'the first read, at subscribe');
      assert.equal(listening, 1);

      // Another instance commits event 3 and its NOTIFY arrives: read now, not in 60 s.
      log.push(event(3));
      push!(3);
      mock.timers.tick(0);
      await settle();
      assert.deepEqual(got, [3]);
      // A head already read changes nothing; after a reconnect (undefined) it reads to be sure.
      push!(3);
      mock.timers.tick(0);
      await settle();
      assert.deepEqual(reads, [2, 2]);
      push!(undefined);
      mock.timers.tick(0);
      await settle();
      assert.deepEqual(reads, [2, 2, 3]);

      unsubscribe();
      mock.timers.tick(60_000);
      await settle();
      assert.equal(listening, 0, 'the last subscriber gone, it stops listening');
      await hub.close();
    } finally {
      mock.timers.reset();
    }
  });
});
