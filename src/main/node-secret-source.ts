import { createHash, randomBytes } from 'node:crypto';
import type { SecretSource } from '../app/ports/index.js';

/** Secrets from node:crypto: the operating system's CSPRNG and SHA-256. */
export const nodeSecretSource: SecretSource = {
  randomBase64Url: (bytes) => randomBytes(bytes).toString('base64url'),
  sha256Hex: (text) => createHash('sha256').update(text).digest('hex'),
};
