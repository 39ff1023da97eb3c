import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { declareIncident } from '../../../../test/support/incidents.js';
import { TEST_DATABASE_URL } from '../../../../test/support/stores.js';
import { isAppError, type ErrorCode } from '../../../domain/errors/index.js';
import { openPostgresStore } from './postgres-incident-store.js';

function rejectsWith(code: ErrorCode, check: (message: string) => void) {
  return (error: unknown): boolean => {
    assert.ok(isAppError(error), String(error));
    assert.equal(error.code, code, error.message);
    check(error.message);
    return true;
  };
}

const url = new URL(TEST_DATABASE_URL);
const address = `${url.hostname}:${url.port || '5432'}`;

describe('openPostgresStore', () => {
  const schemas: string[] = [];
  const newSchema = () => {
    const name = `ir_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    schemas.push(name);
    return name;
  };
  let admin: pg.Client;
  before(async () => {
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
  });
  after(async () => {
    for (const s of schemas) await admin.query(`drop schema if exists "${s}" cascade`);
    await admin.end();
  });

  const tablesIn = async (schema: string) =>
    (await admin.query<{ tablename: string }>('select tablename from pg_tables where schemaname = $1 order by tablename', [schema])).rows.map((r) => r.tablename);

  it('creates the schema named in the URL and keeps every table in it', async () => {
    const schema = newSchema();
    const at = new URL(TEST_DATABASE_URL);
    at.searchParams.set('schema', schema);
    const store = await openPostgresStore(at.toString());
    await declareIncident(store);
    await store.close();
    assert.deepEqual(await tablesIn(schema), [
      'ir_admin_audit', 'ir_alert_groups', 'ir_alerts', 'ir_api_tokens', 'ir_audit_checkpoints', 'ir_auth_failures', 'ir_chain_head', 'ir_changes', 'ir_contact_tests',
      'ir_detection_state', 'ir_disabled_endpoints', 'ir_escalations', 'ir_events', 'ir_heartbeats', 'ir_incident_counters', 'ir_incidents', 'ir_integrations', 'ir_leases',
      'ir_maintenances', 'ir_oncall_overrides', 'ir_outbox', 'ir_push_subscriptions', 'ir_report_facts', 'ir_revoked_sessions', 'ir_schema_migrations', 'ir_signed_deliveries',
      'ir_silences', 'ir_status_notices', 'ir_status_subscribers', 'ir_timers',
    ]);
  });

  it('prefers the schema option to the one in the URL', async () => {
    const inUrl = newSchema();
    const chosen = newSchema();
    const at = new URL(TEST_DATABASE_URL);
    at.searchParams.set('schema', inUrl);
    const store = await openPostgresStore(at.toString(), { schema: chosen });
    await store.close();
    assert.ok((await tablesIn(chosen)).includes('ir_events'));
    assert.deepEqual(await tablesIn(inUrl), []);
  });

  it('serialises writers of two stores on the same schema', async () => {
    const schema = newSchema();
    const [one, two] = [await openPostgresStore(TEST_DATABASE_URL, { schema }), await openPostgresStore(TEST_DATABASE_URL, { schema })];
    try {
      const written = await Promise.all(Array.from({ length: 10 }, (_, i) => declareIncident(i % 2 === 0 ? one : two)));
      assert.deepEqual(written.map((w) => w.events[0]!.seq).sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      assert.equal(new Set(written.map((w) => w.state.id)).size, 10);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('says it cannot reach the server, naming host and port but never the password', async () => {
    const password = 'hunter2-very-secret';
    await assert.rejects(
      openPostgresStore(`postgres://someone:${password}@127.0.0.1:1/test`),
      rejectsWith('STORE_UNAVAILABLE', (message) => {
        assert.match(message, /^cannot reach PostgreSQL at 127\.0\.0\.1:1: .*ECONNREFUSED/);
        assert.ok(!message.includes(password));
      }),
    );
  });

  it('says so when the database does not exist', async () => {
    const missing = new URL(TEST_DATABASE_URL);
    missing.pathname = '/ir_no_such_database';
    await assert.rejects(
      openPostgresStore(missing.toString()),
      rejectsWith('STORE_UNAVAILABLE', (message) => assert.match(message, new RegExp(`^cannot reach PostgreSQL at ${address}: .*ir_no_such_database.*does not exist`))),
    );
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await assert.rejects(openPostgresStore(TEST_DATABASE_URL, { schema: 'x"; drop table y; --' }), rejectsWith('CONFIG_INVALID', (m) => assert.match(m, /schema/)));
  });

  it('refuses a URL that is not one, without echoing it', async () => {
    await assert.rejects(openPostgresStore('postgres://user:pa ss@[bad'), rejectsWith('CONFIG_INVALID', (m) => assert.ok(!m.includes('pa ss'))));
  });
});
