import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
});
