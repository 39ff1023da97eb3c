import type { FastifyBaseLogger } from 'fastify';
import type { FeedEvent } from '../../app/incidents/index.js';

export interface EventSubscriber {
  deliver(events: readonly FeedEvent[]): void;
  /** The server is closing, or the stream's token was revoked: end the stream. */
  end(): void;
  /** The SHA-256 of the token the stream was opened with (directly or through a web session). */
  readonly tokenHash?: string | undefined;
}

/** Which of these token hashes are no longer live (revoked or gone), read from the store. */
export type FindDeadTokens = (tokenHashes: Iterable<string>) => Promise<ReadonlySet<string>>;

export type ReadFeed = (afterSeq: number, limit: number) => Promise<FeedEvent[]>;

/**
 * Pushes of the event log's new head from every instance (PostgreSQL LISTEN/NOTIFY): the listener
 * gets the head seq, or undefined when something may have been missed. Answers the unsubscribe
 * function, or undefined where nothing is pushed.
 */
export type ListenForAppends = (listener: (headSeq: number | undefined) => void) => (() => void) | undefined;

export const FEED_PAGE = 500;

/**
 * One poller per server, shared by every open stream: while anyone listens it reads events with
 * `seq > last` every `pollMs` and hands each batch to all subscribers, which filter by what their
 * caller may see. Reading the store (rather than an in-process signal) is what lets servers on one
 * database see each other's writes. Where the store pushes new heads (`listenForAppends`, on
 * PostgreSQL), a push past the last seq read starts a read at once, so an event reaches every
 * instance's streams in about one round trip; the poll stays as the fallback (a lost notification
 * or a listening connection being reopened costs at most `pollMs`).
 */
export class EventHub {
  readonly #subscribers = new Set<EventSubscriber>();
  #lastSeq: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<void> | undefined;
  #tokenTimer: NodeJS.Timeout | undefined;
  #checkingTokens: Promise<void> | undefined;
  #closed = false;
  /** A push arrived while a read was running: read again as soon as it ends. */
  #isReadAgain = false;
  #stopListening: (() => void) | undefined;

  constructor(
    private readonly readFeed: ReadFeed,
    private readonly pollMs: number,
    private readonly log: FastifyBaseLogger,
    /** Streams whose token is revoked end within `checkEveryMs` plus one store read, wherever it was revoked. */
    private readonly tokens?: { readonly findDead: FindDeadTokens; readonly checkEveryMs: number },
    private readonly listenForAppends?: ListenForAppends,
  ) {}

  get size(): number {
    return this.#subscribers.size;
  }

  /**
   * Returns the unsubscribe function. The poller starts with the first subscriber and stops after
   * the last. `fromSeq` is where the subscriber's own replay starts: an idle poller starts there
   * too (never at a head read later, which could already include events written since the
   * subscriber connected and so skip them); a running poller may be ahead, the replay covers that.
   */
  subscribe(subscriber: EventSubscriber, fromSeq: number): () => void {
    if (this.#closed) {
      subscriber.end();
      return () => undefined;
    }
    this.#lastSeq ??= fromSeq;
    this.#subscribers.add(subscriber);
    if (this.#timer === undefined && this.#polling === undefined) this.#schedule(0);
    if (this.listenForAppends !== undefined && this.#stopListening === undefined) {
      this.#stopListening = this.listenForAppends((headSeq) => this.#pushed(headSeq));
    }
    if (this.tokens !== undefined && this.#tokenTimer === undefined) {
      this.#tokenTimer = setInterval(() => void this.#checkTokens(), this.tokens.checkEveryMs);
    }
    return () => {
      this.#subscribers.delete(subscriber);
      if (this.#subscribers.size === 0) this.#stopTokenChecks();
    };
  }

  /** Ends, at once, every stream opened with this token (it was just revoked on this server). */
  endStreamsOf(tokenHash: string): void {
    for (const s of this.#subscribers) {
      if (s.tokenHash !== tokenHash) continue;
      this.#subscribers.delete(s);
      s.end();
    }
    if (this.#subscribers.size === 0) this.#stopTokenChecks();
  }

  /**
   * Reads the tokens of the open streams from the store and ends the streams of revoked ones
   * (revoked by another server or the CLI). Runs every `checkEveryMs` while anyone listens; one
   * check at a time. Resolves when the check is done.
   */
  #checkTokens(): Promise<void> {
    if (this.tokens === undefined) return Promise.resolve();
    const { findDead } = this.tokens;
    this.#checkingTokens ??= (async () => {
      try {
        const hashes = new Set<string>();
        for (const s of this.#subscribers) if (s.tokenHash !== undefined) hashes.add(s.tokenHash);
        if (hashes.size === 0) return;
        for (const dead of await findDead(hashes)) this.endStreamsOf(dead);
      } catch (error) {
        // The store may be briefly unreachable: the next check reads again.
        this.log.warn({ err: error }, 'event stream token check failed');
      } finally {
        this.#checkingTokens = undefined;
      }
    })();
    return this.#checkingTokens;
  }

  /** A new head was announced: read now, unless everything up to it was read already. */
  #pushed(headSeq: number | undefined): void {
    if (this.#closed || this.#subscribers.size === 0) return;
    if (headSeq !== undefined && this.#lastSeq !== undefined && headSeq <= this.#lastSeq) return;
    if (this.#polling !== undefined) {
      this.#isReadAgain = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#schedule(0);
  }

  /** Ends every stream and stops polling; waits for a poll in progress. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#stopListening?.();
    this.#stopListening = undefined;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#stopTokenChecks();
    for (const s of this.#subscribers) s.end();
    this.#subscribers.clear();
    await this.#polling;
    await this.#checkingTokens;
  }

  #stopTokenChecks(): void {
    clearInterval(this.#tokenTimer);
    this.#tokenTimer = undefined;
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#polling = this.#poll().finally(() => {
        this.#polling = undefined;
        if (this.#closed) return;
        const isReadAgain = this.#isReadAgain;
        this.#isReadAgain = false;
        if (this.#subscribers.size > 0) {
          this.#schedule(isReadAgain ? 0 : this.pollMs);
        } else {
          // Idle: forget the position, so a later first subscriber starts from the head again.
          this.#lastSeq = undefined;
          this.#stopListening?.();
          this.#stopListening = undefined;
        }
      });
    }, delayMs);
  }

  async #poll(): Promise<void> {
    try {
      for (;;) {
        if (this.#lastSeq === undefined) return;
        const batch = await this.readFeed(this.#lastSeq, FEED_PAGE);
        if (batch.length === 0 || this.#closed) return;
        this.#lastSeq = batch[batch.length - 1]!.seq;
        for (const s of this.#subscribers) s.deliver(batch);
        if (batch.length < FEED_PAGE) return;
      }
    } catch (error) {
      // The store may be briefly unreachable; the next poll retries from the same position.
      this.log.warn({ err: error }, 'event stream poll failed');
    }
  }
}
