import type { AuditTrailResult } from '../../app/audit/index.js';
import type { IncidentDto, TimelineEntryDto } from '../../app/incidents/index.js';
import type { ChainRecord } from '../../domain/audit/index.js';

/** One event of the incident as it sits in the hash chain, with the text that was hashed. */
export interface EvidenceChainRecord extends ChainRecord {
  /** sha256(payload) recomputed at export equals `hash`. */
  readonly hashVerified: boolean;
}

export interface EvidenceInput {
  readonly incident: IncidentDto;
  readonly timeline: readonly TimelineEntryDto[];
  readonly chain: readonly EvidenceChainRecord[];
  readonly verification: AuditTrailResult;
  readonly checkpoints: readonly { seq: number; chainHash: string; at: number; keyId: string; signature: string; publicKey: string }[];
  readonly rcaMarkdown: string;
  readonly generatedAt: string;
  readonly generatedBy: string;
  readonly productVersion: string;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/**
 * The files of an evidence bundle (name → content), all plain text an auditor reads without our
 * tool. The manifest is added by the writer, over the bytes actually written.
 */
export function renderEvidenceBundle(e: EvidenceInput): Map<string, string> {
  const files = new Map<string, string>();
  const i = e.incident;
  files.set('README.txt', [
    `Evidence bundle for incident ${i.id}: ${i.title}`,
    `Generated ${e.generatedAt} by ${e.generatedBy} with incident-response ${e.productVersion}.`,
    '',
    'Files',
    '  incident.json            the incident as recorded: classification, status, clocks, roles, compliance flags and obligations',
    '  timeline.md              every event of the incident in order, with its global sequence number, time (UTC) and actor',
    '  audit-chain.json         the incident\'s events as stored in the hash chain, the verification of the whole chain',
    '                           and its signed checkpoints (Ed25519) at export time',
    '  rca.md                   the root-cause analysis: summary, reconstructed timeline, root cause, factors, corrective actions',
    '  communications.md        status updates posted, message deliveries (pages, e-mails, …) and regulatory notifications',
    '  compliance-checklist.md  each compliance obligation, its legal basis, deadline, status and the notifications made',
    '  MANIFEST.sha256          SHA-256 of every other file; check with "sha256sum -c MANIFEST.sha256"',
    '',
    'How to check the audit chain yourself',
    '  Each event\'s hash is SHA-256 (hex) of the UTF-8 JSON array',
    '    [seq, incidentId, version, kind, at, actor, dataJson, prevHash]',
    '  where `at` is milliseconds since 1970-01-01 UTC and `dataJson` is the string in audit-chain.json.',
    '  `prevHash` is the hash of the event with the previous sequence number (of any incident), so gaps in',
    '  this incident\'s sequence numbers are other incidents\' events. A checkpoint signs, with Ed25519, the',
    '  UTF-8 JSON array ["incident-response audit checkpoint v1", seq, chainHash, at, keyId]; the public keys',
    '  are in audit-chain.json.',
    '',
  ].join('\n'));
  files.set('incident.json', JSON.stringify(i, null, 2) + '\n');

  const tl = [`# Timeline of ${i.id}: ${i.title}`, '', '| seq | time (UTC) | actor | event |', '|---:|---|---|---|'];
  for (const t of e.timeline) tl.push(`| ${t.seq} | ${t.at.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z')} | ${cell(t.actor)} | ${cell(t.text)} |`);
  files.set('timeline.md', tl.join('\n') + '\n');

  files.set('audit-chain.json', JSON.stringify({
    hashAlgorithm: 'sha256',
    hashedPayload: 'JSON.stringify([seq, incidentId, version, kind, at, actor, dataJson, prevHash])',
    verification: e.verification,
    incidentEvents: e.chain,
    checkpoints: e.checkpoints.map((c) => ({ ...c, atIso: new Date(c.at).toISOString() })),
  }, null, 2) + '\n');

  files.set('rca.md', e.rcaMarkdown.endsWith('\n') ? e.rcaMarkdown : e.rcaMarkdown + '\n');

  const comms = [`# Communications of ${i.id}`, '', '## Status updates', ''];
  const updates = e.timeline.filter((t) => t.kind === 'status-updated' || t.kind === 'resolved');
  if (updates.length === 0) comms.push('None posted.');
  for (const u of updates) comms.push(`- ${u.at.replace(/\.\d{3}Z$/, 'Z')} [#${u.seq}] ${u.actor}: ${u.text}`);
  comms.push('', '## Message deliveries', '');
  const deliveries = e.timeline.filter((t) => t.kind === 'message-delivery' || t.kind === 'escalation-step');
  if (deliveries.length === 0) comms.push('None recorded.');
  for (const d of deliveries) comms.push(`- ${d.at.replace(/\.\d{3}Z$/, 'Z')} [#${d.seq}] ${d.text}`);
  comms.push('', '## Regulatory notifications', '');
  const notices = e.timeline.filter((t) => t.kind === 'compliance-notified');
  if (notices.length === 0) comms.push('None recorded.');
  for (const n of notices) comms.push(`- ${n.at.replace(/\.\d{3}Z$/, 'Z')} [#${n.seq}] ${n.text}`);
  files.set('communications.md', comms.join('\n') + '\n');

  const cl = [`# Compliance checklist of ${i.id}`, ''];
  if (i.compliance.flags.length === 0) cl.push('The incident is not flagged with any compliance regime.');
  for (const f of i.compliance.flags) {
    cl.push(`## ${f.label}`, '', `Aware since ${f.awareAt} (flagged ${f.flaggedAt} by ${f.flaggedBy})${f.individuals === null ? '' : `; ${f.individuals} individuals`}${f.highRisk ? '; high risk' : ''}${f.note ? `. ${f.note}` : ''}`, '');
    cl.push('| obligation | basis | due (UTC) | status | first notified | notifications |', '|---|---|---|---|---|---|');
    for (const o of i.compliance.obligations.filter((x) => x.regime === f.regime)) {
      const sent = o.notifications.map((n) => `${n.at} ${n.phase} to ${n.to} (${n.by})${n.note ? ` — ${n.note}` : ''}`).join('; ') || '-';
      cl.push(`| ${cell(o.title)} | ${cell(o.basis)} | ${o.dueAt ?? 'without undue delay'} | ${o.status} | ${o.firstNotifiedAt ?? '-'} | ${cell(sent)} |`);
    }
    cl.push('');
  }
  files.set('compliance-checklist.md', cl.join('\n') + '\n');
  return files;
}
