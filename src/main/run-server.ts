import { dirname, resolve } from 'node:path';
import { createServerLogger } from '../adapters/http/index.js';
import { AppError } from '../domain/errors/index.js';
import type { App } from './create-app.js';
import { createDetection } from './create-detection.js';
import { createHeartbeats } from './create-heartbeats.js';
import { createIntegrationLoop } from './integration-relay-wiring.js';
import { createPagingEngine } from './create-paging-engine.js';
import { createServer } from './create-server.js';
import { auditConfigAtStart, startCheckpointTimer } from './audit-on-serve.js';

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
  // SIGHUP (systemctl reload) reloads the configuration file: validated first, a bad file changes
  // nothing and its error (file, line, key) is logged. Reloads run one at a time, in signal order.
  let reloading = Promise.resolve();
  const onHangUp = () => {
    reloading = reloading.then(() => reloadAndLog(app, logger, 'SIGHUP'));
  };
  process.on('SIGHUP', onHangUp);
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  let url: string;
  try {
    url = await server.listen({ port: options.port, host: options.host });
  } catch (error) {
    process.off('SIGHUP', onHangUp);
    await app.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError('VALIDATION', `cannot listen on ${options.host}:${options.port}: ${code === 'EADDRINUSE' ? 'the port is in use' : code ?? String(error)}; choose another --port or --host`, {
      cause: error,
      issues: [{ path: 'port', message: 'cannot listen' }],
    });
  }
  options.onListening(url);
  await auditConfigAtStart(app, 'serve', process.cwd()).catch((error: unknown) => logger.error({ err: error instanceof Error ? error.message : String(error) }, 'could not record the configuration in the audit trail'));
  let checkpoints: ReturnType<typeof startCheckpointTimer>;
  try {
    checkpoints = startCheckpointTimer(app, process.cwd(), logger.child({ component: 'audit' }));
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, 'audit checkpoints are not signed: the signing key cannot be loaded');
  }
  if (detection !== undefined) {
    detection.engine.start();
    logger.info({ rules: detection.rulesPath }, 'detection started');
  }
  const heartbeats = createHeartbeats(app, logger.child({ component: 'heartbeats' }));
  heartbeats?.start();
  const paging = createPagingEngine(app, logger.child({ component: 'paging' }));
  paging.start();
  // Statuspage, Grafana annotations and ITSM closure follow the event log (docs/integrations.md).
  const integrations = createIntegrationLoop(app, logger.child({ component: 'integrations' }));
  integrations?.start();
  const signal = await stopped;
  logger.info({ signal }, 'shutting down: finishing requests in flight');
  const forceExit = () => process.exit(1);
  process.once('SIGTERM', forceExit);
  process.once('SIGINT', forceExit);
  try {
    await detection?.engine.stop();
    await heartbeats?.stop();
    await paging.stop();
    await integrations?.stop();
    await server.close();
    await checkpoints?.stop();
  } finally {
    await app.close();
    process.off('SIGTERM', forceExit);
    process.off('SIGINT', forceExit);
    process.off('SIGHUP', onHangUp);
  }
  logger.info('stopped');
  // Everything was closed in order above. Anything still holding the event loop now (a socket a
  // client left half-open, a library's timer) must not keep a stopped server running: it is named
  // in the log and the process ends.
  setTimeout(() => {
    logger.warn({ resources: process.getActiveResourcesInfo() }, 'still running 2 s after stopping; exiting');
    process.exit(0);
  }, 2000).unref();
}

/** Reloads the configuration and logs what changed, or why the file was refused (the server keeps the one it had). */
export async function reloadAndLog(app: App, logger: Pick<ReturnType<typeof createServerLogger>, 'info' | 'error' | 'warn'>, by: string): Promise<void> {
  try {
    const summary = await app.reloadConfig(by);
    logger.info({ changed: summary.sections, services: summary.services, schedules: summary.schedules, escalationPolicies: summary.escalationPolicies, people: summary.people }, summary.sections.length === 0 ? 'configuration reloaded: nothing changed' : `configuration reloaded: ${summary.sections.join(', ')} changed`);
    if (summary.needsRestart.length > 0) logger.warn({ needsRestart: summary.needsRestart }, `configuration reloaded, but ${summary.needsRestart.join(', ')} apply only after a restart of serve`);
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, 'configuration NOT reloaded: the server keeps running on the configuration it had');
  }
}
