#!/usr/bin/env node
// The `incident-response` executable: wires the CLI to the local store, or to a server with --api.
import { userInfo } from 'node:os';
import { runCli, type CliBackend, type GlobalOptions } from '../adapters/cli/index.js';
import { isAppError } from '../domain/errors/index.js';
import { createClock } from './system-clock.js';

/** Set by the bundler (scripts/build.mjs) from package.json. */
declare const __IR_VERSION__: string | undefined;

function version(): string {
  return typeof __IR_VERSION__ === 'string' ? __IR_VERSION__ : 'dev';
}

function actorName(options: GlobalOptions): string {
  const explicit = options.as ?? process.env['IR_USER'];
  if (explicit !== undefined && explicit.trim() !== '') return explicit.trim();
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<number> {
  const env = process.env;
  const io = {
    out: (s: string) => process.stdout.write(s + '\n'),
    err: (s: string) => process.stderr.write(s + '\n'),
    isTty: process.stdout.isTTY === true,
    env,
  };
  let clock;
  try {
    clock = createClock(env);
  } catch (e) {
    io.err(`error: ${isAppError(e) ? e.message : String(e)}`);
    return 2;
  }
  const open = async (options: GlobalOptions) => {
    const { createApp } = await import('./create-app.js');
    return createApp({ cwd: process.cwd(), env, clock, ...(options.db ? { dbPath: options.db } : {}), ...(options.config ? { configPath: options.config } : {}) });
  };
  const backend: CliBackend = {
    version: version(),
    now: () => clock.now(),
    async openIncidents(options) {
      const apiUrl = options.api ?? env['IR_API_URL'];
      if (apiUrl !== undefined && apiUrl !== '') {
        // Remote mode: the server authenticates the token and enforces roles; times are shown in
        // the local configuration's zone, as in local mode.
        const [{ HttpIncidentApi }, { resolveConfig }] = await Promise.all([import('../adapters/api-client/index.js'), import('./create-app.js')]);
        const { config } = resolveConfig({ cwd: process.cwd(), env, ...(options.config ? { configPath: options.config } : {}) });
        return { api: new HttpIncidentApi({ baseUrl: apiUrl, token: env['IR_TOKEN'] }), displayTimeZone: config.displayTimeZone, close: async () => {} };
      }
      const app = await open(options);
      // Whoever can open the database file has full access to it: locally the CLI acts as admin.
      return { api: app.apiFor({ name: actorName(options), role: 'admin', teams: [] }), displayTimeZone: app.config.displayTimeZone, close: () => app.close() };
    },
    async validateConfig(file) {
      const { resolveConfig } = await import('./create-app.js');
      const { describeConfig } = await import('./describe-config.js');
      const { config, path } = resolveConfig({ cwd: process.cwd(), env, ...(file ? { configPath: file } : {}) });
      return { file: path, summary: describeConfig(config) };
    },
    async seedDemo(options) {
      const app = await open(options);
      try {
        const { seedDemo } = await import('../app/demo/index.js');
        return await seedDemo(app.store, app.config, clock.now());
      } finally {
        await app.close();
      }
    },
    async rulesTest(rulesFile, seriesFile) {
      const { rulesTestCommand } = await import('../adapters/rules/index.js');
      const { resolve } = await import('node:path');
      return rulesTestCommand(resolve(process.cwd(), rulesFile), resolve(process.cwd(), seriesFile));
    },
    async openTokens(options) {
      const app = await open(options);
      // As for incidents: whoever can open the database manages its tokens.
      const admin = { name: actorName(options), role: 'admin' as const, teams: [] };
      return {
        tokens: {
          create: (input) => app.tokens.create(input, admin),
          list: () => app.tokens.list(admin),
          revoke: (idOrName) => app.tokens.revoke(idOrName, admin),
        },
        close: () => app.close(),
      };
    },
    async serve(options, listen, onListening) {
      const app = await open(options);
      const { runServer } = await import('./run-server.js');
      await runServer(app, { ...listen, version: version(), onListening, ...(env['LOG_LEVEL'] ? { logLevel: env['LOG_LEVEL'] } : {}) });
    },
  };
  return runCli(process.argv.slice(2), io, backend);
}

main().then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`error: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
