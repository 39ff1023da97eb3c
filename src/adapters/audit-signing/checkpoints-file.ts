import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { StoredCheckpoint } from '../../app/ports/index.js';
import type { AuditCheckpoint } from '../../domain/audit/index.js';
import { AppError } from '../../domain/errors/index.js';
import { keyIdOf } from './ed25519-signer.js';

/**
 * The exported checkpoints: JSON lines, first one line per public key
 * (`{"type":"key","keyId":…,"publicKey":PEM}`), then one per checkpoint
 * (`{"type":"checkpoint","ordinal":…,"prevHash":…,"seq":…,"chainHash":…,"at":…,"atIso":…,"keyId":…,"signature":…}`;
 * `prevHash` null for checkpoints signed before checkpoints were chained).
 * Readable and checkable with any Ed25519 tool: the signed text is documented in docs/audit.md.
 */
export function renderCheckpointsFile(checkpoints: readonly StoredCheckpoint[]): string {
  const keys = new Map<string, string>();
  for (const c of checkpoints) if (!keys.has(c.keyId)) keys.set(c.keyId, c.publicKey);
  const lines: string[] = [];
  for (const [keyId, publicKey] of keys) lines.push(JSON.stringify({ type: 'key', keyId, algorithm: 'ed25519', publicKey }));
  for (const c of checkpoints) lines.push(checkpointLine(c));
  return lines.map((l) => l + '\n').join('');
}

function checkpointLine(c: AuditCheckpoint): string {
  return JSON.stringify({ type: 'checkpoint', ordinal: c.ordinal, prevHash: c.prevHash, seq: c.seq, chainHash: c.chainHash, at: c.at, atIso: new Date(c.at).toISOString(), keyId: c.keyId, signature: c.signature });
}

/**
 * The local state kept beside the signing key: the last checkpoint it signed, as one checkpoint
 * line (its own signature protects it). Written to a new file renamed over the old one, mode 0600.
 */
export function writeLastCheckpoint(path: string, checkpoint: AuditCheckpoint): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, checkpointLine(checkpoint) + '\n', { mode: 0o600 });
  renameSync(temporary, path);
}

/** The last checkpoint remembered at `path`, undefined when there is no such file. */
export function readLastCheckpoint(path: string): AuditCheckpoint | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('CONFIG_INVALID', `Cannot read the audit checkpoint state ${path}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}. Make it readable by this user, or move it aside to stop comparing against it.`);
  }
  const { checkpoints } = parseCheckpointsFile(text, path);
  const last = checkpoints[checkpoints.length - 1];
  if (last === undefined || last.prevHash === null) {
    throw new AppError('CONFIG_INVALID', `The audit checkpoint state ${path} holds no chained checkpoint. Move it aside; the next checkpoint signed writes it again.`);
  }
  const { publicKey: _none, ...checkpoint } = last;
  return checkpoint;
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
      const { seq, chainHash, at, keyId, signature, ordinal, prevHash } = v;
      if (typeof seq !== 'number' || typeof chainHash !== 'string' || typeof at !== 'number' || typeof keyId !== 'string' || typeof signature !== 'string') {
        throw bad('a checkpoint line needs seq, chainHash, at, keyId and signature');
      }
      if ((ordinal !== undefined && typeof ordinal !== 'number') || (prevHash !== undefined && prevHash !== null && typeof prevHash !== 'string')) {
        throw bad('ordinal must be a number and prevHash a string or null');
      }
      // Files exported before checkpoints were chained have neither: v1 checkpoints, numbered in file order.
      raw.push({ ordinal: typeof ordinal === 'number' ? ordinal : raw.length + 1, prevHash: typeof prevHash === 'string' ? prevHash : null, seq, chainHash, at, keyId, signature });
    } else {
      throw bad('expected "type": "key" or "checkpoint"');
    }
  });
  return { checkpoints: raw.map((c) => ({ ...c, publicKey: keys.get(c.keyId) ?? '' })), keys };
}
