import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';
import { STORE_KINDS } from '../support/stores.js';
import type { Harness } from '../http/http-harness.js';
import { DOCUMENT_SHAPES } from './statuspage-shape.js';
import { STATUS_PAGE_YAML, getJson, startStatusPageHarness } from './status-page-world.js';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

for (const kind of STORE_KINDS) {
  describe(`scheduled maintenance over HTTP (${kind})`, () => {
    let h: Harness;
    before(async () => {
      h = await startStatusPageHarness(kind);
    });
    after(() => h.close());

    const schedule = (body: unknown, as: 'responder' | 'viewer' = 'responder') => h.request('POST', '/api/v1/maintenances', { as, body });

    it('shows a scheduled window in upcoming.json and summary.json, then an active one as under_maintenance', async () => {
      const now = Date.now();
      const later = await schedule({ title: 'Database upgrade', componentIds: ['web'], startsAt: iso(now + 2 * HOUR), endsAt: iso(now + 3 * HOUR), message: 'Sign-in may be slow for five minutes.' });
      assert.equal(later.statusCode, 201, later.body);
      const laterId = later.json().window.id as string;
      const upcoming = await getJson(h, 'scheduled-maintenances/upcoming.json');
      assert.deepEqual(upcoming['scheduled_maintenances'].map((m: { id: string }) => m.id), [laterId]);
      assert.equal(upcoming['scheduled_maintenances'][0].incident_updates[0].body, 'Sign-in may be slow for five minutes.');

      const active = await schedule({ title: 'Load balancer swap', componentIds: ['api'], startsAt: iso(now - 60_000), endsAt: iso(now + HOUR) });
      assert.equal(active.statusCode, 201, active.body);
      const activeId = active.json().window.id as string;
      assert.deepEqual((await getJson(h, 'scheduled-maintenances/active.json'))['scheduled_maintenances'].map((m: { id: string }) => m.id), [activeId]);
      const summary = await getJson(h, 'summary.json');
      assert.equal(summary['components'].find((c: { id: string }) => c.id === 'api').status, 'under_maintenance');
      assert.equal(summary['components'].find((c: { id: string }) => c.id === 'web').status, 'operational');
      assert.deepEqual(summary['status'], { indicator: 'none', description: 'Service Under Maintenance' });
      assert.deepEqual(summary['scheduled_maintenances'].map((m: { id: string; status: string }) => [m.id, m.status]), [[activeId, 'in_progress'], [laterId, 'scheduled']]);
      for (const path of ['summary.json', 'scheduled-maintenances.json', 'scheduled-maintenances/upcoming.json', 'scheduled-maintenances/active.json'] as const) {
        const parsed = DOCUMENT_SHAPES[path].safeParse(await getJson(h, path));
        assert.ok(parsed.success, path);
      }
      const page = await h.request('GET', '/status');
      assert.match(page.body, /Load balancer swap/);
      assert.match(page.body, /Sign-in may be slow for five minutes\./);

      const listed = await h.request('GET', '/api/v1/maintenances', { as: 'viewer' });
      assert.deepEqual(listed.json().items.map((w: { id: string }) => w.id), [activeId, laterId]);

      const cancelled = await h.request('DELETE', `/api/v1/maintenances/${activeId}`, { as: 'responder' });
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal(cancelled.json().changed, true);
      assert.equal((await h.request('DELETE', `/api/v1/maintenances/${activeId}`, { as: 'responder' })).json().changed, false);
      const after = await getJson(h, 'summary.json');
      assert.equal(after['components'].find((c: { id: string }) => c.id === 'api').status, 'operational');
      assert.equal((await getJson(h, 'scheduled-maintenances/active.json'))['scheduled_maintenances'].length, 0);
    });

    it('refuses viewers, unknown components, windows that end before they start, and unknown ids', async () => {
      const now = Date.now();
      const body = { title: 'x', componentIds: ['api'], startsAt: iso(now + HOUR), endsAt: iso(now + 2 * HOUR) };
      assert.equal((await schedule(body, 'viewer')).statusCode, 403);
      const unknown = await schedule({ ...body, componentIds: ['apj'] });
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.json().error.message, /unknown component 'apj'/);
      const backwards = await schedule({ ...body, endsAt: iso(now) });
      assert.equal(backwards.statusCode, 400);
      assert.match(backwards.json().error.message, /must end after it starts/);
      assert.equal((await h.request('DELETE', '/api/v1/maintenances/mnt_nothing', { as: 'responder' })).statusCode, 404);
    });
  });
}

describe('maintenance from the command line', () => {
  let cwd: string;
  const ir = (args: string[]) => runBin(args, { cwd, env: { IR_NOW: '2026-11-28T14:30:00Z' } });
  before(async () => {
    cwd = tempDir();
    await writeFile(join(cwd, 'incident-response.yaml'), STATUS_PAGE_YAML);
  });

  it('schedules with maintenance schedule, lists and cancels it, with exit codes for mistakes', async () => {
    const scheduled = await ir(['maintenance', 'schedule', '--title', 'Database upgrade', '--starts', '2026-11-29T02:00Z', '--ends', '+90m', '--components', 'api,web', '--message', 'Brief read-only period.', '--json']);
    assert.equal(scheduled.code, 0, scheduled.stderr);
    const window = JSON.parse(scheduled.stdout);
    assert.deepEqual([window.startsAt, window.endsAt, window.componentIds, window.message], ['2026-11-29T02:00:00.000Z', '2026-11-29T03:30:00.000Z', ['api', 'web'], 'Brief read-only period.']);
    const listed = await ir(['maintenance', 'list']);
    assert.equal(listed.code, 0);
    assert.match(listed.stdout, new RegExp(`${window.id}\\s+scheduled.*\\[api, web\\]\\s+Database upgrade`));

    const badComponent = await ir(['maintenance', 'schedule', '--title', 'x', '--starts', 'now', '--ends', '+1h', '--components', 'apj']);
    assert.equal(badComponent.code, 2);
    assert.match(badComponent.stderr, /unknown component 'apj'/);
    const badTime = await ir(['maintenance', 'schedule', '--title', 'x', '--starts', 'tomorrow-ish', '--ends', '+1h', '--components', 'api']);
    assert.equal(badTime.code, 2);
    assert.match(badTime.stderr, /--starts: 'tomorrow-ish' is not a time/);
    const missing = await ir(['maintenance', 'schedule', '--title', 'x']);
    assert.notEqual(missing.code, 0);

    const cancelled = await ir(['maintenance', 'cancel', window.id]);
    assert.equal(cancelled.code, 0, cancelled.stderr);
    assert.match(cancelled.stdout, /Cancelled maintenance/);
    assert.match((await ir(['maintenance', 'list'])).stdout, /No maintenance is scheduled/);
    const unknown = await ir(['maintenance', 'cancel', 'mnt_nothing']);
    assert.equal(unknown.code, 3);
  });
});
