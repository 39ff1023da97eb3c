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

/**
 * A reader that goes away (`incident-response audit log | head -1`) ends the command quietly with
 * exit 0, as it would end `cat`: Node ignores SIGPIPE, so the write fails with EPIPE instead, which
 * would otherwise surface as an unhandled 'error' event and its stack trace.
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

async function main(): Promise<number> {
  const env = process.env;
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  const io = {
    out: (s: string) => process.stdout.write(s + '\n'),
    err: (s: string) => process.stderr.write(s + '\n'),
    isTty: process.stdout.isTTY === true,
    columns: process.stdout.isTTY === true ? process.stdout.columns : undefined,
    env,
  };
  let clock;
  try {
    clock = createClock(env);
  } catch (e) {
    io.err(`error: ${isAppError(e) ? e.message : String(e)}`);
    return 2;
  }
  const open = async (options: GlobalOptions, opener: 'command' | 'server' = 'command') => {
    const { createApp } = await import('./create-app.js');
    return createApp({ cwd: process.cwd(), env, clock, opener, ...(options.db ? { dbPath: options.db } : {}), ...(options.config ? { configPath: options.config } : {}) });
  };
  const backupOptions = (options: GlobalOptions) => ({ cwd: process.cwd(), env, clock, ...(options.db ? { dbPath: options.db } : {}), ...(options.config ? { configPath: options.config } : {}) });
  const onCallContext = (options: GlobalOptions) => ({
    cwd: process.cwd(), env, apiUrl: options.api ?? env['IR_API_URL'], dbPath: options.db, openApp: () => open(options),
    principal: { name: actorName(options), role: 'admin' as const, teams: [] }, now: () => clock.now(),
  });
  const backend: CliBackend = {
    version: version(),
    now: () => clock.now(),
    async open(options) {
      const apiUrl = options.api ?? env['IR_API_URL'];
      if (apiUrl !== undefined && apiUrl !== '') {
        // Remote mode: the server authenticates the token and enforces roles, visibility and audit;
        // times are shown in the local configuration's zone, as in local mode.
        const [{ openHttpCliClient }, { resolveConfig }] = await Promise.all([import('../adapters/api-client/index.js'), import('./create-app.js')]);
        const { config } = await resolveConfig({ cwd: process.cwd(), env, ...(options.config ? { configPath: options.config } : {}) });
        const zone = config.people.find((p) => p.id === actorName(options))?.timeZone ?? config.displayTimeZone;
        return openHttpCliClient({ baseUrl: apiUrl, token: env['IR_TOKEN'], displayTimeZone: zone });
      }
      const [app, { openLocalCliClient }] = await Promise.all([open(options), import('./local-cli-client.js')]);
      // Whoever can open the database file has full access to it: locally the CLI acts as admin.
      return openLocalCliClient(app, { name: actorName(options), role: 'admin', teams: [] }, { cwd: process.cwd(), productVersion: version() });
    },
    async validateConfig(file) {
      const { resolveConfig } = await import('./create-app.js');
      const { describeConfig } = await import('./describe-config.js');
      const { config, path } = await resolveConfig({ cwd: process.cwd(), env, ...(file ? { configPath: file } : {}) });
      const summary = describeConfig(config);
      if (config.detection !== undefined && path !== undefined) {
        const [{ loadTriggerRulesFile }, { describeRecordedOnlyActions }, { dirname, resolve }] = await Promise.all([import('../adapters/rules/index.js'), import('./describe-config.js'), import('node:path')]);
        summary.push(...describeRecordedOnlyActions(loadTriggerRulesFile(resolve(dirname(resolve(process.cwd(), path)), config.detection.rulesFile))));
      }
      return { file: path, summary };
    },
    async runDoctor(options) {
      const app = await open(options);
      try {
        const { runDoctor } = await import('./doctor-desk.js');
        return await runDoctor(app, { name: actorName(options), role: 'admin', teams: [] });
      } finally {
        await app.close();
      }
    },
    async openDashboard(options) {
      const apiUrl = options.api ?? env['IR_API_URL'];
      const { openLocalDashboard, openRemoteDashboard } = await import('./dashboard-desk.js');
      if (apiUrl !== undefined && apiUrl !== '') {
        const { resolveConfig } = await import('./create-app.js');
        const { config } = await resolveConfig({ cwd: process.cwd(), env, ...(options.config ? { configPath: options.config } : {}) });
        return openRemoteDashboard(apiUrl, env['IR_TOKEN'], config.displayTimeZone);
      }
      // As for incidents: whoever can open the database file sees everything in it.
      return openLocalDashboard(await open(options), { name: actorName(options), role: 'admin', teams: [] });
    },
    async explainConfig(file) {
      const { resolveConfig } = await import('./create-app.js');
      const { config, path } = await resolveConfig({ cwd: process.cwd(), env, ...(file ? { configPath: file } : {}) });
      return { file: path, notes: config.integrationSwitches ?? [] };
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
      const rulesPath = resolve(process.cwd(), rulesFile);
      const result = rulesTestCommand(rulesPath, resolve(process.cwd(), seriesFile));
      // Noted in the database beside it (if there is one), so doctor knows these rules were replayed.
      const { recordRulesReplay } = await import('./rules-replay-record.js');
      await recordRulesReplay({ cwd: process.cwd(), env, clock }, rulesPath, (result.json as { firings?: unknown[] }).firings?.length ?? 0);
      return result;
    },
    async openAuditDesk(options) {
      const app = await open(options);
      try {
        const { openAuditDesk } = await import('./audit-desk.js');
        return { desk: openAuditDesk(app, process.cwd()), close: () => app.close() };
      } catch (e) {
        await app.close();
        throw e;
      }
    },
    backupDesk(options) {
      // Loaded with the verb: backup and restore open the files themselves (no store is opened here).
      return {
        backup: async (out) => (await import('./backup-desk.js')).openBackupDesk(backupOptions(options)).backup(out),
        restore: async (file, restoreOptions) => (await import('./backup-desk.js')).openBackupDesk(backupOptions(options)).restore(file, restoreOptions),
      };
    },
    async auditKeygen(out) {
      const { writeSigningKeyPair } = await import('./audit-desk.js');
      return writeSigningKeyPair(out, process.cwd());
    },
    async loadOnCall(options) {
      const { resolveConfig } = await import('./create-app.js');
      const { config } = await resolveConfig({ cwd: process.cwd(), env, ...(options.config ? { configPath: options.config } : {}) });
      // Overrides made at runtime (and contact-test findings) from the store or the server.
      const { storedOnCall } = await import('./oncall-changes-desk.js');
      const stored = await storedOnCall(onCallContext(options), config);
      return {
        people: config.people, teams: config.teams, schedules: stored.schedules, escalationPolicies: config.escalationPolicies,
        services: config.services, severityPolicy: config.policy, displayTimeZone: config.displayTimeZone,
        ...(stored.contactFindings !== undefined ? { contactFindings: stored.contactFindings } : {}),
      };
    },
    async openOnCallChanges(options) {
      const [{ openOnCallChanges }, { resolveConfig }] = await Promise.all([import('./oncall-changes-desk.js'), import('./create-app.js')]);
      const { config } = await resolveConfig({ cwd: process.cwd(), env, ...(options.config ? { configPath: options.config } : {}) });
      return openOnCallChanges(onCallContext(options), config.displayTimeZone);
    },
    async runImport(request, progress) {
      const { runImport } = await import('./import-desk.js');
      return runImport(request, progress, { cwd: process.cwd(), env, now: () => clock.now() });
    },
    async editText(text, fileName) {
      const { editInEditor } = await import('./edit-in-editor.js');
      return editInEditor(text, fileName, env);
    },
    async serve(options, listen, onListening) {
      const app = await open(options, 'server');
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
