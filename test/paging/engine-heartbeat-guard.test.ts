// The engine's outbound heartbeat goes through the SSRF guard like every other outbound request:
// a heartbeat URL on 127.0.0.1 is refused (and never reached) unless channels.allow_private_addresses
// lists it. Run on SQLite and PostgreSQL, through the engine `serve` builds.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { epochMs } from '../../src/domain/time/index.js';
import { createApp } from '../../src/main/create-app.js';
import { createPagingEngine } from '../../src/main/create-paging-engine.js';
import { createTestDatabase, STORE_KINDS, type StoreKind } from '../support/stores.js';

let server: Server;
let url: string;
const hits: string[] = [];
let onHit: (() => void) | undefined;

before(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('ok');
    onHit?.();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ping/engine-uuid`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Starts the engine `serve` would start on `configYaml`, until the first heartbeat is reached or refused. */
async function firstHeartbeat(kind: StoreKind, configYaml: string): Promise<{ reached: boolean; warnings: string[] }> {
  const database = await createTestDatabase(kind);
  const cwd = await mkdtemp(join(tmpdir(), 'ir-heartbeat-'));
  await writeFile(join(cwd, 'incident-response.yaml'), configYaml);
  const app = await createApp({
    cwd, env: kind === 'postgres' ? { DATABASE_URL: database.location } : {}, ...(kind === 'sqlite' ? { dbPath: database.location } : {}), clock: { now: () => epochMs(Date.now()) },
  });
  const warnings: string[] = [];
  let engine: ReturnType<typeof createPagingEngine> | undefined;
  try {
    const outcome = await new Promise<{ reached: boolean }>((resolve) => {
      onHit = () => resolve({ reached: true });
      const log = {
        info: () => undefined,
        error: () => undefined,
        warn: (o: object, msg: string) => {
          warnings.push(`${msg}: ${JSON.stringify(o)}`);
          if (msg === 'engine heartbeat ping failed') resolve({ reached: false });
        },
      };
      engine = createPagingEngine(app, log);
      engine.start();
    });
    return { ...outcome, warnings };
  } finally {
    onHit = undefined;
    await engine?.stop();
    await app.close().catch(() => undefined);
    await database.cleanup();
    await rm(cwd, { recursive: true, force: true });
  }
}

for (const kind of STORE_KINDS) {
  describe(`the engine heartbeat and the SSRF guard (${kind})`, () => {
    it('refuses a heartbeat URL on 127.0.0.1 and never reaches it', async () => {
      hits.length = 0;
      const { reached, warnings } = await firstHeartbeat(kind, `paging:\n  engine: { heartbeat_url: "${url}" }\n`);
      assert.equal(reached, false);
      assert.deepEqual(hits, []);
      const warning = warnings.find((w) => w.startsWith('engine heartbeat ping failed'))!;
      assert.match(warning, /127\.0\.0\.1 is a loopback, private or link-local address; add it to channels\.allow_private_addresses/);
      assert.ok(!warning.includes('engine-uuid'), 'the URL path (its secret) is not logged');
    });

    it('reaches a heartbeat URL on 127.0.0.1 once it is allow-listed', async () => {
      hits.length = 0;
      const { reached } = await firstHeartbeat(kind, `paging:\n  engine: { heartbeat_url: "${url}" }\nchannels:\n  allow_private_addresses: [127.0.0.1]\n`);
      assert.equal(reached, true);
      assert.deepEqual(hits, ['/ping/engine-uuid']);
    });
  });
}
