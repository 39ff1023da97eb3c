import type { ServerResponse } from 'node:http';
import type { FeedEvent } from '../../app/incidents/index.js';
import { canSeeIncidentType, type Principal } from '../../domain/access/index.js';
import { FEED_PAGE, type EventSubscriber, type ReadFeed } from './event-hub.js';

/** A client that reads slower than this many unsent bytes is dropped; it resumes with Last-Event-ID. */
const MAX_BACKLOG_BYTES = 1024 * 1024;

/**
 * One open event stream. It first replays from its cursor straight from the store while buffering
 * what the shared poller delivers meanwhile, then flushes the buffer past what it replayed: every
 * event after the cursor arrives once, in order, with no gap between replay and live.
 */
export class SseClient implements EventSubscriber {
  #cursor: number;
  #buffer: FeedEvent[] | undefined = [];

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

  async catchUp(readFeed: ReadFeed): Promise<void> {
    for (;;) {
      if (!this.isOpen) return;
      const page = await readFeed(this.#cursor, FEED_PAGE);
      this.#send(page);
      if (page.length < FEED_PAGE) break;
    }
    const buffered = this.#buffer ?? [];
    this.#buffer = undefined;
    this.#send(buffered);
  }

  deliver(events: readonly FeedEvent[]): void {
    if (this.#buffer !== undefined) this.#buffer.push(...events);
    else this.#send(events);
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

  #write(frame: string): void {
    if (!this.isOpen) return;
    this.res.write(frame);
    if (this.res.writableLength > MAX_BACKLOG_BYTES) this.res.end();
  }
}
