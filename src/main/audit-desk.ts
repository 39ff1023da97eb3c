// Wires the audit trail (verification with signed checkpoints, signing, export, the log) for the CLI and serve.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AuditDesk, AuditLogEntry } from '../adapters/cli/index.js';
import { checkEd25519Signature, generateSigningKeyPair, parseCheckpointsFile, readLastCheckpoint, renderCheckpointsFile, writeLastCheckpoint } from '../adapters/audit-signing/index.js';
import { sha256Hex } from '../adapters/storage/index.js';
import { createCheckpoint, verifyAuditTrail, type CheckpointTrust } from '../app/audit/index.js';
import type { StoredCheckpoint } from '../app/ports/index.js';
import { AppError } from '../domain/errors/index.js';
import { describeIncidentEvent } from '../domain/incident/index.js';
import { configuredTrust, findAuditKey, type AuditKey } from './audit-key.js';
import type { App } from './create-app.js';

export { configuredTrust } from './audit-key.js';

/**
 * Signs a checkpoint of the chain head with `key` (unless one by this key already covers it) and
 * remembers it beside the key when it is newer than the one remembered there.
 */
export async function signAuditCheckpoint(app: App, key: AuditKey): Promise<{ checkpoint: StoredCheckpoint; created: boolean }> {
  const result = await createCheckpoint(app.store, key.signer, app.clock, sha256Hex);
  const known = readLastCheckpoint(key.stateFile);
  if (known === undefined || known.ordinal < result.checkpoint.ordinal) {
    const { publicKey: _key, ...checkpoint } = result.checkpoint;
    writeLastCheckpoint(key.stateFile, checkpoint);
  }
  return result;
}

export function openAuditDesk(app: App, cwd: string): AuditDesk {
  return {
    async verify(options) {
      let trust: CheckpointTrust;
      if (options.checkpointsFile !== undefined) {
        const path = resolve(cwd, options.checkpointsFile);
        let text: string;
        try {
          text = await readFile(path, 'utf8');
        } catch (e) {
          throw new AppError('VALIDATION', `cannot read the checkpoints file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { issues: [{ path: 'checkpoints', message: 'cannot be read' }] });
        }
        const parsed = parseCheckpointsFile(text, path);
        trust = { kind: 'file', checkpoints: parsed.checkpoints, keys: parsed.keys };
      } else {
        trust = configuredTrust(app, cwd);
      }
      return verifyAuditTrail(app.store, sha256Hex, checkEd25519Signature, trust);
    },
    async checkpoint() {
      // The same key serve uses: the configured one, else the default key file (created on first use).
      const key = findAuditKey(app, cwd, { create: true });
      if (key === undefined) throw new AppError('INTERNAL', 'the default audit signing key was neither found nor created');
      const { checkpoint, created } = await signAuditCheckpoint(app, key);
      return { seq: checkpoint.seq, ordinal: checkpoint.ordinal, chainHash: checkpoint.chainHash, at: new Date(checkpoint.at).toISOString(), keyId: checkpoint.keyId, keyFile: key.location, created };
    },
    async exportCheckpoints(file) {
      const path = resolve(cwd, file);
      const checkpoints = await app.store.listCheckpoints();
      await writeFile(path, renderCheckpointsFile(checkpoints), 'utf8');
      return { path, count: checkpoints.length, keyIds: [...new Set(checkpoints.map((c) => c.keyId))] };
    },
    async log(options) {
      const admin = await app.store.readAdminAudit({ limit: options.limit, ...(options.since === undefined ? {} : { since: options.since }) });
      const head = await app.store.chainHead();
      const events = await app.store.readChain(Math.max(0, head.seq - options.limit), options.limit);
      const entries: AuditLogEntry[] = [
        ...admin.map((a): AuditLogEntry => ({ at: new Date(a.at).toISOString(), actor: a.actor, action: a.action, subject: a.subject, detail: Object.keys(a.detail).length ? JSON.stringify(a.detail) : '', source: 'admin' })),
        ...events
          .filter((e) => options.since === undefined || e.at >= options.since)
          .map((e): AuditLogEntry => {
            const text = describeIncidentEvent({ incidentId: e.incidentId, version: e.version, at: e.at as never, actor: e.actor, data: JSON.parse(e.dataJson) as never });
            return { at: new Date(e.at).toISOString(), actor: e.actor, action: e.kind, subject: `${e.incidentId} #${e.seq}`, detail: text, source: 'incident' };
          }),
      ];
      entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
      return entries.slice(0, options.limit);
    },
  };
}

/** `audit keygen`: a new key pair; the private key file is created 0600 and refused if it exists. */
export async function writeSigningKeyPair(out: string, cwd: string): Promise<{ privateKeyPath: string; publicKeyPath: string; keyId: string }> {
  const privateKeyPath = resolve(cwd, out);
  const publicKeyPath = `${privateKeyPath}.pub`;
  const pair = generateSigningKeyPair();
  try {
    await writeFile(privateKeyPath, pair.privateKeyPem, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError('VALIDATION', code === 'EEXIST' ? `${privateKeyPath} already exists; keys are never overwritten. Choose another --out.` : `cannot write ${privateKeyPath}: ${code ?? String(e)}`, {
      issues: [{ path: 'out', message: code === 'EEXIST' ? 'exists' : 'cannot write' }],
    });
  }
  await chmod(privateKeyPath, 0o600);
  await writeFile(publicKeyPath, pair.publicKeyPem, 'utf8');
  return { privateKeyPath, publicKeyPath, keyId: pair.keyId };
}
