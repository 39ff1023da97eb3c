import type { PublicPage } from '../adapters/http/index.js';
import { STATUS_PAGE_FILES } from '../adapters/status-page/index.js';
import { StatusPageAdmin, StatusPageReader } from '../app/status-page/index.js';
import type { Principal } from '../domain/access/index.js';
import type { App } from './create-app.js';
import { nodeSecretSource } from './node-secret-source.js';

/** The page reader on an app, or undefined when `status_page:` is not configured. */
export function statusPageReader(app: App): StatusPageReader | undefined {
  const page = app.config.statusPage;
  return page === undefined ? undefined : new StatusPageReader(app.store, page, app.store);
}

/** The public routes of the status page (none when it is not configured), read fresh on each request. */
export function statusPagePages(app: App): PublicPage[] {
  const reader = statusPageReader(app);
  if (reader === undefined) return [];
  return STATUS_PAGE_FILES.map((file) => ({
    path: file.urlPath,
    contentType: file.contentType,
    isCrossOrigin: file.urlPath.startsWith('/api/v2/') || file.urlPath.startsWith('/status/feed'),
    render: async () => file.render(await reader.read(app.clock.now())),
  }));
}

/** Publishing and maintenance acting as one principal. */
export function statusPageAdmin(app: App, principal: Principal): StatusPageAdmin {
  return new StatusPageAdmin({
    service: app.incidents,
    store: app.store,
    clock: app.clock,
    page: app.config.statusPage,
    maintenance: app.store,
    newId: () => `mnt_${nodeSecretSource.randomBase64Url(9)}`,
  }, principal);
}
