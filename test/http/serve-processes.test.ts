import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/stores.js';
import { startTogether } from '../support/start-together.js';
import { createToken, startServe, type ServeProcess } from './serve-process.js';
import { openSse } from './sse-reader.js';

describe('two serve processes on one PostgreSQL database', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let cwd: string;
  let a: ServeProcess;
  let b: ServeProcess;
  let token: string;
  before(async () => {
    database = await createTestDatabase('postgres');
    env = { DATABASE_URL: database.location };
    cwd = tempDir('ir-serve-');
    token = await createToken(cwd, env, 'both', 'admin');
    [a, b] = await startTogether({ start: startServe(cwd, env), close: (s) => s.stop() }, { start: startServe(cwd, env), close: (s) => s.stop() });
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database.cleanup();
  });

  const declareAt = async (base: string, i: number) => {
    const res = await fetch(`${base}/api/v1/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ severity: 'low', type: 'data', environment: 'staging', title: `concurrent ${i}` }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    return ((await res.json()) as { incident: { id: string } }).incident.id;
  };

  it('declares through both at once with distinct ids, and the audit chain verifies', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => declareAt(i % 2 ? a.url : b.url, i)));
    assert.equal(new Set(ids).size, 20);
    const audit = await runBin(['audit', 'verify'], { cwd, env });
    assert.equal(audit.code, 0, audit.stderr);
    assert.match(audit.stdout, /^OK: \d+ events verified/);
  });

  it('streams on A what was written through B', async () => {
    const stream = await openSse(`${a.url}/api/v1/events/stream`, { authorization: `Bearer ${token}` });
    try {
      await stream.waitFor((f) => f.some((x) => x.comment === 'connected'), 2000, 'the stream to open');
      const id = await declareAt(b.url, 99);
      await stream.waitFor(() => stream.events().some((e) => (e.data ?? '').includes(`"incidentId":"${id}"`)), 1000, `${id} on A`);
    } finally {
      stream.close();
    }
  });
});

describe('serve shuts down gracefully', () => {
  it('finishes a request in flight after SIGTERM, ends open streams, and exits 0', async () => {
    const cwd = tempDir('ir-serve-');
    const env = { IR_DB: `${cwd}/incidents.db` };
    const token = await createToken(cwd, env, 'ops', 'admin');
    const server = await startServe(cwd, env);
    const stream = await openSse(`${server.url}/api/v1/events/stream`, { authorization: `Bearer ${token}` });
    const body = JSON.stringify({ severity: 'high', type: 'outage', environment: 'production', title: 'slow request' });
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${server.url}/api/v1/incidents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      // Half the body now, the rest after the signal: the request is in flight when SIGTERM lands.
      req.write(body.slice(0, 20));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(20)), 300);
      }, 200);
    });
    const done = await answered;
    assert.equal(done.status, 201, done.text);
    assert.equal(await server.exited(), 0, server.output());
    assert.match(server.output(), /shutting down/);
    assert.match(server.output(), /Stopped\./);
    stream.close();
  });
});
