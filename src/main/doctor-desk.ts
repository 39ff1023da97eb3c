// `incident-response doctor`: reads what the store knows (integrations and their last alert, the
// newest signed checkpoint, overdue action items) and assesses readiness with the configuration.
import type { Principal } from '../domain/access/index.js';
import { assessReadiness, type Finding, type ReadinessFacts } from '../app/readiness/index.js';
import { epochMs, type EpochMs } from '../domain/time/index.js';
import { CONTACT_TEST_WINDOW_MS } from '../domain/oncall/index.js';
import { BACKUP_AUDIT_ACTION } from './backup-desk.js';
import { RULES_REPLAY_ACTION, configuredRulesPath, fileSha256 } from './rules-replay-record.js';
import type { App } from './create-app.js';
import { openFollowUpDesk } from './follow-up-desk.js';

export async function readinessFacts(app: App, principal: Principal): Promise<ReadinessFacts> {
  const now = epochMs(app.clock.now());
  const integrations = (await app.store.listIntegrations()).filter((i) => i.revokedAt === undefined);
  // Newest first: the first alert seen per integration key is its last one.
  const alerts = await app.store.listAlerts({ limit: 10_000 });
  const lastAlert = new Map<string, EpochMs>();
  for (const a of alerts) {
    if (a.integrationKey === undefined) continue;
    const prev = lastAlert.get(a.integrationKey);
    if (prev === undefined || a.lastSeenAt > prev) lastAlert.set(a.integrationKey, a.lastSeenAt);
  }
  const checkpoints = await app.store.listCheckpoints();
  const last = checkpoints[checkpoints.length - 1];
  const overdue = await openFollowUpDesk(app, principal).listActionItems({ isOverdue: true });
  const tests = await app.store.listContactTests(epochMs(now - CONTACT_TEST_WINDOW_MS));
  // Newest first: the first backup line is the last backup.
  const lastBackup = (await app.store.readAdminAudit({ limit: 5000 })).find((r) => r.action === BACKUP_AUDIT_ACTION);
  return {
    now,
    integrations: integrations.map((i) => ({ name: i.name, createdAt: i.createdAt, lastAlertAt: lastAlert.get(i.id) ?? lastAlert.get(i.name) })),
    lastCheckpointAt: last === undefined ? undefined : epochMs(last.at),
    overdueActionItems: overdue.map((a) => ({ ref: a.ref, title: a.title })),
    lastBackupAt: lastBackup === undefined ? undefined : epochMs(lastBackup.at),
    contactTests: tests.map((t) => ({ personId: t.personId, contactMethodId: t.contactMethodId, at: t.at, isDelivered: t.outcome === 'delivered', detail: t.detail })),
    isPostgres: app.database.kind === 'postgres',
    ...(await lastRulesReplay(app)),
  };
}

export async function runDoctor(app: App, principal: Principal): Promise<Finding[]> {
  return assessReadiness(app.config, await readinessFacts(app, principal));
}

/** The newest recorded replay of the configured rules file, and whether the file still has the replayed content. */
async function lastRulesReplay(app: App): Promise<Pick<ReadinessFacts, 'lastRulesReplay'>> {
  const path = configuredRulesPath(app, process.cwd());
  if (path === undefined) return {};
  const replay = (await app.store.readAdminAudit({ limit: 5000 })).find((r) => r.action === RULES_REPLAY_ACTION && r.subject === path);
  if (replay === undefined) return {};
  const replayed = (replay.detail as { sha256?: unknown } | undefined)?.sha256;
  return { lastRulesReplay: { at: epochMs(replay.at), isCurrent: replayed === fileSha256(path) } };
}
