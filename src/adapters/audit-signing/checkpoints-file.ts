import type { StoredCheckpoint } from '../../app/ports/index.js';
import { AppError } from '../../domain/errors/index.js';
import { keyIdOf } from './ed25519-signer.js';

/**
 * The exported checkpoints: JSON lines, first one line per public key
 * (`{"type":"key","keyId":…,"publicKey":PEM}`), then one per checkpoint
 * (`{"type":"checkpoint","seq":…,"chainHash":…,"at":…,"atIso":…,"keyId":…,"signature":…}`).
 * Readable and checkable with any Ed25519 tool: the signed text is documented in docs/audit.md.
 */
export function renderCheckpointsFile(checkpoints: readonly StoredCheckpoint[]): string {
  const keys = new Map<string, string>();
  for (const c of checkpoints) if (!keys.has(c.keyId)) keys.set(c.keyId, c.publicKey);
  const lines: string[] = [];
  for (const [keyId, publicKey] of keys) lines.push(JSON.stringify({ type: 'key', keyId, algorithm: 'ed25519', publicKey }));
  for (const c of checkpoints) {
    lines.push(JSON.stringify({ type: 'checkpoint', seq: c.seq, chainHash: c.chainHash, at: c.at, atIso: new Date(c.at).toISOString(), keyId: c.keyId, signature: c.signature }));
  }
  return lines.map((l) => l + '\n').join('');
}

/** Reads an exported file; a key line whose id does not match its key is refused. */
export function parseCheckpointsFile(text: string, file: string): { checkpoints: StoredCheckpoint[]; keys: Map<string, string> } {
  const keys = new Map<string, string>();
  const raw: Omit<StoredCheckpoint, 'publicKey'>[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const bad = (why: string) => new AppError('VALIDATION', `${file} line ${i + 1}: ${why}`, { issues: [{ path: 'checkpoints', line: i + 1, message: why }] });
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw bad('not JSON');
    }
    if (v['type'] === 'key') {
      if (typeof v['keyId'] !== 'string' || typeof v['publicKey'] !== 'string') throw bad('a key line needs keyId and publicKey');
      let actual: string;
      try {
        actual = keyIdOf(v['publicKey']);
      } catch {
        throw bad('publicKey is not a PEM public key');
      }
      if (actual !== v['keyId']) throw bad(`keyId ${v['keyId']} is not the id of the key on that line (${actual})`);
      keys.set(v['keyId'], v['publicKey']);
    } else if (v['type'] === 'checkpoint') {
      const { seq, chainHash, at, keyId, signature } = v;
      if (typeof seq !== 'number' || typeof chainHash !== 'string' || typeof at !== 'number' || typeof keyId !== 'string' || typeof signature !== 'string') {
        throw bad('a checkpoint line needs seq, chainHash, at, keyId and signature');
      }
      raw.push({ seq, chainHash, at, keyId, signature });
    } else {
      throw bad('expected "type": "key" or "checkpoint"');
    }
  });
  return { checkpoints: raw.map((c) => ({ ...c, publicKey: keys.get(c.keyId) ?? '' })), keys };
}
