import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';
import { findAll, parseXml } from './parse-xml.js';
import { STATUS_PAGE_YAML } from './status-page-world.js';
import { DOCUMENT_SHAPES } from './statuspage-shape.js';

const T0 = '2024-01-15T14:30:00Z';

describe('publishing from the command line and exporting the page as static files', () => {
  let cwd: string;
  const ir = (args: string[]) => runBin(args, { cwd, env: { IR_NOW: T0 } });
  before(async () => {
    cwd = tempDir();
    await writeFile(join(cwd, 'incident-response.yaml'), STATUS_PAGE_YAML);
  });

  it('publishes with publish ID --component --impact --title, and writes every file with status-page export', async () => {
    assert.equal((await ir(['critical', 'outage', 'production', '--title', 'db-7 failover stuck'])).code, 0);
    const id = 'INC-2024-0115-001';
    assert.equal((await ir(['update', id, '--status', 'investigating', '--message', 'Users cannot reach the main application.'])).code, 0);
    const published = await ir(['publish', id, '--component', 'api', '--impact', 'critical', '--title', 'Service Outage']);
    assert.equal(published.stderr, '');
    assert.equal(published.stdout.trim(), `Published ${id} on the status page.`);
    assert.match((await ir(['publish', id, '--component', 'api', '--impact', 'critical', '--title', 'Service Outage'])).stdout, /nothing changed/);
    const wrong = await ir(['publish', id, '--component', 'apj', '--impact', 'critical']);
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.stderr, /did you mean 'api'/);

    const out = join(cwd, 'site');
    const exported = await ir(['status-page', 'export', '--out', out]);
    assert.equal(exported.stderr, '');
    assert.equal(exported.code, 0);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    assert.match(html, /Service Outage/);
    assert.match(html, /Next update by 15:00 UTC/);
    assert.ok(!html.includes('db-7'));
    for (const [path, shape] of Object.entries(DOCUMENT_SHAPES)) {
      const parsed = shape.safeParse(JSON.parse(await readFile(join(out, 'api/v2', path), 'utf8')));
      assert.ok(parsed.success, path);
    }
    const summary = JSON.parse(await readFile(join(out, 'api/v2/summary.json'), 'utf8'));
    assert.equal(summary.status.indicator, 'critical');
    assert.equal(summary.incidents[0].next_update_at, '2024-01-15T15:00:00.000Z');
    assert.equal(findAll(parseXml(await readFile(join(out, 'status/feed.rss'), 'utf8')), 'item').length, 1);
    assert.equal(findAll(parseXml(await readFile(join(out, 'status/feed.atom'), 'utf8')), 'entry').length, 1);

    assert.match((await ir(['unpublish', id])).stdout, new RegExp(`Took ${id} off the status page`));
  });

  it('refuses to publish a staging incident', async () => {
    await ir(['high', 'outage', 'staging']);
    const r = await ir(['publish', 'INC-2024-0115-002', '--impact', 'minor']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /only production incidents appear on the status page/);
  });
});
