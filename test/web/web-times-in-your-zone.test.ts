// The web app shows each signed-in person times in their own zone (people.<id>.time_zone), others
// in display_time_zone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { declare, startHarness, type Harness } from '../http/http-harness.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('web app times in the signed-in person\'s zone', () => {
  let h: Harness;
  before(async () => {
    // The harness's tokens are named by role: the responder is a person here, with their own zone.
    h = await startHarness('sqlite', {}, { configYaml: 'display_time_zone: Europe/London\npeople:\n  responder:\n    time_zone: Asia/Tokyo\n' });
    await declare(h, { severity: 'high', type: 'outage', environment: 'production', title: 'Checkout errors' });
  });
  after(() => h.close());

  async function pageAs(caller: 'responder' | 'commander', url: string): Promise<string> {
    const signIn = await h.server.inject({ method: 'POST', url: '/app/sign-in', headers: FORM, payload: `token=${encodeURIComponent(h.tokens[caller])}` });
    assert.equal(signIn.statusCode, 303, signIn.body);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const page = await h.server.inject({ method: 'GET', url, headers: { cookie } });
    assert.equal(page.statusCode, 200);
    return page.body;
  }

  it('tells the responder their dashboard is in Tokyo time, and a commander without a zone London time', async () => {
    assert.match(await pageAs('responder', '/app'), /Times in <span>Asia\/Tokyo<\/span>/);
    assert.match(await pageAs('commander', '/app'), /Times in <span>Europe\/London<\/span>/);
  });

  it('lists incidents with times at the person\'s offset', async () => {
    assert.match(await pageAs('responder', '/app/incidents'), /\+09:00/);
    assert.doesNotMatch(await pageAs('commander', '/app/incidents'), /\+09:00/);
  });
});
