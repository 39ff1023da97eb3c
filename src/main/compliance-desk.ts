// Wires compliance (flags, notifications, the SOC 2 check, reminders) and the evidence bundle for the CLI and the API.
import type { ComplianceDesk } from '../adapters/cli/index.js';
import { checkEd25519Signature } from '../adapters/audit-signing/index.js';
import { renderEvidenceBundle, renderRcaDocument } from '../adapters/report-render/index.js';
import { sha256Hex } from '../adapters/storage/index.js';
import { verifyAuditTrail } from '../app/audit/index.js';
import type { Principal } from '../domain/access/index.js';
import { chainPayload } from '../domain/audit/index.js';
import type { ComplianceReminder } from '../domain/compliance/index.js';
import { IncidentVisibility } from '../app/visibility/index.js';
import { configuredTrust } from './audit-desk.js';
import type { App } from './create-app.js';

export function openComplianceDesk(app: App, principal: Principal, cwd: string, productVersion: string): ComplianceDesk {
  const service = app.compliance;
  const rca = app.rca;
  return {
    flag: (id, input) => service.flag(id, input, principal),
    notify: (id, input) => service.notify(id, input, principal),
    soc2: (since) => service.soc2(since, principal),
    reminders: () => visibleComplianceReminders(app, principal),
    async evidenceBundle(id) {
      const evidence = await service.evidence(id, principal);
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
      // Its manifest is the writer's: files plus MANIFEST.sha256.
      await app.store.recordAdminAudit({ at: app.clock.now(), actor: principal.name, action: 'evidence.export', subject: id, detail: { files: files.size + 1, auditOk: verification.ok } });
      return { files: [...files].map(([name, content]) => ({ name, content })), auditOk: verification.ok };
    },
  };
}

/** Compliance reminders due now, of the incidents the principal may see. */
export async function visibleComplianceReminders(app: App, principal: Principal): Promise<ComplianceReminder[]> {
  const visibility = new IncidentVisibility(app.store, principal);
  const due = await app.compliance.dueReminders();
  const seen = await Promise.all(due.map((r) => visibility.canSee(r.incidentId)));
  return due.filter((_, i) => seen[i]);
}
