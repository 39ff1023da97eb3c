import type { Command } from 'commander';
import type { AuditResult, AuditTrailResult } from '../../app/audit/index.js';
import type { IncidentApi } from '../../app/incidents/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';
import { EXIT_AUDIT_BROKEN } from './exit-codes.js';
import { parseInstant, parseLimit } from './parse-options.js';
import { padToWidth, terminalText as line } from './render/terminal-text.js';

/** One line of `audit log`: an admin change or an incident event, with actor and time. */
export interface AuditLogEntry {
  readonly at: string;
  readonly actor: string;
  /** "token.create", "config.changed", "sign-in", or the incident event kind. */
  readonly action: string;
  readonly subject: string;
  readonly detail: string;
  readonly source: 'admin' | 'incident';
}

/** The audit trail on the local store, as the CLI sees it. */
export interface AuditDesk {
  /** Chain, head and checkpoints; against an exported checkpoints file when one is given. */
  verify(options: { readonly checkpointsFile?: string }): Promise<AuditTrailResult>;
  checkpoint(): Promise<{ seq: number; ordinal: number; chainHash: string; at: string; keyId: string; keyFile: string; created: boolean }>;
  exportCheckpoints(file: string): Promise<{ path: string; count: number; keyIds: string[] }>;
  log(options: { readonly since?: EpochMs; readonly limit: number }): Promise<AuditLogEntry[]>;
}

export interface AuditCommandDeps {
  withAuditDesk<T>(cmd: Command, work: (desk: AuditDesk) => Promise<T>): Promise<T>;
  /** Set when the command works against a server (--api / IR_API_URL): chain-only verification there. */
  isRemote(cmd: Command): boolean;
  withApi<T>(cmd: Command, work: (api: IncidentApi) => Promise<T>): Promise<T>;
  /** Writes a new key pair (private key file mode 0600, public key beside it). */
  keygen(out: string): Promise<{ privateKeyPath: string; publicKeyPath: string; keyId: string }>;
  now(): number;
  out(text: string): void;
  setExitCode(code: number): void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function registerAuditCommands(audit: Command, deps: AuditCommandDeps): void {
  audit
    .command('verify')
    .description('walk the hash chain and check the signed checkpoints; report OK or the first broken sequence (exit 11)')
    .option('--checkpoints <file>', 'verify against checkpoints exported earlier (audit checkpoints export), trusting the keys in that file')
    .option('--json', 'print JSON')
    .action(async (opts: { checkpoints?: string; json?: boolean }, cmd: Command) => {
      const result: AuditTrailResult | AuditResult = deps.isRemote(cmd)
        ? await deps.withApi(cmd, (api) => api.verifyAudit())
        : await deps.withAuditDesk(cmd, (desk) => desk.verify(opts.checkpoints === undefined ? {} : { checkpointsFile: opts.checkpoints }));
      if (!result.ok) deps.setExitCode(EXIT_AUDIT_BROKEN);
      if (opts.json) return deps.out(JSON.stringify(result, null, 2));
      printAuditResult(result, deps.out);
    });

  audit
    .command('checkpoint')
    .description('sign a checkpoint of the chain head now with the configured key, else the default key serve uses (created if missing)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const c = await deps.withAuditDesk(cmd, (desk) => desk.checkpoint());
      if (opts.json) return deps.out(JSON.stringify(c, null, 2));
      deps.out(c.created
        ? `Signed checkpoint #${c.ordinal} at sequence ${c.seq} (hash ${c.chainHash.slice(0, 16)}…, key ${c.keyId} in ${c.keyFile}).`
        : `The chain head (sequence ${c.seq}) already has a checkpoint signed by key ${c.keyId} at ${c.at}; nothing new to sign.`);
    });

  const checkpoints = audit.command('checkpoints').description('signed checkpoints of the chain');
  checkpoints
    .command('export')
    .description('write every checkpoint with its public key as JSON lines, to keep off the database')
    .requiredOption('--out <file>', 'file to write')
    .action(async (opts: { out: string }, cmd: Command) => {
      const r = await deps.withAuditDesk(cmd, (desk) => desk.exportCheckpoints(opts.out));
      deps.out(`Wrote ${plural(r.count, 'checkpoint')} (${r.keyIds.length ? `key ${r.keyIds.join(', ')}` : 'no keys'}) to ${r.path}.`);
      deps.out(`Verify later with "incident-response audit verify --checkpoints ${opts.out}".`);
    });

  audit
    .command('keygen')
    .description('create an Ed25519 key pair for signing checkpoints (private key mode 0600; never printed)')
    .requiredOption('--out <file>', 'private key file to create (the public key goes to FILE.pub)')
    .action(async (opts: { out: string }) => {
      const r = await deps.keygen(opts.out);
      deps.out(`Wrote the private key to ${r.privateKeyPath} (mode 0600) and the public key to ${r.publicKeyPath}; key id ${r.keyId}.`);
      deps.out(`Configure it with:\n  audit:\n    signing_key_file: ${opts.out}`);
    });

  audit
    .command('log')
    .description('who changed what: admin changes (tokens, integrations, silences, configuration, sign-ins) and incident events, newest first')
    .option('--since <time>', 'since a time (2026-11-01) or a span (24h, 7d)')
    .option('--limit <n>', 'at most this many (1-1000)', '50')
    .option('--json', 'print JSON')
    .action(async (opts: { since?: string; limit: string; json?: boolean }, cmd: Command) => {
      const since = opts.since === undefined ? undefined : parseInstant(opts.since, epochMs(deps.now()), '--since');
      const entries = await deps.withAuditDesk(cmd, (desk) => desk.log({ limit: parseLimit(opts.limit), ...(since === undefined ? {} : { since }) }));
      if (opts.json) return deps.out(JSON.stringify(entries, null, 2));
      if (entries.length === 0) return deps.out('Nothing recorded.');
      for (const e of entries) deps.out(`${e.at.replace(/\.\d{3}Z$/, 'Z')}  ${padToWidth(line(e.actor), 12)}  ${e.action.padEnd(22)}  ${line(e.subject)}${e.detail ? `  ${line(e.detail)}` : ''}`);
    });
}

/** What `audit verify` prints (and `restore`, which runs the same checks): OK with counts, or the first break. */
export function printAuditResult(result: AuditTrailResult | AuditResult, out: (text: string) => void): void {
  // A server answers with its checkpoints too; an older one with the chain only.
  const cp = 'checkpoints' in result ? (result as AuditTrailResult).checkpoints : undefined;
  const trust = cp?.trust === 'file'
    ? 'from the exported file'
    : cp?.trust === 'configured-key'
      ? `signed by key ${cp.keyId ?? ''}${cp.keyFile ? ` (${cp.keyFile})` : ''}`
      : 'verified with the public keys stored in the database (no signing key here: start serve once, or pass --checkpoints, to prove who signed them)';
  const keyLine = () => {
    if (cp?.trust === 'configured-key' && cp.keyFile) out(`Signing key: ${cp.keyFile} (key id ${cp.keyId ?? ''}).`);
  };
  if (result.ok) {
    const incidents = 'incidentsChecked' in result ? (result as { incidentsChecked?: number }).incidentsChecked : undefined;
    // "events": every link of the chain, incident events and admin audit lines alike.
    out(`OK: ${plural(result.count, 'event')} verified; the chain is intact (head sequence ${result.headSeq}).`);
    keyLine();
    if (incidents !== undefined) out(`${plural(incidents, 'incident')}: the stored read model matches the events.`);
    if (cp !== undefined) {
      out(cp.count === 0
        ? 'No signed checkpoints yet (serve signs them; or run "incident-response audit checkpoint").'
        : `${plural(cp.count, 'signed checkpoint')} ${trust} match the chain (last #${cp.lastOrdinal ?? cp.count} at sequence ${cp.lastSeq}).`);
    }
    return;
  }
  const b: { readonly seq: number; readonly incidentId: string; readonly detail: string; readonly kind?: string; readonly keyId?: string } = result.firstBroken;
  if (b.kind === 'checkpoint') out(`BROKEN at sequence ${b.seq} (checkpoint, key ${b.keyId}): ${b.detail}.`);
  else if (b.kind === 'read-model') out(`BROKEN: ${b.detail}.`);
  else out(`BROKEN at sequence ${b.seq}${b.incidentId ? ` (${b.incidentId})` : ''}: ${b.detail}.`);
  out(b.kind === 'read-model'
    ? `The chain (${plural(result.count, 'event')}) is intact; the read model was changed outside incident-response. Restore the database from a backup and compare.`
    : `${plural(result.count, 'event')} before it verified. Restore the database from a backup and compare.`);
  keyLine();
}
