// Two `serve` processes on one PostgreSQL database. 1,000 pages fall due in the same second: each
// arrives exactly once. Then 1,000 more, and one server is killed (SIGKILL) mid-flight: none is
// lost; the only repeats are messages that were in flight in the killed process, re-sent with the
// same webhook-id so the receiver can tell.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/main/create-app.js';
import { createClock } from '../../src/main/system-clock.js';
import { tempDir } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/stores.js';
import { waitFor } from '../e2e/e2e-support.js';
import { startServe, type ServeProcess } from '../http/serve-process.js';
import { pagingConfig, startReceiver, WEBHOOK_SECRET, type Receiver } from './receiver.js';

const PAGES = 1000;

describe('two servers on PostgreSQL page exactly once', () => {
  let db: TestDatabase;
  let receiver: Receiver;
  let dir: string;
  let env: Record<string, string>;
  const servers: ServeProcess[] = [];

  before(async () => {
    db = await createTestDatabase('postgres');
    receiver = await startReceiver();
    dir = tempDir('ir-ha-');
    writeFileSync(join(dir, 'incident-response.yaml'), pagingConfig(receiver.url));
    env = { DATABASE_URL: db.location, IR_TEST_WEBHOOK_SECRET: WEBHOOK_SECRET };
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await receiver.close();
    await db.cleanup();
  });

  /** Declares `count` SEV-2 incidents with every server stopped, so all their first pages are due at once. */
  async function declare(count: number, from: number): Promise<void> {
    const app = await createApp({ cwd: dir, env, configPath: join(dir, 'incident-response.yaml'), clock: createClock({}) });
    try {
      for (let i = 0; i < count; i++) {
        await app.incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: `Shard ${from + i} down`, service: 'shard' }, { name: 'loadgen' });
      }
    } finally {
      await app.close();
    }
  }

  it(`delivers ${PAGES} pages due in the same second once each`, async () => {
    await declare(PAGES, 0);
    // Each server is kept as soon as it listens, so after() stops it even if the next one fails to start.
    for (let i = 0; i < 2; i++) servers.push(await startServe(dir, env));
    await waitFor(`${PAGES} pages`, async () => (receiver.distinct() >= PAGES ? true : undefined), 120_000);
    // Let any straggler arrive before counting repeats.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(receiver.distinct(), PAGES);
    assert.equal(receiver.deliveries.length, PAGES, 'no page arrived twice');
    const incidents = new Set(receiver.deliveries.map((d) => d.body.data?.incident?.id));
    assert.equal(incidents.size, PAGES, 'one page per incident');
  });

  it('loses none when one server is killed mid-flight', async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    const before = receiver.deliveries.length;
    await declare(PAGES, PAGES);
    for (let i = 0; i < 2; i++) servers.push(await startServe(dir, env));
    const [a, b] = servers as [ServeProcess, ServeProcess];
    await waitFor('the first pages of the second batch', async () => (receiver.deliveries.length - before >= 100 ? true : undefined), 60_000, 20);
    a.child.kill('SIGKILL');
    await a.exited();
    await waitFor(`all ${PAGES} pages of the second batch`, async () => (receiver.distinct() >= 2 * PAGES ? true : undefined), 120_000);
    await new Promise((r) => setTimeout(r, 1500));
    const second = receiver.deliveries.slice(before);
    const distinct = new Set(second.map((d) => d.webhookId)).size;
    assert.equal(distinct, PAGES, 'every page of the second batch arrived');
    const repeats = second.length - distinct;
    // Only what the killed process had sent and not yet recorded can go out again: it holds at most 200 unrecorded.
    assert.ok(repeats <= 200, `${repeats} repeats`);
    assert.match(b.output(), /Listening/);
  });
});
