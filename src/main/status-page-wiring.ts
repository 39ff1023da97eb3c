import type { PublicPages } from '../adapters/http/index.js';
import { statusPageFiles, StatusPagePublisher } from '../adapters/status-page/index.js';
import { StatusPageAdmin, StatusPageReader } from '../app/status-page/index.js';
import type { Principal } from '../domain/access/index.js';
import type { App } from './create-app.js';
import { nodeSecretSource } from './node-secret-source.js';

/** The page reader on an app, or undefined when `status_page:` is not configured. */
export function statusPageReader(app: App): StatusPageReader | undefined {
  const page = app.config.statusPage;
  return page === undefined ? undefined : new StatusPageReader(app.store, page, app.store);
}

const publishers = new WeakMap<App, StatusPagePublisher>();

/** The app's public page served from memory (one per app), or undefined when `status_page:` is not configured. */
export function statusPagePublisher(app: App): StatusPagePublisher | undefined {
  const known = publishers.get(app);
  if (known !== undefined) return known;
  const reader = statusPageReader(app);
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
    eventsSeen: (lastSeq) => publisher.eventsSeen(lastSeq),
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
