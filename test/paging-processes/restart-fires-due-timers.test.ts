// The server is down while pages fall due: an incident declared 40 minutes ago (its first page
// never sent, its second step due 10 minutes ago). Within 5 s of the restarted server listening,
// both pages arrive — once each, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';
import { createTestDatabase, STORE_KINDS, type TestDatabase } from '../support/stores.js';
import { waitFor } from '../e2e/e2e-support.js';
import { startServe, type ServeProcess } from '../http/serve-process.js';
import { pagingConfig, startReceiver, WEBHOOK_SECRET } from './receiver.js';

for (const kind of STORE_KINDS) {
  describe(`a restarted server fires what fell due while it was down (${kind})`, () => {
    const cleanups: (() => Promise<unknown>)[] = [];
    after(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    it('sends both late pages within 5 s of starting, and nothing twice', async () => {
      const db: TestDatabase = await createTestDatabase(kind);
      cleanups.push(() => db.cleanup());
      const receiver = await startReceiver();
      cleanups.push(() => receiver.close());
      const dir = tempDir('ir-restart-');
      writeFileSync(join(dir, 'incident-response.yaml'), pagingConfig(receiver.url));
      const env: Record<string, string> = { IR_TEST_WEBHOOK_SECRET: WEBHOOK_SECRET, ...(kind === 'postgres' ? { DATABASE_URL: db.location } : { IR_DB: db.location }) };

      const fortyMinutesAgo = new Date(Date.now() - 40 * 60_000).toISOString();
      const declared = await runBin(['high', 'outage', 'production', '--title', 'Shard down', '--service', 'shard'], { cwd: dir, env: { ...env, IR_NOW: fortyMinutesAgo } });
      assert.equal(declared.code, 0, declared.stderr);

      const server: ServeProcess = await startServe(dir, env);
      cleanups.push(() => server.stop());
      const listeningAt = Date.now();
      await waitFor('both late pages', async () => (receiver.deliveries.length >= 2 ? true : undefined), 5_000, 50);
      assert.ok(receiver.deliveries.every((d) => d.at - listeningAt <= 5_000));
      await new Promise((r) => setTimeout(r, 1_000));
      assert.equal(receiver.deliveries.length, 2, 'nothing twice');
      assert.equal(new Set(receiver.deliveries.map((d) => d.webhookId)).size, 2);
    });
  });
}
