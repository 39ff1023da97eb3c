import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { StatusPageSnapshot } from '../../app/status-page/index.js';
import type { Clock } from '../../app/ports/index.js';
import { HISTORY_DAYS } from '../../app/status-page/index.js';
import { DAY, SECOND, epochMs, type EpochMs } from '../../domain/time/index.js';
import { STATUS_PAGE_FILES, type StatusPageFile } from './status-page-files.js';

/** One rendered document: its bytes and a strong ETag (a digest of the bytes). */
export interface PublishedDocument {
  readonly body: Buffer;
  readonly etag: string;
}

/**
 * The longest a build is served without a change being seen: it bounds what no event announces
 * (maintenance scheduled by another server or the CLI) and what drifts with time alone (the
 * uptime percentage during an outage).
 */
export const MAX_BUILD_AGE_MS = 10 * SECOND;

interface Build {
  readonly generation: number;
  readonly builtAt: EpochMs;
  /** The first instant the page would read differently by time alone: rebuilt from then on. */
  readonly validUntil: EpochMs;
  readonly documents: ReadonlyMap<string, PublishedDocument>;
}

/**
 * The public page served from memory: every document rendered once per build, as bytes with an
 * ETag. A build is reused until something that can change the page happens: an incident event
 * is seen (`eventsSeen`, from the server's one event poller), a maintenance window is changed
 * here (`changed`), or an instant passes at which the page reads differently by time alone (a
 * window starts or ends, a day rolls over in UTC or the page's zone, something ages out of the
 * 90 days). Requests arriving together share one build.
 */
export class StatusPagePublisher {
  #generation = 0;
  #built: Build | undefined;
  #building: { readonly generation: number; readonly build: Promise<Build> } | undefined;
  #seenSeq = 0;
  readonly #waiters = new Set<{ readonly seq: number; readonly resolve: () => void }>();

  constructor(
    private readonly reader: { read(now: EpochMs): Promise<StatusPageSnapshot> },
    private readonly clock: Clock,
    private readonly files: readonly StatusPageFile[] = STATUS_PAGE_FILES,
  ) {}

  /** The document served at `urlPath` (one of the files' paths), as of now. */
  async document(urlPath: string): Promise<PublishedDocument> {
    const build = await this.#current();
    const document = build.documents.get(urlPath);
    if (document === undefined) throw new Error(`no status page document at ${urlPath}`);
    return document;
  }

  /** Events up to `lastSeq` were written: the next request rebuilds. */
  eventsSeen(lastSeq: number): void {
    this.#generation += 1;
    this.#seenSeq = Math.max(this.#seenSeq, lastSeq);
    for (const w of this.#waiters) {
      if (w.seq > this.#seenSeq) continue;
      this.#waiters.delete(w);
      w.resolve();
    }
  }

  /** Something not in the event log changed (a maintenance window, here): the next request rebuilds. */
  changed(): void {
    this.#generation += 1;
  }

  /** Resolves once events up to `seq` have been seen, so the next request shows them. */
  whenSeen(seq: number): Promise<void> {
    if (seq <= this.#seenSeq) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.add({ seq, resolve }));
  }

  async #current(): Promise<Build> {
    const now = this.clock.now();
    const built = this.#built;
    if (built !== undefined && built.generation === this.#generation && now >= built.builtAt && now < built.validUntil) return built;
    const building = this.#building;
    if (building !== undefined && building.generation === this.#generation) {
      const b = await building.build;
      if (now < b.validUntil) return b;
    }
    const generation = this.#generation;
    const build = this.#build(generation, now);
    this.#building = { generation, build };
    try {
      const b = await build;
      if (this.#built === undefined || this.#built.generation <= b.generation) this.#built = b;
      return b;
    } finally {
      if (this.#building?.build === build) this.#building = undefined;
    }
  }

  async #build(generation: number, now: EpochMs): Promise<Build> {
    const snapshot = await this.reader.read(now);
    const documents = new Map<string, PublishedDocument>();
    for (const file of this.files) {
      const body = Buffer.from(file.render(snapshot), 'utf8');
      documents.set(file.urlPath, { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` });
    }
    return { generation, builtAt: now, validUntil: nextChangeAt(snapshot, now), documents };
  }
}

/** The first instant after `now` at which the snapshot would differ by time alone. */
export function nextChangeAt(s: StatusPageSnapshot, now: EpochMs): EpochMs {
  const history = HISTORY_DAYS * DAY;
  const candidates: number[] = [
    now + MAX_BUILD_AGE_MS,
    // Uptime bars are UTC days; "15:00 UTC, 16 Jan" labels depend on the day in the page's zone.
    (Math.floor(now / DAY) + 1) * DAY,
    DateTime.fromMillis(now, { zone: s.page.timeZone }).plus({ days: 1 }).startOf('day').toMillis(),
    ...s.maintenances.flatMap((m) => [m.window.startsAt, m.window.endsAt, m.window.endsAt + history]),
    ...s.incidents.flatMap((i) => (i.resolvedAt === undefined ? [] : [i.resolvedAt + history])),
  ];
  return epochMs(Math.min(...candidates.filter((t) => t > now)));
}
