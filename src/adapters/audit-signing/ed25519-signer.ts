import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AuditSigner, SignatureCheck } from '../../app/ports/index.js';
import { AppError } from '../../domain/errors/index.js';

/** Where the private key comes from (config `audit.signing_key_file` / `audit.signing_key_env`). */
export type SigningKeySource = { readonly file: string } | { readonly env: string; readonly value: string | undefined };

/** A new Ed25519 key pair as PKCS#8 / SPKI PEM. */
export function generateSigningKeyPair(): { privateKeyPem: string; publicKeyPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKeyPem, keyId: keyIdOf(publicKey) };
}

/** The first 16 hex digits of SHA-256 over the public key's DER. */
export function keyIdOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/**
 * Loads the private key and returns a signer. Errors name the file or variable, never the key
 * material (which is never logged or printed).
 */
export function loadSigner(source: SigningKeySource): AuditSigner {
  const where = 'file' in source ? `audit.signing_key_file '${source.file}'` : `the environment variable ${source.env} (audit.signing_key_env)`;
  let pem: string;
  if ('file' in source) {
    try {
      pem = readFileSync(source.file, 'utf8');
    } catch (e) {
      throw new AppError('CONFIG_INVALID', `Cannot read the audit signing key from ${where}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}.`, {
        issues: [{ path: 'audit.signing_key_file', message: 'cannot be read' }],
        hint: 'Create one with "incident-response audit keygen --out FILE".',
      });
    }
  } else {
    if (source.value === undefined || source.value.trim() === '') {
      throw new AppError('CONFIG_INVALID', `The audit signing key is configured in ${where}, but it is not set.`, { issues: [{ path: 'audit.signing_key_env', message: 'variable not set' }] });
    }
    pem = source.value.replace(/\\n/g, '\n');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new AppError('CONFIG_INVALID', `The audit signing key in ${where} is not a PEM private key.`, { issues: [{ path: 'file' in source ? 'audit.signing_key_file' : 'audit.signing_key_env', message: 'not a PEM private key' }] });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new AppError('CONFIG_INVALID', `The audit signing key in ${where} is a ${privateKey.asymmetricKeyType ?? 'unknown'} key; checkpoints are signed with Ed25519.`, {
      issues: [{ path: 'file' in source ? 'audit.signing_key_file' : 'audit.signing_key_env', message: 'not an Ed25519 key' }],
      hint: 'Create one with "incident-response audit keygen --out FILE".',
    });
  }
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (payload) => sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64'),
  };
}

export const checkEd25519Signature: SignatureCheck = (publicKeyPem, payload, signature) => {
  try {
    return verify(null, Buffer.from(payload, 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
};

/**
 * Creates a key pair at `path` (private key, mode 0600, in a directory created 0700) and `path.pub`
 * unless a key is already there. Returns whether it created one; two processes starting at once
 * both end up with the same key (the file is created exclusively).
 */
export function ensureSigningKeyFile(path: string): boolean {
  if (existsSync(path)) return false;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const pair = generateSigningKeyPair();
  // Written whole under a temporary name, then published with link(), which refuses an existing
  // name: another process never reads a half-written key, and the first to publish wins.
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, pair.privateKeyPem, { flag: 'wx', mode: 0o600 });
    // The umask may have narrowed the mode further, never widened it; make it exactly 0600.
    chmodSync(temporary, 0o600);
    linkSync(temporary, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    throw new AppError('CONFIG_INVALID', `Cannot create the audit signing key ${path}: ${code ?? 'unwritable'}. Make its directory writable, or set audit.signing_key_file to a key created with "incident-response audit keygen".`, {
      issues: [{ path: 'audit.signing_key_file', message: 'cannot be created' }],
    });
  } finally {
    rmSync(temporary, { force: true });
  }
  writeFileSync(`${path}.pub`, pair.publicKeyPem, 'utf8');
  return true;
}

/**
 * Ed25519 public keys kept in `dir` as `*.pub` files (retired signing keys, other servers' keys),
 * by key id. Files that are not Ed25519 public keys are left out.
 */
export function readPublicKeysIn(dir: string): Map<string, string> {
  const keys = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return keys;
  }
  for (const name of names.filter((n) => n.endsWith('.pub')).sort()) {
    try {
      const pem = readFileSync(join(dir, name), 'utf8');
      const key = createPublicKey(pem);
      if (key.asymmetricKeyType === 'ed25519') keys.set(keyIdOf(key), key.export({ type: 'spki', format: 'pem' }).toString());
    } catch {
      // Not a public key (an SSH key, anything else): not ours to trust.
    }
  }
  return keys;
}
