import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { registerStatusSubscriptionRoutes, type PublicPages } from '../adapters/http/index.js';
import { statusPageFiles, StatusPagePublisher } from '../adapters/status-page/index.js';
import { StatusPageAdmin, StatusPageReader, StatusSubscriptions, type SubscriberKind } from '../app/status-page/index.js';
import type { Principal } from '../domain/access/index.js';
import type { App } from './create-app.js';
import { nodeSecretSource } from './node-secret-source.js';

/** The page reader on an app, or undefined when `status_page:` is not configured. `served`: the page offers subscriptions (not a static export). */
export function statusPageReader(app: App, served = false): StatusPageReader | undefined {
  const page = app.config.statusPage;
  return page === undefined ? undefined : new StatusPageReader(app.store, page, app.store, served ? subscriptionKinds(app) : []);
}

/** Subscriptions are offered through the channels that can deliver them. */
function subscriptionKinds(app: App): SubscriberKind[] {
  const channels = app.config.channels;
  return [...(channels?.email ? ['email' as const] : []), ...(channels?.webhooks ? ['webhook' as const] : [])];
}

const publishers = new WeakMap<App, StatusPagePublisher>();

/** The app's public page served from memory (one per app), or undefined when `status_page:` is not configured. */
export function statusPagePublisher(app: App): StatusPagePublisher | undefined {
  const known = publishers.get(app);
  if (known !== undefined) return known;
  const reader = statusPageReader(app, true);
  if (reader === undefined) return undefined;
  const publisher = new StatusPagePublisher(reader, app.clock, statusPageFiles(app.config.statusPage?.components ?? []));
  publishers.set(app, publisher);
  return publisher;
}

/** The public routes of the status page (none when it is not configured), served from memory and rebuilt on change. */
export function statusPagePages(app: App): PublicPages {
  const publisher = statusPagePublisher(app);
  if (publisher === undefined) return { pages: [], eventsSeen: () => undefined };
  return {
    pages: statusPageFiles(app.config.statusPage?.components ?? []).map((file) => ({
      path: file.urlPath,
      contentType: file.contentType,
      isCrossOrigin: file.urlPath.startsWith('/api/v2/') || file.urlPath.startsWith('/status/feed'),
      read: () => publisher.document(file.urlPath),
    })),
    eventsSeen: (lastSeq) => {
      publisher.eventsSeen(lastSeq);
      noticePlanner(app).poke();
    },
  };
}

/** Publishing and maintenance acting as one principal. Maintenance changed here shows on this server's page at once. */
export function statusPageAdmin(app: App, principal: Principal): StatusPageAdmin {
  const publisher = publishers.get(app);
  const maintenance = publisher === undefined ? app.store : {
    addMaintenance: async (...args: Parameters<typeof app.store.addMaintenance>) => {
      await app.store.addMaintenance(...args);
      publisher.changed();
    },
    listMaintenances: (...args: Parameters<typeof app.store.listMaintenances>) => app.store.listMaintenances(...args),
    findMaintenance: (...args: Parameters<typeof app.store.findMaintenance>) => app.store.findMaintenance(...args),
    cancelMaintenance: async (...args: Parameters<typeof app.store.cancelMaintenance>) => {
      const record = await app.store.cancelMaintenance(...args);
      publisher.changed();
      return record;
    },
  };
  return new StatusPageAdmin({
    service: app.incidents,
    store: app.store,
    clock: app.clock,
    page: app.config.statusPage,
    maintenance,
    newId: () => `mnt_${nodeSecretSource.randomBase64Url(9)}`,
  }, principal);
}

const subscriptionDesks = new WeakMap<App, StatusSubscriptions>();

/** Subscriptions to the app's public page (one per app), or undefined when `status_page:` is not configured. */
export function statusSubscriptions(app: App): StatusSubscriptions | undefined {
  const page = app.config.statusPage;
  if (page === undefined) return undefined;
  let desk = subscriptionDesks.get(app);
  if (desk === undefined) {
    desk = new StatusSubscriptions({
      store: app.store,
      enqueue: async (messages) => {
        await app.store.write(async (tx) => {
          await tx.paging.enqueue(messages);
        });
      },
      secrets: nodeSecretSource,
      clock: app.clock,
      page,
      newId: () => `msg_${nodeSecretSource.randomBase64Url(12)}`,
      kinds: subscriptionKinds(app),
    });
    subscriptionDesks.set(app, desk);
  }
  return desk;
}

/**
 * Plans subscribers' notices whenever the server's event poller sees new events: runs one pass at
 * a time, and once more after it when events arrived meanwhile. A failed pass is logged and the
 * next events try again (updates of the last day are considered each time).
 */
export class NoticePlanner {
  #running: Promise<void> | undefined;
  #again = false;

  constructor(private readonly app: App, public logger: Logger | undefined) {}

  poke(): void {
    if (this.#running !== undefined) {
      this.#again = true;
      return;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
    });
  }

  /** Resolves when no pass is running (tests wait on it instead of sleeping). */
  async settled(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.planOnce();
      } catch (error) {
        this.logger?.error({ err: error }, 'status page notices not planned; the next event tries again');
      }
    } while (this.#again);
  }

  #reader: StatusPageReader | undefined;

  async planOnce(): Promise<number> {
    const desk = statusSubscriptions(this.app);
    // One reader for the planner's life: it keeps each incident's projection until the incident changes.
    this.#reader ??= statusPageReader(this.app);
    const reader = this.#reader;
    if (desk === undefined || reader === undefined) return 0;
    const planned = await desk.planNotices(await reader.read(this.app.clock.now()));
    if (planned > 0) this.logger?.info({ notices: planned }, 'status page notices queued');
    return planned;
  }
}

const planners = new WeakMap<App, NoticePlanner>();

/** The app's notice planner (one per app). */
export function noticePlanner(app: App, logger?: Logger): NoticePlanner {
  let planner = planners.get(app);
  if (planner === undefined) {
    planner = new NoticePlanner(app, logger);
    planners.set(app, planner);
  } else if (logger !== undefined) planner.logger = logger;
  return planner;
}

/** The public subscription routes of the status page, when it is configured. */
export function registerStatusSubscriptions(server: FastifyInstance, app: App, logger: Logger): void {
  const desk = statusSubscriptions(app);
  if (desk === undefined) return;
  noticePlanner(app, logger);
  registerStatusSubscriptionRoutes(server, {
    subscribe: (input) => desk.subscribe(input),
    find: (token) => desk.find(token),
    confirm: (token) => desk.confirm(token),
    unsubscribe: (token) => desk.unsubscribe(token),
  });
}
