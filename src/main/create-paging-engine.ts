import { hostname } from 'node:os';
import { createNotifier } from '../adapters/notify/index.js';
import { AddressGuard, guardedRequest } from '../adapters/outbound-net/index.js';
import type { ReminderSource } from '../app/paging/index.js';
import type { Principal } from '../domain/access/index.js';
import { lintEscalation } from '../domain/escalation/index.js';
import { DAY, epochMs } from '../domain/time/index.js';
import { PagingEngine, type EngineLog } from '../engine/paging/index.js';
import type { App } from './create-app.js';
import { nodeSecretSource } from './node-secret-source.js';
import { withAckLinks } from './ack-link-wiring.js';
import { reloadingChannels } from './reloading-channels.js';
import { webPushEnvironment } from './web-push-wiring.js';

/** The engine reads every incident, security ones included, to remind their owners. */
const ENGINE_PRINCIPAL: Principal = { name: 'paging', role: 'admin', teams: ['security'] };

/** Reminders other capabilities plan and the engine delivers. */
export function reminderSources(app: App): ReminderSource[] {
  const compliance = app.compliance;
  const followUp = app.followUp;
  return [
    async () => (await followUp.dueReminders(ENGINE_PRINCIPAL)).map((r) => ({
      idempotencyKey: r.idempotencyKey,
      incidentId: r.incidentId,
      recipient: r.owner,
      subject: `Action item ${r.ref} is ${r.daysOverdue} day${r.daysOverdue === 1 ? '' : 's'} overdue`,
      text: r.message,
    })),
    () => compliance.dueReminderMessages(),
    // Not reminders: the same minute loop starts the actions of workflow steps whose phase began,
    // and opens (or links) the Jira issues that a failed or interrupted declaration left missing.
    async () => {
      await app.workflowActions.runPhaseStarts(app.clock.now());
      await app.autoTickets.reconcile();
      return [];
    },
  ];
}

/** How long the engine's heartbeat GET may take. */
const HEARTBEAT_TIMEOUT_MS = 5_000;

/**
 * The paging engine for `serve`: the configured channels, a lease owner unique to this process,
 * and the outbound heartbeat. Also lints the on-call setup for the next 14 days and logs each
 * problem, so a gap in coverage is seen when the server starts rather than at 3 a.m.
 */
export function createPagingEngine(app: App, log: EngineLog, metrics?: { onDelivery?: (channel: string, status: string) => void; onOverdue?: (count: number) => void }): PagingEngine {
  // Built again when a reload changes channels:; the war room provider stays the one configured at start.
  const channels = reloadingChannels(() => app.config, (configured) => createNotifier(configured, { env: app.env, clock: app.clock, ...webPushEnvironment(app) }));
  const { warRoom } = channels.current();
  const notifier = channels.notifier;
  const now = app.clock.now();
  const { people, teams, schedules, escalationPolicies } = app.config;
  if (escalationPolicies.length > 0 || schedules.length > 0) {
    for (const problem of lintEscalation(people, teams, schedules, escalationPolicies, now, epochMs(now + 14 * DAY))) {
      log.warn({ problem: problem.code }, `on-call setup: ${problem.message}`);
    }
  }
  return new PagingEngine({
    store: app.store,
    incidents: app.incidents,
    paging: app.paging,
    notifier: withAckLinks(app, notifier),
    ...(warRoom !== undefined ? { warRoom } : {}),
    clock: app.clock,
    config: app.config.paging,
    owner: `${hostname()}:${process.pid}:${nodeSecretSource.randomBase64Url(4)}`,
    random: Math.random,
    newId: () => `msg_${nodeSecretSource.randomBase64Url(12)}`,
    log,
    ping: engineHeartbeatPing(new AddressGuard(app.config.channels?.allowPrivateAddresses ?? [], 'channels.allow_private_addresses')),
    reminderSources: reminderSources(app),
    ...(metrics?.onDelivery ? { onDelivery: metrics.onDelivery } : {}),
    ...(metrics?.onOverdue ? { onOverdue: metrics.onOverdue } : {}),
  });
}

/**
 * The outbound heartbeat GET, through the SSRF guard like every outbound request (allow-listed by
 * channels.allow_private_addresses). Failures name the host only: the URL's path is its secret.
 */
function engineHeartbeatPing(guard: AddressGuard): (url: string) => Promise<void> {
  return async (url) => {
    const reply = await guardedRequest({ method: 'GET', url }, { guard, timeoutMs: HEARTBEAT_TIMEOUT_MS, maxBodyBytes: 1024 });
    if ('failure' in reply) throw new Error(`The engine heartbeat was not sent: ${reply.reason}.`);
    if (reply.status < 200 || reply.status >= 300) throw new Error(`The heartbeat URL's server answered ${reply.status}; check paging.engine.heartbeat_url.`);
  };
}
