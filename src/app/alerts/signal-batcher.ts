import { isAppError } from '../../domain/errors/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import { requestWeight, type IngestReport, type IngestRequest } from './ingest-request.js';

export interface BatcherTuning {
  /** How long the first request of a batch waits for others before the commit starts. */
  readonly lingerMs: number;
  /** A batch is committed at once when it holds this many signals. */
  readonly maxBatchSignals: number;
  /** Above this many signals waiting, new requests are refused as overloaded (the client retries). */
  readonly maxQueuedSignals: number;
}

export const DEFAULT_BATCHER_TUNING: BatcherTuning = { lingerMs: 2, maxBatchSignals: 500, maxQueuedSignals: 20_000 };

export type SubmitOutcome = { readonly kind: 'committed' } | { readonly kind: 'overloaded'; readonly retryAfterSeconds: number };

interface Waiting {
  readonly request: IngestRequest;
  readonly weight: number;
  resolve(outcome: SubmitOutcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit. Requests arriving together are gathered for `lingerMs` (or until a batch is full)
 * and committed in one transaction; each caller's promise settles only after the transaction that
 * holds its signals committed, so an HTTP 2xx never covers something not stored. One commit runs
 * at a time (the store has one writer anyway); requests arriving meanwhile form the next batch.
 * If a batch fails, its requests are retried one by one, so one bad request fails alone; unless the
 * store itself failed (unreachable, locked, damaged), which would fail every retry the same way,
 * only slower (a locked SQLite file makes each one wait the busy timeout).
 */
export class SignalBatcher {
  #queue: Waiting[] = [];
  #queued = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | undefined;
  #onReport: ((report: IngestReport, requests: number) => void) | undefined;

  constructor(
    private readonly commit: (requests: readonly IngestRequest[], now: EpochMs) => Promise<IngestReport>,
    private readonly now: () => EpochMs,
    private readonly tuning: BatcherTuning = DEFAULT_BATCHER_TUNING,
  ) {}

  /** Called after every committed batch (metrics, logs). */
  onReport(listener: (report: IngestReport, requests: number) => void): void {
    this.#onReport = listener;
  }

  /** Signals waiting for a commit (not counting the batch being committed). */
  get queuedSignals(): number {
    return this.#queued;
  }

  submit(request: IngestRequest): Promise<SubmitOutcome> {
    const weight = requestWeight(request);
    if (this.#queued + weight > this.tuning.maxQueuedSignals) {
      return Promise.resolve({ kind: 'overloaded', retryAfterSeconds: 1 + Math.floor(this.#queued / this.tuning.maxBatchSignals / 20) });
    }
    return new Promise<SubmitOutcome>((resolve, reject) => {
      this.#queue.push({ request, weight, resolve, reject });
      this.#queued += weight;
      this.#schedule();
    });
  }

  /** Resolves when everything submitted so far has been committed or failed. */
  async drain(): Promise<void> {
    while (this.#running !== undefined || this.#queue.length > 0) {
      if (this.#running === undefined) this.#start();
      await this.#running;
    }
  }

  #schedule(): void {
    if (this.#running !== undefined) return;
    if (this.#queued >= this.tuning.maxBatchSignals) {
      this.#start();
      return;
    }
    this.#timer ??= setTimeout(() => this.#start(), this.tuning.lingerMs);
  }

  #start(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#running !== undefined || this.#queue.length === 0) return;
    const batch = this.#take();
    this.#running = this.#commitBatch(batch).finally(() => {
      this.#running = undefined;
      if (this.#queue.length > 0) this.#schedule();
    });
  }

  #take(): Waiting[] {
    const batch: Waiting[] = [];
    let weight = 0;
    while (this.#queue.length > 0 && (batch.length === 0 || weight + this.#queue[0]!.weight <= this.tuning.maxBatchSignals)) {
      const next = this.#queue.shift()!;
      weight += next.weight;
      batch.push(next);
    }
    this.#queued -= weight;
    return batch;
  }

  async #commitBatch(batch: readonly Waiting[]): Promise<void> {
    try {
      const report = await this.commit(batch.map((w) => w.request), this.now());
      this.#onReport?.(report, batch.length);
      for (const w of batch) w.resolve({ kind: 'committed' });
      return;
    } catch (error) {
      if (batch.length === 1 || isStoreFailure(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
    }
    for (const w of batch) {
      try {
        const report = await this.commit([w.request], this.now());
        this.#onReport?.(report, 1);
        w.resolve({ kind: 'committed' });
      } catch (error) {
        w.reject(error);
      }
    }
  }
}

function isStoreFailure(error: unknown): boolean {
  return isAppError(error) && (error.code === 'STORE_UNAVAILABLE' || error.code === 'STORE_BUSY' || error.code === 'STORE_CORRUPT');
}
