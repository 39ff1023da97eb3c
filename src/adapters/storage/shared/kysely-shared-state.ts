import { sql, type Kysely } from 'kysely';
import type {
  AuthFailureWindow, DetectionSnapshot, LeaseFence, LeaseGrant, PushedSampleRecord, SharedStateStore, StoredBaseline, StoredRuleState, UnfinishedFiring,
} from '../../../app/ports/index.js';
import { epochMs, type EpochMs } from '../../../domain/time/index.js';
import type { BaselineState, RuleState } from '../../../domain/triggers/index.js';
import { runTransaction } from './run-transaction.js';
import type { Database } from './schema.js';

const RULE = 'rule';
const BASELINE = 'baseline';
const READING = 'reading';
/** A pushed metric's newest sample: the value in `state`, the instant it was measured in `updated_at`. */
const PUSHED = 'pushed';

/**
 * Leases, detection state, failed-authentication windows and revoked sessions, in the same SQL on
 * SQLite and PostgreSQL: leases and counters are single upserts with RETURNING, so two instances
 * racing each get a consistent answer without a transaction; the fenced write locks the lease row
 * (an UPDATE that matches only the current token) before writing, so a take-over waits for it or
 * makes it write nothing.
 */
export class KyselySharedState implements SharedStateStore {
  constructor(private readonly db: Kysely<Database>) {}

  async acquireLease(name: string, holder: string, now: EpochMs, ttlMs: number): Promise<LeaseGrant | undefined> {
    const until = now + ttlMs;
    const result = await sql<{ token: number | string; expires_at: number | string }>`
      INSERT INTO ir_leases (name, holder, token, expires_at) VALUES (${name}, ${holder}, 1, ${until})
      ON CONFLICT (name) DO UPDATE SET
        token = CASE WHEN ir_leases.holder = excluded.holder AND ir_leases.expires_at > ${now} THEN ir_leases.token ELSE ir_leases.token + 1 END,
        holder = excluded.holder,
        expires_at = excluded.expires_at
      WHERE ir_leases.holder = excluded.holder OR ir_leases.expires_at <= ${now}
      RETURNING token, expires_at
    `.execute(this.db);
    const row = result.rows[0];
    return row === undefined ? undefined : { token: Number(row.token), expiresAt: epochMs(Number(row.expires_at)) };
  }

  async releaseLease(fence: LeaseFence): Promise<void> {
    await this.db.updateTable('ir_leases').set({ expires_at: 0 })
      .where('name', '=', fence.name).where('holder', '=', fence.holder).where('token', '=', fence.token)
      .execute();
  }

  async isLeaseHeld(fence: LeaseFence, now: EpochMs): Promise<boolean> {
    const row = await this.db.selectFrom('ir_leases').select('token')
      .where('name', '=', fence.name).where('holder', '=', fence.holder).where('token', '=', fence.token).where('expires_at', '>', now)
      .executeTakeFirst();
    return row !== undefined;
  }

  async loadDetectionState(): Promise<DetectionSnapshot> {
    const rows = await this.db.selectFrom('ir_detection_state').selectAll().orderBy('kind').orderBy('name').orderBy('label_set').execute();
    const rules: StoredRuleState[] = [];
    const baselines: StoredBaseline[] = [];
    for (const row of rows) {
      if (row.kind === RULE) {
        rules.push({
          rule: row.name,
          labelSet: row.label_set,
          state: JSON.parse(row.state) as RuleState,
          lastFiredAt: row.last_fired_at === null ? undefined : epochMs(Number(row.last_fired_at)),
          unfinished: row.firing === null ? undefined : (JSON.parse(row.firing) as UnfinishedFiring),
        });
      } else if (row.kind === BASELINE) {
        baselines.push({ signal: row.name, state: JSON.parse(row.state) as BaselineState });
      }
    }
    return { rules, baselines };
  }

  async saveDetectionReading(fence: LeaseFence, reading: unknown, now: EpochMs): Promise<boolean> {
    // One statement: written only while the lease row still names this holder and token.
    const result = await sql`
      INSERT INTO ir_detection_state (kind, name, label_set, state, last_fired_at, firing, token, updated_at)
      SELECT ${READING}, '', '', ${JSON.stringify(reading)}, NULL, NULL, ${fence.token}, ${now}
      FROM ir_leases WHERE name = ${fence.name} AND holder = ${fence.holder} AND token = ${fence.token} AND expires_at > ${now}
      ON CONFLICT (kind, name, label_set) DO UPDATE SET state = excluded.state, token = excluded.token, updated_at = excluded.updated_at
    `.execute(this.db);
    return Number(result.numAffectedRows ?? 0) === 1;
  }

  async findDetectionReading(): Promise<unknown> {
    const row = await this.db.selectFrom('ir_detection_state').select('state')
      .where('kind', '=', READING).where('name', '=', '').where('label_set', '=', '')
      .executeTakeFirst();
    return row === undefined ? undefined : (JSON.parse(row.state) as unknown);
  }

  async recordPushedSamples(samples: readonly PushedSampleRecord[]): Promise<void> {
    // The newest per metric first, so one statement never names a metric twice.
    const newest = new Map<string, PushedSampleRecord>();
    for (const s of samples) if ((newest.get(s.metric)?.at ?? -Infinity) <= s.at) newest.set(s.metric, s);
    const rows = [...newest.values()].map((s) => ({
      kind: PUSHED, name: s.metric, label_set: '', state: JSON.stringify(s.value), last_fired_at: null, firing: null, token: 0, updated_at: s.at,
    }));
    for (let i = 0; i < rows.length; i += 200) {
      await this.db.insertInto('ir_detection_state').values(rows.slice(i, i + 200))
        .onConflict((oc) => oc.columns(['kind', 'name', 'label_set'])
          .doUpdateSet((eb) => ({ state: eb.ref('excluded.state'), updated_at: eb.ref('excluded.updated_at') }))
          .where('ir_detection_state.updated_at', '<=', (eb) => eb.ref('excluded.updated_at')))
        .execute();
    }
  }

  async listPushedSamples(since: EpochMs): Promise<PushedSampleRecord[]> {
    const rows = await this.db.selectFrom('ir_detection_state').select(['name', 'state', 'updated_at'])
      .where('kind', '=', PUSHED).where('updated_at', '>=', since).orderBy('name').execute();
    return rows.map((r) => ({ metric: r.name, value: JSON.parse(r.state) as number | boolean, at: epochMs(Number(r.updated_at)) }));
  }

  saveDetectionState(fence: LeaseFence, changes: DetectionSnapshot, now: EpochMs): Promise<boolean> {
    return runTransaction(this.db, async (conn) => { await sql`begin`.execute(conn); }, async (conn) => {
      // Locks the lease row until commit: an instance taking the lease over waits for this write,
      // and a holder whose token is stale matches nothing and writes nothing.
      const held = await conn.updateTable('ir_leases').set({ expires_at: sql`expires_at` })
        .where('name', '=', fence.name).where('holder', '=', fence.holder).where('token', '=', fence.token).where('expires_at', '>', now)
        .executeTakeFirst();
      if (Number(held.numUpdatedRows) !== 1) return false;
      const rows = [
        ...changes.rules.map((r) => ({
          kind: RULE, name: r.rule, label_set: r.labelSet, state: JSON.stringify(r.state),
          last_fired_at: r.lastFiredAt ?? null, firing: r.unfinished === undefined ? null : JSON.stringify(r.unfinished),
          token: fence.token, updated_at: now,
        })),
        ...changes.baselines.map((b) => ({
          kind: BASELINE, name: b.signal, label_set: '', state: JSON.stringify(b.state), last_fired_at: null, firing: null, token: fence.token, updated_at: now,
        })),
      ];
      for (let i = 0; i < rows.length; i += 200) {
        await conn.insertInto('ir_detection_state').values(rows.slice(i, i + 200))
          .onConflict((oc) => oc.columns(['kind', 'name', 'label_set']).doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            last_fired_at: eb.ref('excluded.last_fired_at'),
            firing: eb.ref('excluded.firing'),
            token: eb.ref('excluded.token'),
            updated_at: eb.ref('excluded.updated_at'),
          })))
          .execute();
      }
      return true;
    });
  }

  async recordAuthFailure(address: string, now: EpochMs, windowMs: number): Promise<AuthFailureWindow> {
    const result = await sql<{ count: number | string; expires_at: number | string }>`
      INSERT INTO ir_auth_failures (address, count, expires_at) VALUES (${address}, 1, ${now + windowMs})
      ON CONFLICT (address) DO UPDATE SET
        count = CASE WHEN ir_auth_failures.expires_at <= ${now} THEN 1 ELSE ir_auth_failures.count + 1 END,
        expires_at = CASE WHEN ir_auth_failures.expires_at <= ${now} THEN excluded.expires_at ELSE ir_auth_failures.expires_at END
      RETURNING count, expires_at
    `.execute(this.db);
    const row = result.rows[0]!;
    return { count: Number(row.count), expiresAt: epochMs(Number(row.expires_at)) };
  }

  async listAuthFailuresOver(min: number, now: EpochMs): Promise<Map<string, AuthFailureWindow>> {
    const rows = await this.db.selectFrom('ir_auth_failures').selectAll().where('count', '>=', min).where('expires_at', '>', now).execute();
    return new Map(rows.map((r) => [r.address, { count: Number(r.count), expiresAt: epochMs(Number(r.expires_at)) }]));
  }

  async revokeSession(id: string, until: EpochMs): Promise<void> {
    await this.db.insertInto('ir_revoked_sessions').values({ id, expires_at: until })
      .onConflict((oc) => oc.column('id').doUpdateSet({ expires_at: until }))
      .execute();
  }

  async listRevokedSessions(now: EpochMs): Promise<string[]> {
    const rows = await this.db.selectFrom('ir_revoked_sessions').select('id').where('expires_at', '>', now).execute();
    return rows.map((r) => r.id);
  }

  async pruneSharedState(now: EpochMs): Promise<number> {
    const failures = await this.db.deleteFrom('ir_auth_failures').where('expires_at', '<=', now).executeTakeFirst();
    const sessions = await this.db.deleteFrom('ir_revoked_sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(failures.numDeletedRows) + Number(sessions.numDeletedRows);
  }
}
