import { dirname, resolve } from 'node:path';
import { createServerLogger } from '../adapters/http/index.js';
import { AppError } from '../domain/errors/index.js';
import type { App } from './create-app.js';
import { createDetection } from './create-detection.js';
import { createHeartbeats } from './create-heartbeats.js';
import { createServer } from './create-server.js';

export interface RunServerOptions {
  readonly port: number;
  readonly host: string;
  readonly version: string;
  readonly logLevel?: string;
  readonly onListening: (url: string) => void;
}

/**
 * `serve`: listens until SIGTERM or SIGINT, then stops accepting, ends event streams, lets requests
 * in flight finish, and closes the store. A second signal while stopping exits at once.
 */
export async function runServer(app: App, options: RunServerOptions): Promise<void> {
  const logger = createServerLogger({ level: options.logLevel ?? 'info' });
  let detection;
  try {
    // Paths in `detection:` are relative to the config file (a bare --config name is relative to the working directory).
    detection = createDetection(app, { baseDir: app.configPath === undefined ? process.cwd() : dirname(resolve(app.configPath)), log: logger.child({ component: 'detection' }) });
  } catch (error) {
    await app.close();
    throw error;
  }
  const server = createServer(app, { logger, version: options.version, ...(detection ? { detection: detection.endpoints } : {}) });
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  let url: string;
  try {
    url = await server.listen({ port: options.port, host: options.host });
  } catch (error) {
    await app.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError('VALIDATION', `cannot listen on ${options.host}:${options.port}: ${code === 'EADDRINUSE' ? 'the port is in use' : code ?? String(error)}; choose another --port or --host`, {
      cause: error,
      issues: [{ path: 'port', message: 'cannot listen' }],
    });
  }
  options.onListening(url);
  if (detection !== undefined) {
    detection.engine.start();
    logger.info({ rules: detection.rulesPath }, 'detection started');
  }
  const heartbeats = createHeartbeats(app, logger.child({ component: 'heartbeats' }));
  heartbeats?.start();
  const signal = await stopped;
  logger.info({ signal }, 'shutting down: finishing requests in flight');
  const forceExit = () => process.exit(1);
  process.once('SIGTERM', forceExit);
  process.once('SIGINT', forceExit);
  try {
    await detection?.engine.stop();
    await heartbeats?.stop();
    await server.close();
  } finally {
    await app.close();
    process.off('SIGTERM', forceExit);
    process.off('SIGINT', forceExit);
  }
  logger.info('stopped');
}
