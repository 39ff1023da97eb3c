// Wires compliance (flags, notifications, the SOC 2 check, reminders) and the evidence bundle writer for the CLI.
import { createHash } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ComplianceDesk } from '../adapters/cli/index.js';
import { checkEd25519Signature } from '../adapters/audit-signing/index.js';
import { renderEvidenceBundle, renderRcaDocument } from '../adapters/report-render/index.js';
import { sha256Hex } from '../adapters/storage/index.js';
import { verifyAuditTrail } from '../app/audit/index.js';
import type { Principal } from '../domain/access/index.js';
import { chainPayload } from '../domain/audit/index.js';
import { AppError } from '../domain/errors/index.js';
import { configuredTrust } from './audit-desk.js';
import type { App } from './create-app.js';

export function openComplianceDesk(app: App, principal: Principal, cwd: string, productVersion: string): ComplianceDesk {
  const service = app.compliance;
  const rca = app.rca;
  return {
    flag: (id, input) => service.flag(id, input, principal),
    notify: (id, input) => service.notify(id, input, principal),
    soc2: (since) => service.soc2(since, principal),
    reminders: () => service.dueReminders(),
    async exportEvidence(id, out) {
      const evidence = await service.evidence(id, principal);
      const dir = resolve(cwd, out);
      await prepareEmptyDirectory(dir);
      const verification = await verifyAuditTrail(app.store, sha256Hex, checkEd25519Signature, configuredTrust(app, cwd));
      const checkpoints = await app.store.listCheckpoints();
      const chain = evidence.events.map((e) => {
        const record = { seq: e.seq, incidentId: e.incidentId, version: e.version, kind: e.data.kind, at: e.at, actor: e.actor, dataJson: JSON.stringify(e.data), prevHash: e.prevHash };
        return { ...record, hash: e.hash, hashVerified: sha256Hex(chainPayload(record)) === e.hash };
      });
      const files = renderEvidenceBundle({
        incident: evidence.incident,
        timeline: evidence.timeline,
        chain,
        verification,
        checkpoints,
        rcaMarkdown: renderRcaDocument(await rca.document(id, principal, { includeHidden: true }), 'markdown', app.config.displayTimeZone),
        generatedAt: new Date(app.clock.now()).toISOString(),
        generatedBy: principal.name,
        productVersion,
      });
      const manifest: string[] = [];
      for (const [name, content] of files) {
        const bytes = Buffer.from(content, 'utf8');
        await writeFile(join(dir, name), bytes, { flag: 'wx' });
        manifest.push(`${createHash('sha256').update(bytes).digest('hex')}  ${name}`);
      }
      await writeFile(join(dir, 'MANIFEST.sha256'), manifest.join('\n') + '\n', { flag: 'wx' });
      await app.store.recordAdminAudit({ at: app.clock.now(), actor: principal.name, action: 'evidence.export', subject: id, detail: { files: files.size + 1, auditOk: verification.ok } });
      return { dir, files: [...files.keys(), 'MANIFEST.sha256'], auditOk: verification.ok };
    },
  };
}

/** Creates `dir`; refuses one that exists with files in it, so a bundle never mixes with other files. */
async function prepareEmptyDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const present = await readdir(dir);
    if (present.length > 0) {
      throw new AppError('VALIDATION', `${dir} is not empty; the evidence bundle goes into a new or empty directory.`, { issues: [{ path: 'out', message: 'directory not empty' }] });
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('VALIDATION', `cannot create ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { issues: [{ path: 'out', message: 'cannot create' }] });
  }
}
