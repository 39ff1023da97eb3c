// Web Push: the VAPID key pair (from the configured variables, else a file created on first use
// beside the database, like the audit key), and the subscriptions of signed-in people.
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import webpush from 'web-push';
import type { VapidIdentity } from '../adapters/notify/index.js';
import { PushSubscriptions } from '../app/push/index.js';
import { AppError } from '../domain/errors/index.js';
import { defaultAuditKeyFile } from './audit-key.js';
import type { App } from './create-app.js';

/** Beside the SQLite file (`<db>.vapid-keys.json`), or under the state directory for PostgreSQL (one per database). */
export function defaultVapidKeyFile(app: App): string {
  return defaultAuditKeyFile(app).replace(/audit-key(-[0-9a-f]+)?\.pem$/, (_m, id: string | undefined) => `vapid-keys${id ?? ''}.json`);
}

const identities = new WeakMap<App, VapidIdentity>();

/**
 * The VAPID identity when `channels.web_push` is configured: the key pair from its two variables,
 * else from the key file, created (0600) the first time it is needed. The same pair must stay in
 * use: browsers' subscriptions are bound to the public key they subscribed with.
 */
export function vapidIdentity(app: App): VapidIdentity | undefined {
  const config = app.config.channels?.webPush;
  if (config === undefined) return undefined;
  const known = identities.get(app);
  if (known !== undefined) return known;
  let keys: { publicKey: string; privateKey: string };
  if (config.vapidPublicKeyEnv !== undefined && config.vapidPrivateKeyEnv !== undefined) {
    const publicKey = app.env[config.vapidPublicKeyEnv]?.trim();
    const privateKey = app.env[config.vapidPrivateKeyEnv]?.trim();
    if (!publicKey || !privateKey) {
      const missing = !publicKey ? config.vapidPublicKeyEnv : config.vapidPrivateKeyEnv;
      throw new AppError('CONFIG_INVALID', `The environment variable ${missing} (a VAPID key for channels.web_push) is not set. Set both keys, e.g. from "npx web-push generate-vapid-keys", or leave vapid_public_key_env and vapid_private_key_env out to have a pair kept beside the database.`);
    }
    keys = { publicKey, privateKey };
  } else {
    keys = ensureKeyFile(defaultVapidKeyFile(app));
  }
  try {
    // Checks the pair's encoding and the subject as web-push will when sending.
    webpush.getVapidHeaders('https://push.example', config.subject, keys.publicKey, keys.privateKey, 'aes128gcm');
  } catch (e) {
    throw new AppError('CONFIG_INVALID', `The VAPID keys of channels.web_push cannot be used: ${e instanceof Error ? e.message : String(e)}. Give a pair made by "npx web-push generate-vapid-keys".`);
  }
  const identity: VapidIdentity = { subject: config.subject, ...keys };
  identities.set(app, identity);
  return identity;
}

function ensureKeyFile(path: string): { publicKey: string; privateKey: string } {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, `${JSON.stringify(webpush.generateVAPIDKeys(), null, 2)}\n`, { flag: 'wx', mode: 0o600 });
      chmodSync(temporary, 0o600);
      // link() refuses an existing name: when two processes start together, the first pair wins.
      linkSync(temporary, path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new AppError('CONFIG_INVALID', `Cannot create the Web Push key file ${path}: ${code ?? 'unwritable'}. Make its directory writable, or set channels.web_push.vapid_public_key_env and vapid_private_key_env.`);
      }
    } finally {
      rmSync(temporary, { force: true });
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    parsed = undefined;
  }
  const p = parsed as { publicKey?: unknown; privateKey?: unknown } | undefined;
  if (typeof p?.publicKey !== 'string' || typeof p.privateKey !== 'string') {
    throw new AppError('CONFIG_INVALID', `The Web Push key file ${path} is not a VAPID key pair ({"publicKey": …, "privateKey": …}). Restore it from a backup; a new pair would need every browser to subscribe again.`);
  }
  return { publicKey: p.publicKey, privateKey: p.privateKey };
}

/** What the notifier needs for Web Push, when it is configured. */
export function webPushEnvironment(app: App): { webPush?: { vapid: VapidIdentity; subscriptions: App['store']; appUrl?: string } } {
  const vapid = vapidIdentity(app);
  if (vapid === undefined) return {};
  const appUrl = app.config.paging.appUrl;
  return { webPush: { vapid, subscriptions: app.store, ...(appUrl === undefined ? {} : { appUrl }) } };
}

/** Subscribing people's browsers. */
export function pushSubscriptions(app: App): PushSubscriptions {
  return new PushSubscriptions(app.store, app.config.people);
}
