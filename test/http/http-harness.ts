// An in-process server on a fresh test database, with one token per role (with and without the
// security team) and the log lines captured, for the HTTP tests.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createServerLogger, type ServerTuning } from '../../src/adapters/http/index.js';
import { ACCESS_ROLES, type AccessRole } from '../../src/domain/access/index.js';
import { epochMs } from '../../src/domain/time/index.js';
import { createApp, type App } from '../../src/main/create-app.js';
import { createServer } from '../../src/main/create-server.js';
import { createTestDatabase, type StoreKind, type TestDatabase } from '../support/stores.js';

export type Caller = AccessRole | `security-${AccessRole}`;
export const CALLERS: readonly Caller[] = [...ACCESS_ROLES, ...ACCESS_ROLES.map((r) => `security-${r}` as const)];

export interface Harness {
  readonly kind: StoreKind;
  readonly app: App;
  /** The server's working directory, where its incident-response.yaml is. */
  readonly cwd: string;
  readonly server: FastifyInstance;
  readonly tokens: Record<Caller, string>;
  readonly logs: string[];
  readonly routes: { method: string; url: string }[];
  request(method: string, url: string, options?: { as?: Caller; body?: unknown; headers?: Record<string, string>; payload?: string | Buffer }): Promise<LightMyRequestResponse>;
  /** Listens on 127.0.0.1 on a free port; returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The text of incident-response.yaml in the server's working directory (none: the defaults). */
  readonly configYaml?: string;
  /** Environment variables besides DATABASE_URL (e.g. integration secrets). */
  readonly env?: Readonly<Record<string, string>>;
  /** Serves signing certificates (SNS) instead of the real SNS hosts. */
  readonly fetchSigningCertificate?: (url: string) => Promise<string>;
}

export async function startHarness(kind: StoreKind, tuning: Partial<ServerTuning> = {}, options: HarnessOptions = {}): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase(kind);
  const cwd = await mkdtemp(join(tmpdir(), 'ir-http-'));
  if (options.configYaml !== undefined) await writeFile(join(cwd, 'incident-response.yaml'), options.configYaml);
  const app = await createApp({
    cwd,
    env: { ...options.env, ...(kind === 'postgres' ? { DATABASE_URL: database.location } : {}) },
    ...(kind === 'sqlite' ? { dbPath: database.location } : {}),
    clock: { now: () => epochMs(Date.now()) },
  });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const routes: { method: string; url: string }[] = [];
  const server = createServer(app, {
    logger: createServerLogger({ level: 'debug', destination }),
    tuning: { pollMs: 50, heartbeatMs: 200, ...tuning },
    onRoute: (r) => routes.push(r),
    ...(options.fetchSigningCertificate !== undefined ? { fetchSigningCertificate: options.fetchSigningCertificate } : {}),
  });
  await server.ready();
  const admin = { name: 'root', role: 'admin' as const, teams: [] };
  const tokens = {} as Record<Caller, string>;
  for (const caller of CALLERS) {
    const security = caller.startsWith('security-');
    const role = caller.replace('security-', '') as AccessRole;
    tokens[caller] = (await app.tokens.create({ name: caller, role, teams: security ? ['security'] : [] }, admin)).token;
  }
  return {
    kind,
    app,
    cwd,
    server,
    tokens,
    logs,
    routes,
    request(method, url, options = {}) {
      const headers: Record<string, string> = { ...(options.as ? { authorization: `Bearer ${tokens[options.as]}` } : {}), ...options.headers };
      const payload = options.payload ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      if (payload !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
      return server.inject({ method: method as 'GET', url, headers, ...(payload === undefined ? {} : { payload }) });
    },
    async listen() {
      return server.listen({ host: '127.0.0.1', port: 0 });
    },
    async close() {
      await server.close();
      await app.close();
      await database.cleanup();
      await rm(cwd, { recursive: true, force: true });
    },
  };
}

/** Declares an incident as `caller` through the API and returns its id. */
export async function declare(h: Harness, body: Record<string, unknown>, caller: Caller = 'admin'): Promise<string> {
  const res = await h.request('POST', '/api/v1/incidents', { as: caller, body });
  if (res.statusCode !== 201) throw new Error(`declare failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { incident: { id: string } }).incident.id;
}
