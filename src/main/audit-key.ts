// Which Ed25519 key signs and verifies audit checkpoints, and where it and the last checkpoint it signed are kept.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ensureSigningKeyFile, loadSigner, readLastCheckpoint, readPublicKeysIn } from '../adapters/audit-signing/index.js';
import type { CheckpointTrust } from '../app/audit/index.js';
import type { AuditSigner } from '../app/ports/index.js';
import type { App } from './create-app.js';

export interface AuditKey {
  readonly signer: AuditSigner;
  /** Where the key is: its file, or the environment variable holding it. */
  readonly location: string;
  /** The last checkpoint this key signed, kept beside the key (outside the database). */
  readonly stateFile: string;
  /** Whether this call created the key (the first start). */
  readonly created: boolean;
}

/**
 * Without `audit.signing_key_file` or `signing_key_env`, the key lives outside the database: beside
 * the SQLite file (`<db>.audit-key.pem`), or for PostgreSQL under the state directory
 * (`$XDG_STATE_HOME/incident-response/`, else `~/.local/state/incident-response/`), one per
 * database (named by a hash of its URL without the password).
 */
export function defaultAuditKeyFile(app: App): string {
  if (app.database.kind === 'sqlite') return `${app.database.path}.audit-key.pem`;
  const home = app.env['HOME'] || homedir();
  const stateHome = app.env['XDG_STATE_HOME'] || join(home, '.local', 'state');
  return join(stateHome, 'incident-response', `audit-key-${databaseId(app.database.url)}.pem`);
}

function databaseId(url: string): string {
  let text = url;
  try {
    const u = new URL(url);
    u.password = '';
    text = u.toString();
  } catch {
    // Not a URL: hash it as it is (the driver reports it when connecting).
  }
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/**
 * The signing key: the configured one, else the default key file, created (0600) when `create`
 * (serve's first start, `audit checkpoint`). Undefined when there is none and none is created.
 */
export function findAuditKey(app: App, cwd: string, options: { readonly create: boolean }): AuditKey | undefined {
  const a = app.config.audit;
  const fallback = defaultAuditKeyFile(app);
  if (a?.signingKeyFile !== undefined) {
    const file = resolve(cwd, a.signingKeyFile);
    return { signer: loadSigner({ file }), location: file, stateFile: stateFileOf(file), created: false };
  }
  if (a?.signingKeyEnv !== undefined) {
    return { signer: loadSigner({ env: a.signingKeyEnv, value: app.env[a.signingKeyEnv] }), location: `$${a.signingKeyEnv}`, stateFile: stateFileOf(fallback), created: false };
  }
  const created = options.create ? ensureSigningKeyFile(fallback) : false;
  if (!created && !existsSync(fallback)) return undefined;
  return { signer: loadSigner({ file: fallback }), location: fallback, stateFile: stateFileOf(fallback), created };
}

function stateFileOf(keyFile: string): string {
  return `${keyFile}.last-checkpoint.json`;
}

/**
 * What `audit verify` trusts without --checkpoints: the signing key and the public keys (`*.pub`)
 * kept beside it, and the last checkpoint it signed; with no key anywhere, the database's own keys.
 */
export function configuredTrust(app: App, cwd: string): CheckpointTrust {
  const key = findAuditKey(app, cwd, { create: false });
  if (key === undefined) return { kind: 'database' };
  const keyDir = dirname(key.location.startsWith('$') ? defaultAuditKeyFile(app) : key.location);
  const otherKeys = readPublicKeysIn(keyDir);
  otherKeys.delete(key.signer.keyId);
  const known = readLastCheckpoint(key.stateFile);
  return {
    kind: 'configured-key',
    keyId: key.signer.keyId,
    publicKeyPem: key.signer.publicKeyPem,
    keyFile: key.location,
    ...(otherKeys.size > 0 ? { otherKeys } : {}),
    ...(known === undefined ? {} : { known }),
  };
}
