// GET /api/v1/incidents/{id} answers from each incident's kept JSON between changes: the bytes must
// be those of a fresh computation at every instant (clocks turning due soon and overdue, phases
// ending, obligations falling due, impact minutes ticking), after every new event, after a
// configuration reload, and the kept document must never reach a caller who may not see it.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createServerLogger } from '../../src/adapters/http/index.js';
import type { IncidentDto } from '../../src/app/incidents/index.js';
import { MINUTE, epochMs } from '../../src/domain/time/index.js';
import { createApp, type App } from '../../src/main/create-app.js';
import { createServer } from '../../src/main/create-server.js';
import { ManualClock } from '../support/manual-clock.js';
import { STORE_KINDS, createTestDatabase, type TestDatabase } from '../support/stores.js';

const START = epochMs(Date.parse('2026-03-02T09:58:30.000Z'));
const ADMIN = { name: 'root', role: 'admin' as const, teams: ['security'] };

for (const kind of STORE_KINDS) {
  describe(`GET /incidents/{id} from the kept document (${kind})`, () => {
    let database: TestDatabase;
    let cwd: string;
    let app: App;
    let server: FastifyInstance;
    const clock = new ManualClock(START);
    const tokens: Record<'admin' | 'securityResponder' | 'responder', string> = { admin: '', securityResponder: '', responder: '' };

    before(async () => {
      database = await createTestDatabase(kind);
      cwd = await mkdtemp(join(tmpdir(), 'ir-read-cache-'));
      app = await createApp({
        cwd,
        env: kind === 'postgres' ? { DATABASE_URL: database.location } : {},
        ...(kind === 'sqlite' ? { dbPath: database.location } : {}),
        clock,
      });
      server = createServer(app, { logger: createServerLogger({ level: 'warn', destination: new Writable({ write: (_c, _e, done) => done() }) }) });
      await server.ready();
      tokens.admin = (await app.tokens.create({ name: 'admin', role: 'admin', teams: ['security'] }, ADMIN)).token;
      tokens.securityResponder = (await app.tokens.create({ name: 'sec', role: 'responder', teams: ['security'] }, ADMIN)).token;
      tokens.responder = (await app.tokens.create({ name: 'resp', role: 'responder', teams: [] }, ADMIN)).token;
    });
    after(async () => {
      await server.close();
      await app.close();
      await database.cleanup();
      await rm(cwd, { recursive: true, force: true });
    });

    const call = (method: 'GET' | 'POST', url: string, as: keyof typeof tokens, body?: unknown) =>
      server.inject({ method, url, headers: { authorization: `Bearer ${tokens[as]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
    const get = (id: string, as: keyof typeof tokens = 'admin') => call('GET', `/api/v1/incidents/${id}`, as);
    /** The document computed afresh at the clock's instant, serialised as the API's JSON. */
    const fresh = async (id: string) => JSON.stringify(await app.apiFor(ADMIN).get(id));
    const declare = async (body: Record<string, unknown>) => {
      const res = await call('POST', '/api/v1/incidents', 'admin', body);
      assert.equal(res.statusCode, 201, res.body);
      return (res.json() as { incident: { id: string } }).incident.id;
    };

    it('answers the same bytes as a fresh computation at every instant where something turns, and between them', async () => {
      const critical = await declare({ severity: 'critical', type: 'outage', environment: 'production', title: 'Checkout down', service: 'checkout' });
      const assessed = await declare({ severity: 'high', type: 'outage', environment: 'production', title: 'Search slow' });
      assert.equal((await call('POST', `/api/v1/incidents/${assessed}/impact`, 'admin', { customersAffected: 1200, customersTotal: 50_000, revenuePerMinute: 85, currency: 'EUR' })).statusCode, 200);
      const flagged = await declare({ severity: 'medium', type: 'data', environment: 'production', title: 'Exported customer list' });
      const flag = await call('POST', `/api/v1/incidents/${flagged}/compliance/flags`, 'admin', { regime: 'gdpr', awareAt: new Date(START).toISOString() });
      assert.equal(flag.statusCode, 200, flag.body);
      const acked = await declare({ severity: 'low', type: 'outage', environment: 'staging', title: 'Staging flaky' });
      assert.equal((await call('POST', `/api/v1/incidents/${acked}/acknowledge`, 'admin', {})).statusCode, 200);
      const ids = [critical, assessed, flagged, acked];

      // Every instant a document names (deadlines, phase ends, due-soon marks are within them), one
      // millisecond either side, the impact's half-minute marks, and a steady walk in between.
      const instants = new Set<number>();
      for (const id of ids) {
        const dto = JSON.parse(await fresh(id)) as IncidentDto;
        const named = [dto.clocks.response.dueAt, dto.clocks.nextUpdate.dueAt, ...dto.checklist.phases.flatMap((p) => [p.startsAt, p.endsAt]), ...dto.compliance.obligations.map((o) => o.dueAt)];
        for (const iso of named) {
          if (iso === null) continue;
          const t = Date.parse(iso);
          for (const d of [-1, 0, 1]) instants.add(t + d);
        }
      }
      for (let t: number = START; t < START + 4 * 60 * MINUTE; t += 47_000) instants.add(t);
      for (let t = START + 30_000; t < START + 30 * MINUTE; t += MINUTE) for (const d of [-1, 0, 1]) instants.add(t + d);
      // Due-soon marks fall between the named instants: walk the first half hour second by second around them.
      for (let t: number = START; t < START + 30 * MINUTE; t += 1_000) instants.add(t);
      const walk = [...instants].filter((t) => t >= clock.now()).sort((a, b) => a - b);
      let checked = 0;
      const states = new Set<string>();
      for (const t of walk) {
        await clock.advance(t - clock.now());
        for (const id of ids) {
          const res = await get(id);
          assert.equal(res.statusCode, 200);
          assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
          const expected = await fresh(id);
          if (res.body !== expected) assert.fail(`${id} at ${new Date(t).toISOString()} differs:\n${res.body}\n${expected}`);
          const dto = JSON.parse(res.body) as IncidentDto;
          states.add(`${dto.clocks.response.state}/${dto.clocks.nextUpdate.state}/${dto.checklist.overdue}/${dto.compliance.obligations.map((o) => o.status).join(',')}`);
          checked++;
        }
      }
      assert.ok(checked > 4 * 1_000, `checked ${checked}`);
      // The walk did cross the changes it is about: running, due soon and overdue clocks, overdue steps and obligations.
      const seen = [...states].join(' ');
      for (const word of ['running/', 'due-soon/', 'overdue/', 'met/']) assert.ok(seen.includes(word), `${word} in ${seen}`);
      assert.ok([...states].some((s) => s.includes('overdue') && s.split('/')[3]!.includes('overdue')), seen);
      assert.ok([...states].some((s) => Number(s.split('/')[2]) > 0), seen);
    });

    it('answers the incident as changed once a new event is recorded, including by another process', async () => {
      const id = await declare({ severity: 'high', type: 'outage', environment: 'production', title: 'Payments failing' });
      const first = (await get(id)).json() as IncidentDto;
      const noted = await call('POST', `/api/v1/incidents/${id}/status-updates`, 'admin', { status: 'identified', message: 'Bad deploy rolled back' });
      assert.equal(noted.statusCode, 200);
      const second = (await get(id)).json() as IncidentDto;
      assert.equal(second.version, first.version + 1);
      assert.equal(second.lastUpdate?.message, 'Bad deploy rolled back');
      assert.equal((await get(id)).body, await fresh(id));

      // Another instance writing to the same database: the next read sees it at once.
      const other = await createApp({ cwd, env: kind === 'postgres' ? { DATABASE_URL: database.location } : {}, ...(kind === 'sqlite' ? { dbPath: database.location } : {}), clock });
      try {
        await other.apiFor(ADMIN).acknowledge(id);
      } finally {
        await other.close();
      }
      const third = (await get(id)).json() as IncidentDto;
      assert.equal(third.version, second.version + 1);
      assert.equal(third.clocks.response.state, 'met');
      assert.equal((await get(id)).body, await fresh(id));
      // What the kept document is checked against: the row's version and type, read without the state document.
      assert.deepEqual(await app.store.findIncidentVersion(id), { version: third.version, incidentType: 'outage' });
      assert.equal(await app.store.findIncidentVersion(id.replace(/\d+$/, (n) => '9'.repeat(n.length))), undefined);
    });

    it('never answers a kept security incident to a caller outside the security team', async () => {
      const id = await declare({ severity: 'high', type: 'security', environment: 'production', title: 'Credential stuffing' });
      const seen = await get(id, 'securityResponder');
      assert.equal(seen.statusCode, 200);
      assert.equal((await get(id, 'securityResponder')).body, await fresh(id));
      const hidden = await get(id, 'responder');
      const unknown = await get(id.replace(/\d+$/, (n) => '9'.repeat(n.length)), 'responder');
      assert.equal(hidden.statusCode, 404);
      assert.equal(unknown.statusCode, 404);
      assert.equal((hidden.json() as { error: { code: string } }).error.code, 'NOT_FOUND');
      assert.doesNotMatch(hidden.body, /Credential stuffing/);
      // Re-classified as security after being read (and kept) by everyone: hidden from then on.
      const outage = await declare({ severity: 'high', type: 'outage', environment: 'production', title: 'Odd logins' });
      assert.equal((await get(outage, 'responder')).statusCode, 200);
      assert.equal((await call('POST', `/api/v1/incidents/${outage}/type`, 'admin', { type: 'security', reason: 'attack' })).statusCode, 200);
      assert.equal((await get(outage, 'responder')).statusCode, 404);
      assert.equal((await get(outage, 'securityResponder')).body, await fresh(outage));
      // The same answer as for an incident that does not exist, but for the id it names.
      assert.equal((hidden.json() as { error: { message: string } }).error.message.replace(id, 'ID'), (unknown.json() as { error: { message: string } }).error.message.replace(/SEC-\S+?\d+(?=\.)/, 'ID'));
    });

    it('computes the document again after the configuration is reloaded', async () => {
      await writeFile(join(cwd, 'incident-response.yaml'), 'severity_policy:\n  high:\n    respond_within: 45 minutes\n');
      const reloadingApp = await createApp({ cwd, env: kind === 'postgres' ? { DATABASE_URL: database.location } : {}, ...(kind === 'sqlite' ? { dbPath: database.location } : {}), clock });
      const reloading = createServer(reloadingApp, { logger: createServerLogger({ level: 'warn', destination: new Writable({ write: (_c, _e, done) => done() }) }) });
      try {
        await reloading.ready();
        const id = await declare({ severity: 'high', type: 'outage', environment: 'production', title: 'Queue backlog' });
        const read = () => reloading.inject({ method: 'GET', url: `/api/v1/incidents/${id}`, headers: { authorization: `Bearer ${tokens.admin}` } });
        const before = (await read()).json() as IncidentDto;
        assert.equal(before.policy.respondWithin, '45 min');
        await writeFile(join(cwd, 'incident-response.yaml'), 'severity_policy:\n  high:\n    respond_within: 20 minutes\n');
        await reloadingApp.reloadConfig('root');
        const afterReload = (await read()).json() as IncidentDto;
        assert.equal(afterReload.policy.respondWithin, '20 min');
        assert.equal((await read()).body, JSON.stringify(await reloadingApp.apiFor(ADMIN).get(id)));
      } finally {
        await reloading.close();
        await reloadingApp.close();
      }
    });
  });
}
