import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
