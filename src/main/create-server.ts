import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildServer, type ServerTuning } from '../adapters/http/index.js';
import type { App } from './create-app.js';
import { slackCommandsEndpoint } from './slack-commands-endpoint.js';

export interface ServerOptions {
  readonly logger: Logger;
  readonly version?: string;
  readonly tuning?: Partial<ServerTuning>;
  readonly onRoute?: (route: { method: string; url: string }) => void;
}

/** The HTTP server on an opened app (not listening yet). Closing the server does not close the app. */
export function createServer(app: App, options: ServerOptions): FastifyInstance {
  const slackCommands = slackCommandsEndpoint({
    config: app.config.integrations?.slack,
    env: app.env,
    clock: app.clock,
    apiFor: (principal) => app.apiFor(principal),
    logger: options.logger,
  });
  return buildServer({
    apiFor: (principal) => app.apiFor(principal),
    tokens: app.tokens,
    store: app.store,
    checkReady: () => app.store.checkReady(),
    countActiveIncidents: () => app.store.countActiveIncidents(),
    clock: app.clock,
    logger: options.logger,
    signedForms: slackCommands === undefined ? [] : [slackCommands],
    ...(options.tuning ? { tuning: options.tuning } : {}),
    ...(options.onRoute ? { onRoute: options.onRoute } : {}),
  }, options.version);
}
