// A stream's replay holds a bounded amount of memory however long the history it replays and
// however slowly its client reads: pages from the store, paced by the socket, and a capped buffer
// of live events (what overflows is read again from the store, so nothing is lost or repeated).
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import type { FeedEvent } from '../../app/incidents/index.js';
import { SseClient } from './sse-client.js';

const event = (seq: number): FeedEvent => ({
  seq,
  incidentId: `INC-2026-1128-${String(seq).padStart(3, '0')}`,
  incidentType: 'outage',
  entry: { seq, version: 1, at: '2026-11-28T14:30:00.000Z', actor: 'a', kind: 'note-added', text: 'x'.repeat(1000), data: {} },
});

/** A response whose client reads only when the test says so (or at once, when `readsAtOnce`). */
class SlowResponse extends EventEmitter {
  constructor(private readonly readsAtOnce = false) {
    super();
  }
  destroyed = false;
  writableEnded = false;
  writableLength = 0;
  maxWritableLength = 0;
  readonly frames: string[] = [];
  write(frame: string): boolean {
    this.frames.push(frame);
    if (this.readsAtOnce) return true;
    this.writableLength += Buffer.byteLength(frame);
    this.maxWritableLength = Math.max(this.maxWritableLength, this.writableLength);
    return this.writableLength < 16 * 1024;
  }
  end(): void {
    this.writableEnded = true;
    this.emit('close');
  }
  /** The client read everything written so far. */
  take(): void {
    this.writableLength = 0;
    this.emit('drain');
  }
  ids(): number[] {
    return this.frames.flatMap((f) => /^id: (\d+)/.exec(f)?.[1] ?? []).map(Number);
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const principal = { name: 'viewer', role: 'viewer' as const, teams: [] };

describe('event stream replay', () => {
  it('replays a long history page by page, writing only as fast as the client reads', async () => {
    const log = Array.from({ length: 3000 }, (_, i) => event(i + 1));
    let reads = 0;
    const res = new SlowResponse();
    const client = new SseClient(res as unknown as ServerResponse, principal, 0);
    let done = false;
    const replay = client.catchUp(async (after, limit) => {
      reads++;
      return log.filter((e) => e.seq > after).slice(0, limit);
    }).then(() => {
      done = true;
    });
    for (let i = 0; i < 10; i++) await settle();
    assert.ok(!done, 'the replay waits for a client that does not read');
    assert.ok(res.ids().length < 200, `it wrote ${res.ids().length} events ahead of the client`);
    assert.ok(reads <= 2, `it read ${reads} pages ahead of the client`);
    for (let i = 0; i < 10_000 && !done; i++) {
      res.take();
      await settle();
    }
    await replay;
    assert.ok(res.maxWritableLength <= 128 * 1024, `at most ${res.maxWritableLength} bytes waited in the socket`);
    assert.deepEqual(res.ids(), log.map((e) => e.seq));
    assert.ok(!res.writableEnded, 'the stream stays open after the replay');
  });

  it('drops live events it cannot hold during the replay, rereads them, and sends each once in order', async () => {
    const log = Array.from({ length: 300 }, (_, i) => event(i + 1));
    const res = new SlowResponse(true);
    const client = new SseClient(res as unknown as ServerResponse, principal, 0);
    let maxBuffered = 0;
    let first = true;
    await client.catchUp(async (after, limit) => {
      if (first) {
        first = false;
        // The shared poller delivers a burst of 5000 new events while the first page is read.
        for (let seq = 301; seq <= 5300; seq += 100) {
          const batch = Array.from({ length: 100 }, (_, i) => event(seq + i));
          log.push(...batch);
          client.deliver(batch);
          maxBuffered = Math.max(maxBuffered, client.bufferedEvents);
        }
      }
      return log.filter((e) => e.seq > after).slice(0, limit);
    });
    client.deliver([event(5301)]);
    assert.ok(maxBuffered <= 1000, `${maxBuffered} live events were held`);
    assert.deepEqual(res.ids(), Array.from({ length: 5301 }, (_, i) => i + 1));
  });
});
