import { createHash, randomFillSync } from 'node:crypto';
import type { SecretSource } from '../app/ports/index.js';

/**
 * Random bytes are drawn from the operating system's CSPRNG a pool at a time, as Node does for
 * `randomUUID`: an alert storm asks for an id per alert, and one `randomBytes` call per id cost
 * more than the rest of naming the alert. Each byte is handed out once.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

function randomBase64Url(bytes: number): string {
  if (bytes > POOL_BYTES / 4) return randomFillSync(Buffer.alloc(bytes)).toString('base64url');
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const text = pool.toString('base64url', offset, offset + bytes);
  // Handed out bytes are overwritten, so no later reader of the pool sees them.
  pool.fill(0, offset, offset + bytes);
  offset += bytes;
  return text;
}

/** Secrets from node:crypto: the operating system's CSPRNG and SHA-256. */
export const nodeSecretSource: SecretSource = {
  randomBase64Url,
  sha256Hex: (text) => createHash('sha256').update(text).digest('hex'),
};
