// The VAPID key pair is created once, kept beside the database (0600), and the same pair is used
// after a restart, since browsers' subscriptions are bound to it; configured variables win, and a
// missing one is named.
import assert from 'node:assert/strict';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import webpush from 'web-push';
import { createApp } from '../../src/main/create-app.js';
import { defaultVapidKeyFile, vapidIdentity } from '../../src/main/web-push-wiring.js';
import { createTestDatabase, STORE_KINDS } from '../support/stores.js';
import { T0 } from './paging-world.js';

const YAML = (extra = '') => `people:\n  alice: { contact_methods: [{ kind: push }] }\nchannels:\n  web_push: { subject: "mailto:oncall@example.com"${extra} }\n`;

for (const kind of STORE_KINDS) {
  describe(`VAPID keys (${kind})`, () => {
    it('creates the pair on first use beside the database, readable by the owner only, and keeps it across a restart', async () => {
      const database = await createTestDatabase(kind);
      const cwd = await mkdtemp(join(tmpdir(), 'ir-vapid-'));
      await writeFile(join(cwd, 'incident-response.yaml'), YAML());
      const open = () => createApp({
        cwd, env: { HOME: cwd, ...(kind === 'postgres' ? { DATABASE_URL: database.location } : {}) },
        ...(kind === 'sqlite' ? { dbPath: join(cwd, 'incidents.db') } : {}), clock: { now: () => T0 },
      });
      try {
        const first = await open();
        const identity = vapidIdentity(first)!;
        const file = defaultVapidKeyFile(first);
        assert.match(file, kind === 'sqlite' ? /incidents\.db\.vapid-keys\.json$/ : /\.local\/state\/incident-response\/vapid-keys-[0-9a-f]{12}\.json$/);
        assert.equal((await stat(file)).mode & 0o777, 0o600);
        assert.equal(Buffer.from(identity.publicKey, 'base64url').length, 65);
        await first.close();
        const second = await open();
        assert.equal(vapidIdentity(second)!.publicKey, identity.publicKey);
        await second.close();
      } finally {
        await database.cleanup();
      }
    });
  });
}

describe('VAPID keys from the environment', () => {
  it('uses the configured pair, and names a variable that is not set', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'ir-vapid-'));
    await writeFile(join(cwd, 'incident-response.yaml'), YAML(', vapid_public_key_env: VAPID_PUBLIC_KEY, vapid_private_key_env: VAPID_PRIVATE_KEY'));
    const pair = webpush.generateVAPIDKeys();
    const withKeys = await createApp({ cwd, env: { VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey }, dbPath: join(cwd, 'a.db'), clock: { now: () => T0 } });
    try {
      assert.deepEqual(vapidIdentity(withKeys), { subject: 'mailto:oncall@example.com', ...pair });
    } finally {
      await withKeys.close();
    }
    const missing = await createApp({ cwd, env: { VAPID_PUBLIC_KEY: pair.publicKey }, dbPath: join(cwd, 'b.db'), clock: { now: () => T0 } });
    try {
      assert.throws(() => vapidIdentity(missing), { code: 'CONFIG_INVALID', message: /VAPID_PRIVATE_KEY/ });
    } finally {
      await missing.close();
    }
  });
});
