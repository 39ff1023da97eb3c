// The web app's files over HTTP, in process: content-hashed addresses cached for a year, the
// service worker and manifest under fixed names, the offline page without a session.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from '../http/http-harness.js';

describe('the web app files', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('sqlite');
  });
  after(() => h.close());

  it('links the stylesheet and script by content hash and serves them for a year, unchanged', async () => {
    const page = await h.server.inject({ method: 'GET', url: '/app/sign-in' });
    const css = /<link rel="stylesheet" href="(\/app\/assets\/app\.css\?v=[0-9a-f]{12})"/.exec(page.body)?.[1];
    const js = /<script src="(\/app\/assets\/app\.js\?v=[0-9a-f]{12})" defer>/.exec(page.body)?.[1];
    assert.ok(css && js, page.body);
    for (const url of [css, js]) {
      const res = await h.server.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    }
    assert.match(String((await h.server.inject({ method: 'GET', url: css })).headers['content-type']), /^text\/css/);
    assert.equal((await h.server.inject({ method: 'GET', url: '/app/assets/secrets.txt' })).statusCode, 404);
  });

  it('serves the service worker for /app/ and the manifest under fixed names, revalidated', async () => {
    const sw = await h.server.inject({ method: 'GET', url: '/app/sw.js' });
    assert.equal(sw.statusCode, 200);
    assert.equal(sw.headers['cache-control'], 'no-cache');
    assert.match(sw.body, /addEventListener\('push'/);
    assert.match(sw.body, /addEventListener\('notificationclick'/);
    const manifest = await h.server.inject({ method: 'GET', url: '/app/manifest.webmanifest' });
    const parsed = manifest.json() as { start_url: string; scope: string; display: string };
    assert.deepEqual([parsed.start_url, parsed.scope, parsed.display], ['/app', '/app/', 'standalone']);
  });

  it('serves the offline page without a session and without anyone\'s name or form token', async () => {
    const res = await h.server.inject({ method: 'GET', url: '/app/offline' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /You are offline/);
    assert.doesNotMatch(res.body, /_csrf|Sign out/);
  });
});
