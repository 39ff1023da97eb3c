// The server as `serve` builds it with live detection, in process: a config and rules file in a
// temp directory, a manual clock, tokens per role. The engine is ticked by the test, never by a timer.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createServerLogger } from '../../src/adapters/http/index.js';
import type { AccessRole } from '../../src/domain/access/index.js';
import { epochMs, MINUTE, type EpochMs } from '../../src/domain/time/index.js';
import { createApp, type App } from '../../src/main/create-app.js';
import { createDetection, type Detection } from '../../src/main/create-detection.js';
import { createServer } from '../../src/main/create-server.js';
import { createTestDatabase, type StoreKind, type TestDatabase } from '../support/stores.js';

export interface DetectionServer {
  readonly app: App;
  readonly detection: Detection;
  readonly server: FastifyInstance;
  readonly dir: string;
  now(): EpochMs;
  advance(minutes: number): void;
  request(method: string, url: string, options?: { as?: AccessRole; body?: unknown }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startDetectionServer(kind: StoreKind, files: { configYaml: string; rulesYaml: string; env?: Record<string, string> }, start = epochMs(Date.parse('2026-03-02T10:00:00Z'))): Promise<DetectionServer> {
  const database: TestDatabase = await createTestDatabase(kind);
  const dir = await mkdtemp(join(tmpdir(), 'ir-detection-'));
  await writeFile(join(dir, 'incident-response.yaml'), files.configYaml);
  await writeFile(join(dir, 'triggers.yaml'), files.rulesYaml);
  let now = start;
  const app = await createApp({
    cwd: dir,
    env: { ...files.env, ...(kind === 'postgres' ? { DATABASE_URL: database.location } : {}) },
    ...(kind === 'sqlite' ? { dbPath: database.location } : {}),
    clock: { now: () => now },
  });
  const detection = createDetection(app, { baseDir: dir });
  if (detection === undefined) throw new Error('the config has no detection section');
  const sink = new Writable({ write: (_c, _e, done) => done() });
  const server = createServer(app, { logger: createServerLogger({ level: 'warn', destination: sink }), detection: detection.endpoints });
  await server.ready();
  const admin = { name: 'root', role: 'admin' as const, teams: [] };
  const tokens = new Map<AccessRole, string>();
  for (const role of ['viewer', 'responder', 'commander', 'admin'] as const) {
    tokens.set(role, (await app.tokens.create({ name: `${role}-token`, role, teams: [] }, admin)).token);
  }
  return {
    app,
    detection,
    server,
    dir,
    now: () => now,
    advance(minutes) { now = epochMs(now + minutes * MINUTE); },
    request(method, url, options = {}) {
      const headers: Record<string, string> = options.as ? { authorization: `Bearer ${tokens.get(options.as)}` } : {};
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      return server.inject({ method: method as 'POST', url, headers, ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }) });
    },
    async close() {
      await detection.engine.stop();
      await server.close();
      await app.close();
      await database.cleanup();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
