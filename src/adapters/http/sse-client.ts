import type { ServerResponse } from 'node:http';
import type { FeedEvent } from '../../app/incidents/index.js';
import { canSeeIncidentType, type Principal } from '../../domain/access/index.js';
import type { EventSubscriber, ReadFeed } from './event-hub.js';

/** A client that reads slower than this many unsent bytes is dropped; it resumes with Last-Event-ID. */
const MAX_BACKLOG_BYTES = 1024 * 1024;
/** The replay reads the store this many events at a time… */
const REPLAY_PAGE = 100;
/** …and waits for the client to read once this many bytes wait in the socket. */
const REPLAY_HIGH_WATER_BYTES = 64 * 1024;
/** Live events held while the replay runs; beyond this they are dropped and read again from the store. */
export const MAX_BUFFERED_EVENTS = 1000;

/**
 * One open event stream. It first replays from its cursor straight from the store while buffering
 * what the shared poller delivers meanwhile, then flushes the buffer past what it replayed: every
 * event after the cursor arrives once, in order, with no gap between replay and live. Its memory is
 * bounded however long the history and however slow the client: the replay reads a page at a time
 * and writes only as fast as the client reads; live events beyond MAX_BUFFERED_EVENTS are dropped
 * (they are in the store) and the replay goes on until it has read past them.
 */
export class SseClient implements EventSubscriber {
  #cursor: number;
  #buffer: FeedEvent[] | undefined = [];
  /** Live events were dropped since the replay's last read began: read again before going live. */
  #isBufferOverflowed = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly principal: Principal,
    cursor: number,
    /** The SHA-256 of the token the stream was opened with: revoking it ends the stream. */
    readonly tokenHash?: string,
  ) {
    this.#cursor = cursor;
  }

  get isOpen(): boolean {
    return !this.res.destroyed && !this.res.writableEnded;
  }

  /** Live events held until the replay ends. */
  get bufferedEvents(): number {
    return this.#buffer?.length ?? 0;
  }

  async catchUp(readFeed: ReadFeed): Promise<void> {
    for (;;) {
      if (!this.isOpen) return;
      // Whatever overflows from now on was delivered after this read began: a short page with no
      // overflow means the buffer holds everything after the page.
      this.#isBufferOverflowed = false;
      const page = await readFeed(this.#cursor, REPLAY_PAGE);
      for (const e of page) {
        this.#send([e]);
        if (this.res.writableLength > REPLAY_HIGH_WATER_BYTES) await this.#drained();
        if (!this.isOpen) return;
      }
      if (page.length < REPLAY_PAGE && !this.#isBufferOverflowed) break;
    }
    const buffered = this.#buffer ?? [];
    this.#buffer = undefined;
    this.#send(buffered);
  }

  deliver(events: readonly FeedEvent[]): void {
    if (this.#buffer === undefined) {
      this.#send(events);
    } else if (this.#buffer.length + events.length > MAX_BUFFERED_EVENTS) {
      this.#buffer = [];
      this.#isBufferOverflowed = true;
    } else {
      this.#buffer.push(...events);
    }
  }

  heartbeat(): void {
    this.#write(': heartbeat\n\n');
  }

  end(): void {
    if (this.isOpen) this.res.end();
  }

  #send(events: readonly FeedEvent[]): void {
    for (const e of events) {
      if (e.seq <= this.#cursor) continue;
      this.#cursor = e.seq;
      if (!canSeeIncidentType(this.principal, e.incidentType)) continue;
      this.#write(`id: ${e.seq}\nevent: ${e.entry.kind}\ndata: ${JSON.stringify({ incidentId: e.incidentId, ...e.entry })}\n\n`);
    }
  }

  /** Resolves when the client has read what waits in the socket, or the stream closed. */
  #drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }

  #write(frame: string): void {
    if (!this.isOpen) return;
    this.res.write(frame);
    if (this.res.writableLength > MAX_BACKLOG_BYTES) this.res.end();
  }
}
