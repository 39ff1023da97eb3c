// Our /api/v2/*.json against Statuspage's documented v2 shapes (test/status-page/statuspage-shape.ts):
// grouped components come with their group component, as Statuspage lists them, and maintenance
// windows recorded after they began are never updated before they were created. SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from '../http/http-harness.js';
import { DOCUMENT_SHAPES } from '../status-page/statuspage-shape.js';
import { caughtUp, declareIncident, postUpdate, publish } from '../status-page/status-page-world.js';

const GROUPED_PAGE_YAML = `
status_page:
  name: Acme Status
  url: https://status.example.com
  time_zone: UTC
  components:
    - id: api
      name: Public API
    - id: web-eu
      name: Web app (Frankfurt)
      group: Europe
    - id: web-uk
      name: Web app (London)
      group: Europe
    - id: web-us
      name: Web app (Virginia)
      group: Americas
`;

const VALIDATED = ['summary.json', 'components.json', 'incidents.json', 'scheduled-maintenances.json'] as const;

interface Component { id: string; name: string; status: string; group: boolean; group_id: string | null; components?: string[]; position: number; created_at: string; updated_at: string }
interface Maintenance { id: string; name: string; status: string; created_at: string; updated_at: string; incident_updates: { status: string; created_at: string }[] }

const iso = (ms: number) => new Date(ms).toISOString();

for (const kind of STORE_KINDS) {
  describe(`Statuspage v2 documents in Statuspage's shapes: ${kind}`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(kind, {}, { configYaml: GROUPED_PAGE_YAML });
      const id = await declareIncident(h, { severity: 'high', type: 'outage', environment: 'production', title: 'Frankfurt web nodes down' });
      await postUpdate(h, id, 'investigating', 'Some customers in Europe cannot sign in.');
      await publish(h, id, { title: 'Sign-in errors in Europe', componentIds: ['web-eu'], impact: 'major' });
      const now = Date.now();
      // Recorded while already under way, and recorded just after it ended: both begin before they were created.
      for (const body of [
        { title: 'Load balancer swap', componentIds: ['api'], startsAt: iso(now - 10 * 60_000), endsAt: iso(now + 3_600_000) },
        { title: 'Cache flush', componentIds: ['web-us'], startsAt: iso(now - 5 * 60_000), endsAt: iso(now - 20_000) },
      ]) {
        const res = await h.request('POST', '/api/v1/maintenances', { as: 'responder', body });
        assert.equal(res.statusCode, 201, res.body);
      }
      await caughtUp(h);
    });
    after(() => h?.close());

    const get = async (path: string): Promise<Record<string, unknown>> => {
      const res = await h.request('GET', `/api/v2/${path}`);
      assert.equal(res.statusCode, 200, `${path}: ${res.body}`);
      return res.json() as Record<string, unknown>;
    };

    for (const path of VALIDATED) {
      it(`${path} matches the documented shape`, async () => {
        const parsed = DOCUMENT_SHAPES[path].safeParse(await get(path));
        assert.ok(parsed.success, `${path}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 5))}`);
      });
    }

    it('lists each group as a group component naming its children, with its worst child status', async () => {
      for (const path of ['summary.json', 'components.json']) {
        const components = (await get(path))['components'] as Component[];
        const europe = components.find((c) => c.name === 'Europe');
        assert.ok(europe !== undefined, `${path}: the Europe group is listed`);
        assert.equal(europe.group, true);
        assert.equal(europe.group_id, null);
        assert.deepEqual(europe.components, ['web-eu', 'web-uk']);
        assert.equal(europe.status, 'partial_outage');
        for (const child of ['web-eu', 'web-uk']) assert.equal(components.find((c) => c.id === child)?.group_id, europe.id);
        const americas = components.find((c) => c.name === 'Americas');
        assert.deepEqual(americas?.components, ['web-us']);
        assert.equal(components.find((c) => c.id === 'api')?.group_id, null);
        assert.equal(components.filter((c) => c.group).length, 2);
      }
    });

    it('never dates a maintenance update before the maintenance was created', async () => {
      const maintenances = (await get('scheduled-maintenances.json'))['scheduled_maintenances'] as Maintenance[];
      assert.deepEqual(maintenances.map((m) => [m.name, m.status]).sort(), [['Cache flush', 'completed'], ['Load balancer swap', 'in_progress']]);
      for (const m of maintenances) {
        assert.ok(m.updated_at >= m.created_at, `${m.name}: updated_at ${m.updated_at} before created_at ${m.created_at}`);
        for (const u of m.incident_updates) assert.ok(u.created_at >= m.created_at, `${m.name}: ${u.status} update at ${u.created_at} before created_at ${m.created_at}`);
        assert.equal(m.updated_at, m.incident_updates[0]?.created_at, `${m.name}: updated at its newest update`);
      }
    });
  });
}
