import type { ResponseConfig } from '../config/index.js';
import { findCoverageGaps, findUntestedContactMethods, type ContactTestResult } from '../../domain/oncall/index.js';
import { DAY, durationMs, elapsed, formatDuration, isoUtc, type EpochMs } from '../../domain/time/index.js';

export const FINDING_LEVELS = ['critical', 'warning', 'info'] as const;
export type FindingLevel = (typeof FINDING_LEVELS)[number];

/** One recommendation of `incident-response doctor`: what is wrong and what to do about it. */
export interface Finding {
  readonly level: FindingLevel;
  /** Stable id of the check, e.g. `service-without-escalation`. */
  readonly check: string;
  readonly problem: string;
  readonly fix: string;
}

/** What the store knows, read by the caller; the assessment itself reads nothing. */
export interface ReadinessFacts {
  readonly now: EpochMs;
  /** Live (not revoked) integration keys and when an alert last came through each. */
  readonly integrations: readonly { readonly name: string; readonly createdAt: EpochMs; readonly lastAlertAt: EpochMs | undefined }[];
  /** When the newest signed audit checkpoint was made; undefined when none. */
  readonly lastCheckpointAt: EpochMs | undefined;
  readonly overdueActionItems: readonly { readonly ref: string; readonly title: string }[];
  /** When `incident-response backup` last wrote a SQLite backup (its admin audit line); undefined when never. */
  readonly lastBackupAt: EpochMs | undefined;
  /** Contact-method tests of the last 30 days (`notify test`); absent: none were read. */
  readonly contactTests?: readonly ContactTestResult[];
  /** The database is PostgreSQL, whose backups (pg_dump) are not recorded here. */
  readonly isPostgres?: boolean;
  /** The configured rules file's last recorded replay (`rules test`), and whether the file is unchanged since; undefined: never replayed. */
  readonly lastRulesReplay?: { readonly at: EpochMs; readonly isCurrent: boolean };
}

const HORIZON = durationMs(14 * DAY);
const SILENT_AFTER = durationMs(7 * DAY);
const CHECKPOINT_AFTER = durationMs(DAY);
const BACKUP_AFTER = durationMs(7 * DAY);
const ORDER: Record<FindingLevel, number> = { critical: 0, warning: 1, info: 2 };

/** The readiness checks over the configuration and what the store knows, most urgent first. */
export function assessReadiness(config: ResponseConfig, facts: ReadinessFacts): Finding[] {
  const out: Finding[] = [];
  const add = (f: Finding) => out.push(f);
  const { now } = facts;

  // Services nobody is paged for.
  const policyIds = new Set(config.escalationPolicies.map((p) => p.id));
  const fallback = config.paging.defaultEscalationPolicy;
  for (const [id, s] of Object.entries(config.services)) {
    const policy = s.escalationPolicy ?? fallback;
    if (policy === undefined || !policyIds.has(policy)) {
      add({ level: 'critical', check: 'service-without-escalation', problem: `Service ${id} has no escalation policy, so nobody is paged for its incidents.`, fix: `Set services.${id}.escalation_policy, or paging.default_escalation_policy, to one of escalation_policies.` });
    }
  }

  // On-call schedules with nobody on call.
  for (const schedule of config.schedules) {
    const gaps = findCoverageGaps(schedule, now, (now + HORIZON) as EpochMs);
    if (gaps.length === 0) continue;
    const first = gaps[0]!;
    const total = gaps.reduce((sum, g) => sum + (g.endAt - g.startAt), 0);
    add({ level: 'critical', check: 'schedule-gap', problem: `Schedule ${schedule.id} has nobody on call for ${formatDuration(durationMs(total))} in the next 14 days (${gaps.length} gap${gaps.length === 1 ? '' : 's'}, the first from ${isoUtc(first.startAt)} to ${isoUtc(first.endAt)}).`, fix: `Add a layer, a restriction change or an override to schedules.${schedule.id} covering the gaps, then check with "incident-response escalation lint".` });
  }

  // People who cannot be reached.
  for (const person of config.people) {
    if (person.contactMethods.some((m) => m.isVerified)) continue;
    add({ level: 'warning', check: 'person-unreachable', problem: `${person.name} (${person.id}) has no verified contact method, so pages to them reach nobody.`, fix: `Add a contact method under people.${person.id}.contact_methods and mark it verified: true once a test message arrived.` });
  }

  // Contact methods never tested, or whose last test failed (notify test), among those that can be used.
  const untested = findUntestedContactMethods(config.people, facts.contactTests ?? [], now);
  for (const person of config.people) {
    const mine = untested.filter((f) => f.personId === person.id);
    if (mine.length === 0) continue;
    const failing = mine.filter((f) => f.finding === 'failing');
    const never = mine.filter((f) => f.finding === 'never-tested');
    const parts = [
      failing.length === 0 ? '' : `${failing.map((f) => f.method).join(', ')} failed its last test`,
      never.length === 0 ? '' : `${never.map((f) => f.method).join(', ')} never tested in the last 30 days`,
    ].filter((p) => p !== '');
    add({
      level: failing.length > 0 ? 'warning' : 'info', check: 'contact-untested',
      problem: `${person.name} (${person.id}): ${parts.join('; ')}, so a page may not reach them.`,
      fix: `Send a test: "incident-response notify test --person ${person.id}${mine.length === 1 ? ` --method ${mine[0]!.method}` : ''}".`,
    });
  }

  // Trigger rules.
  if (config.detection !== undefined) {
    const replay = facts.lastRulesReplay;
    const fix = `Replay them over a recorded hour: "incident-response rules test ${config.detection.rulesFile} --series metrics.csv".`;
    if (replay === undefined) {
      add({ level: 'warning', check: 'rules-never-replayed', problem: `The trigger rules in ${config.detection.rulesFile} have never been replayed over recorded metrics, so nobody has seen when they would fire.`, fix });
    } else if (!replay.isCurrent) {
      add({ level: 'warning', check: 'rules-changed-since-replay', problem: `The trigger rules in ${config.detection.rulesFile} changed after their last replay (${isoUtc(replay.at)}).`, fix });
    }
  }

  // Integrations that went quiet.
  for (const i of facts.integrations) {
    const since = i.lastAlertAt ?? i.createdAt;
    if (elapsed(since, now) < SILENT_AFTER) continue;
    const what = i.lastAlertAt === undefined ? `has received no alert since it was created ${isoUtc(i.createdAt)}` : `has received no alert since ${isoUtc(i.lastAlertAt)}`;
    add({ level: 'warning', check: 'integration-silent', problem: `Integration ${i.name} ${what} (more than 7 days).`, fix: `Check that the sending tool still uses its key (send a test alert), or revoke it with "incident-response integration revoke ${i.name}".` });
  }

  // Compliance regimes nobody would be told under.
  const c = config.compliance;
  if (c !== undefined) {
    const regimes: readonly [string, number, string][] = [
      ['GDPR', c.gdpr.authorities.length, 'compliance.gdpr.supervisory_authorities'],
      ['HIPAA', c.hipaa.hhs.length, 'compliance.hipaa.hhs'],
      ['PCI DSS', c.pciDss.acquirers.length + c.pciDss.cardBrands.length, 'compliance.pci_dss.acquirers (or card_brands)'],
      ['SOX', c.sox.disclosureCommittee.length + c.sox.auditors.length, 'compliance.sox.disclosure_committee (or auditors)'],
    ];
    for (const [name, contacts, key] of regimes) {
      if (contacts > 0) continue;
      add({ level: 'warning', check: 'compliance-without-contact', problem: `Compliance is configured, but ${name} has no one to notify, so its deadline reminders name no recipient.`, fix: `Add a contact under ${key}.` });
    }
  }

  // The audit trail.
  if (config.audit === undefined || (config.audit.signingKeyFile === undefined && config.audit.signingKeyEnv === undefined)) {
    add({ level: 'warning', check: 'audit-unsigned', problem: 'No audit signing key is configured, so the audit trail has no signed checkpoints and a rewrite of the whole chain would go unnoticed.', fix: 'Create a key with "incident-response audit keygen --out audit-key.pem" and set audit.signing_key_file (or signing_key_env).' });
  } else if (facts.lastCheckpointAt === undefined || elapsed(facts.lastCheckpointAt, now) > CHECKPOINT_AFTER) {
    const when = facts.lastCheckpointAt === undefined ? 'no checkpoint has been signed' : `the last checkpoint was signed ${isoUtc(facts.lastCheckpointAt)}`;
    add({ level: 'warning', check: 'audit-checkpoint-stale', problem: `The audit trail has a signing key but ${when} (none in the last 24 hours).`, fix: 'Sign one with "incident-response audit checkpoint", and let serve sign them (audit.checkpoint_every).' });
  }

  // Follow-up.
  if (facts.overdueActionItems.length > 0) {
    const shown = facts.overdueActionItems.slice(0, 5).map((a) => `${a.ref} ${a.title}`).join('; ');
    add({ level: 'warning', check: 'action-items-overdue', problem: `${facts.overdueActionItems.length} action item${facts.overdueActionItems.length === 1 ? ' is' : 's are'} overdue: ${shown}${facts.overdueActionItems.length > 5 ? '; …' : ''}.`, fix: 'Finish them, or give them a new due date: "incident-response actions list --overdue".' });
  }

  // Integration switches (integrations.slack.incident_channel, …) whose connection is missing.
  for (const n of config.integrationSwitches ?? []) {
    if (n.needs === undefined) continue;
    add({ level: 'warning', check: 'integration-switch-needs', problem: `${n.key} is set but does nothing until its connection is configured.`, fix: `${n.needs.charAt(0).toUpperCase()}${n.needs.slice(1)} ("incident-response config explain" shows every switch).` });
  }

  // Backups.
  if (facts.isPostgres === true) {
    add({ level: 'info', check: 'backup-unrecorded', problem: 'PostgreSQL backups are taken with pg_dump ("incident-response backup" prints the command), which leaves no record here, so doctor cannot tell whether one was taken.', fix: 'Schedule the pg_dump command (cron or a systemd timer) and restore it into a scratch database now and then.' });
  } else if (facts.lastBackupAt === undefined) {
    add({ level: 'warning', check: 'backup-never', problem: 'No backup of this database has been taken with "incident-response backup".', fix: 'Schedule "incident-response backup --out /backups/ir-$(date +%F).db" (cron or a systemd timer), and try "incident-response restore" on a copy now and then.' });
  } else if (elapsed(facts.lastBackupAt, now) > BACKUP_AFTER) {
    add({ level: 'warning', check: 'backup-stale', problem: `The last backup was taken ${isoUtc(facts.lastBackupAt)}, more than a week ago.`, fix: 'Take one now with "incident-response backup --out FILE", and schedule it daily.' });
  }

  return out.sort((a, b) => ORDER[a.level] - ORDER[b.level]);
}
