import { createHash } from 'node:crypto';
import type { Client, ClientConfig } from 'pg';

/** Told the new head seq after another writer committed events, or undefined after a reconnect (something may have been missed). */
export type AppendListener = (headSeq: number | undefined) => void;

/**
 * The NOTIFY channel of a database's event log: one per schema, so stores in different schemas of
 * one database (tests, several deployments) do not wake each other. At most 63 bytes, as
 * PostgreSQL identifiers are.
 */
export function appendChannel(schema: string | undefined): string {
  const name = `ir_events_${schema ?? 'public'}`.toLowerCase();
  return name.length <= 63 ? name : `ir_events_${createHash('sha256').update(schema ?? '').digest('hex').slice(0, 32)}`;
}

const BACKOFF_MS = [100, 200, 500, 1_000, 2_000, 5_000] as const;

/**
 * One dedicated connection (not from the pool: LISTEN belongs to a session) that listens on the
 * event log's channel while anyone is subscribed, and hands each notification's payload (the new
 * head seq) to the subscribers. A lost connection is opened again with a growing backoff (100 ms
 * to 5 s); after each reconnect subscribers are told `undefined`, so they read what they may have
 * missed. Listening is an accelerator: subscribers keep polling as the fallback.
 */
export class PostgresAppendListener {
  readonly #listeners = new Set<AppendListener>();
  #client: Client | undefined;
  #connecting: Promise<void> | undefined;
  #retry: NodeJS.Timeout | undefined;
  #attempt = 0;
  #isClosed = false;

  constructor(
    private readonly connect: () => Promise<Client>,
    private readonly channel: string,
  ) {}

  /** Starts listening with the first subscriber; the returned function unsubscribes (the last one stops listening). */
  subscribe(listener: AppendListener): () => void {
    this.#listeners.add(listener);
    if (this.#client === undefined && this.#connecting === undefined && this.#retry === undefined) this.#open();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) void this.#drop();
    };
  }

  async close(): Promise<void> {
    this.#isClosed = true;
    this.#listeners.clear();
    await this.#drop();
  }

  #open(): void {
    if (this.#isClosed || this.#listeners.size === 0) return;
    this.#connecting = (async () => {
      let client: Client | undefined;
      try {
        client = await this.connect();
        client.on('notification', (message) => {
          if (message.channel !== this.channel) return;
          const seq = Number(message.payload);
          this.#tell(Number.isSafeInteger(seq) ? seq : undefined);
        });
        const lost = () => {
          if (this.#client !== client) return;
          this.#client = undefined;
          client?.end().catch(() => undefined);
          this.#reconnectLater();
        };
        client.on('error', lost);
        client.on('end', lost);
        await client.query(`LISTEN "${this.channel}"`);
        if (this.#isClosed || this.#listeners.size === 0) {
          await client.end().catch(() => undefined);
          return;
        }
        this.#client = client;
        // Events appended while not listening were not announced.
        if (this.#attempt > 0) this.#tell(undefined);
        this.#attempt = 0;
      } catch {
        await client?.end().catch(() => undefined);
        this.#reconnectLater();
      } finally {
        this.#connecting = undefined;
      }
    })();
  }

  #reconnectLater(): void {
    if (this.#isClosed || this.#listeners.size === 0 || this.#retry !== undefined) return;
    const delay = BACKOFF_MS[Math.min(this.#attempt, BACKOFF_MS.length - 1)]!;
    this.#attempt += 1;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#open();
    }, delay);
    this.#retry.unref();
  }

  #tell(seq: number | undefined): void {
    for (const listener of this.#listeners) {
      try {
        listener(seq);
      } catch {
        // A subscriber's failure is its own.
      }
    }
  }

  async #drop(): Promise<void> {
    clearTimeout(this.#retry);
    this.#retry = undefined;
    await this.#connecting;
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }
}

/** Opens a plain client with the pool's settings (the LISTEN connection is not the pool's). */
export function appendListenerConnector(pg: { Client: new (config: ClientConfig) => Client }, config: ClientConfig): () => Promise<Client> {
  return async () => {
    const client = new pg.Client(config);
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
}
