// Two `serve` processes on one PostgreSQL database with one session secret: a web session signed in
// on one works on the other; signing out on the first ends it on the second within its next read
// of the store (every 500 ms), and on a server started afterwards.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/stores.js';
import { waitFor } from '../e2e/e2e-support.js';
import { createToken, startServe, type ServeProcess } from '../http/serve-process.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };

describe('a web sign-out on one server', () => {
  let db: TestDatabase;
  let dir: string;
  let env: Record<string, string>;
  const servers: ServeProcess[] = [];

  before(async () => {
    db = await createTestDatabase('postgres');
    dir = tempDir('ir-signout-');
    writeFileSync(join(dir, 'incident-response.yaml'), 'services:\n  checkout: { name: Checkout }\n');
    env = { DATABASE_URL: db.location, IR_SESSION_SECRET: 'a-session-secret-shared-by-every-instance-0123456789' };
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await db?.cleanup();
  });

  const page = (server: ServeProcess, cookie: string) => fetch(`${server.url}/app`, { headers: { cookie }, redirect: 'manual' });

  it('holds on the other servers and after a restart', async () => {
    const token = await createToken(dir, env, 'alice-browser', 'responder');
    for (let i = 0; i < 2; i++) servers.push(await startServe(dir, env));
    const [a, b] = servers as [ServeProcess, ServeProcess];

    const signIn = await fetch(`${a.url}/app/sign-in`, { method: 'POST', headers: FORM, body: new URLSearchParams({ token }).toString(), redirect: 'manual' });
    assert.equal(signIn.status, 303);
    const cookie = /^(ir_session=[^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
    assert.ok(cookie !== undefined, 'no session cookie');
    assert.equal((await page(b, cookie)).status, 200, 'the session works on the other server');

    const home = await (await page(a, cookie)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home)?.[1];
    assert.ok(csrf !== undefined);
    const signOut = await fetch(`${a.url}/app/sign-out`, { method: 'POST', headers: { ...FORM, cookie }, body: new URLSearchParams({ _csrf: csrf }).toString(), redirect: 'manual' });
    assert.equal(signOut.status, 303);
    assert.equal((await page(a, cookie)).status, 303, 'signed out where it happened');

    await waitFor('the sign-out on the other server', async () => ((await page(b, cookie)).status === 303 ? true : undefined), 5_000, 50);
    assert.equal((await page(b, cookie)).headers.get('location'), '/app/sign-in');

    await b.stop();
    const restarted = await startServe(dir, env);
    servers.push(restarted);
    assert.equal((await page(restarted, cookie)).status, 303, 'a signed-out cookie worked again after a restart');
  });
});
