// `incident-response dashboard`: the monitoring dashboard read from the local database (watching its
// event log) or from a server (GET /api/v1/dashboard, refreshed by its event stream).
import { z } from 'zod';
import type { OpenedDashboard } from '../adapters/cli/dashboard-command.js';
import type { DashboardView } from '../app/dashboard/index.js';
import type { Principal } from '../domain/access/index.js';
import type { App } from './create-app.js';
import { dashboardFor } from './dashboard-wiring.js';

type Source = { load(): Promise<DashboardView>; watch(onChange: () => void): () => void };

async function opened(source: Source, timeZone: string, origin: string, healthNote: string | undefined, close: () => Promise<void>): Promise<OpenedDashboard> {
  const options = { timeZone, source: origin, ...(healthNote === undefined ? {} : { healthNote }) };
  return {
    json: async () => JSON.stringify(await source.load(), null, 2),
    once: async () => {
      const { dashboardLines, plainText } = await import('../adapters/terminal-dashboard/index.js');
      return plainText(dashboardLines(await source.load(), options));
    },
    live: async () => {
      const { runLiveDashboard } = await import('../adapters/terminal-dashboard/index.js');
      await runLiveDashboard(source, options);
    },
    close,
  };
}

/** On the local database: the log's head is watched every half second. Live readings of metrics exist only in serve. */
export async function openLocalDashboard(app: App, principal: Principal): Promise<OpenedDashboard> {
  const read = dashboardFor(app, undefined);
  const source: Source = {
    load: () => read(principal),
    watch(onChange) {
      let last: number | undefined;
      const timer = setInterval(() => {
        void app.store.chainHead().then((head) => {
          if (last !== undefined && head.seq !== last) onChange();
          last = head.seq;
        }, () => undefined);
      }, 500);
      return () => clearInterval(timer);
    },
  };
  const note = app.config.detection === undefined ? undefined : 'Metric readings are taken by the server: run "incident-response dashboard --api <server>" to see them.';
  return opened(source, app.config.displayTimeZone, 'local database', note, () => app.close());
}

const VIEW_SHAPE = z.object({ at: z.string(), activeIncidents: z.array(z.unknown()), health: z.object({ groups: z.array(z.unknown()) }) }).passthrough();

/** On a server: GET /api/v1/dashboard, read again on each event of the server's stream. */
export async function openRemoteDashboard(baseUrl: string, token: string | undefined, timeZone: string): Promise<OpenedDashboard> {
  const { ApiTransport, watchEventStream, parseBaseUrl } = await import('../adapters/api-client/index.js');
  const transport = new ApiTransport({ baseUrl, token });
  const source: Source = {
    load: async () => (await transport.json('GET', '/dashboard', undefined, VIEW_SHAPE)) as DashboardView,
    watch: (onChange) => watchEventStream({ baseUrl, token, onEvent: onChange }),
  };
  return opened(source, timeZone, parseBaseUrl(baseUrl).origin, undefined, async () => {});
}
