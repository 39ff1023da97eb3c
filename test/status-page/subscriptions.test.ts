// Story: Ann subscribes to the API component by e-mail and a partner's webhook to the whole page.
// Nothing is sent until each follows its confirmation link; then every public update becomes one
// notice per subscriber that follows it, planned once however often the page is rebuilt, with the
// public title only and a link that unsubscribes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OutboxRecord } from '../../src/app/ports/index.js';
import { StatusSubscriptions } from '../../src/app/status-page/index.js';
import { nodeSecretSource } from '../../src/main/node-secret-source.js';
import { noticePlanner, statusPageReader } from '../../src/main/status-page-wiring.js';
import type { Harness } from '../http/http-harness.js';
import { STORE_KINDS } from '../support/stores.js';
import { caughtUp, declareIncident, postUpdate, publish, startStatusPageHarness, startSubscribableHarness } from './status-page-world.js';

const WEBHOOK = 'https://hooks.partner.example.net/status';

const form = (fields: Record<string, string>) => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
const linkIn = (text: string, action: 'confirm' | 'unsubscribe'): string => {
  const m = new RegExp(`https://status\\.example\\.com(/status/subscriptions/${action}/[A-Za-z0-9_-]+)`).exec(text);
  assert.ok(m, `no ${action} link in: ${text}`);
  return m[1]!;
};

for (const kind of STORE_KINDS) {
  describe(`status page subscriptions without their channels (${kind})`, () => {
    it('offers no form and refuses to subscribe when neither e-mail nor webhooks are configured', async () => {
      const plain = await startStatusPageHarness(kind);
      try {
        const page = await plain.request('GET', '/status');
        assert.doesNotMatch(page.body, /<form class="subscribe"/);
        assert.match(page.body, /Follow a component/);
        const refused = await plain.request('POST', '/status/subscriptions', { body: { kind: 'email', address: 'ann@example.com' } });
        assert.equal(refused.statusCode, 400);
        assert.match(refused.body, /email subscriptions are not offered on this page/);
        assert.deepEqual((await plain.app.store.listMessages({ limit: 100 })).filter((m) => m.purpose === 'subscription'), []);
      } finally {
        await plain.close();
      }
    });
  });

  describe(`status page subscriptions (${kind})`, () => {
    let h: Harness;
    const subscriptionMessages = async (): Promise<OutboxRecord[]> => (await h.app.store.listMessages({ limit: 1000 })).filter((m) => m.purpose === 'subscription');
    before(async () => {
      h = await startSubscribableHarness(kind);
    });
    after(() => h.close());

    it('sends a confirmation link only, once an hour at most, and refuses what is not an address or a component', async () => {
      const asked = await h.request('POST', '/status/subscriptions', form({ kind: 'email', address: 'Ann@Example.com', component: 'api' }));
      assert.equal(asked.statusCode, 202);
      assert.match(asked.body, /confirmation link is on its way/);
      assert.equal((await h.request('POST', '/status/subscriptions', form({ kind: 'email', address: 'ann@example.com', component: 'api' }))).statusCode, 202);
      const sent = await subscriptionMessages();
      assert.equal(sent.length, 1, 'asking twice sends one confirmation');
      assert.equal(sent[0]!.channel, 'email');
      assert.equal(sent[0]!.address, 'ann@example.com');
      assert.match(sent[0]!.subject, /Confirm your subscription to Public API on Acme Status/);
      assert.deepEqual(await h.app.store.listConfirmedStatusSubscribers(), []);

      const bad = await h.request('POST', '/status/subscriptions', form({ kind: 'email', address: 'not-an-address' }));
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /address must be an e-mail address/);
      const json = await h.request('POST', '/status/subscriptions', { body: { kind: 'webhook', address: WEBHOOK, component: 'apii' } });
      assert.equal(json.statusCode, 400);
      assert.deepEqual((json.json() as { error: { details: { path: string }[] } }).error.details.map((d) => d.path), ['component']);
      const insecure = await h.request('POST', '/status/subscriptions', { body: { kind: 'webhook', address: 'http://10.0.0.5/hook' } });
      assert.equal(insecure.statusCode, 400);
    });

    it('confirms on POST to the link (GET only shows it), and then sends each public update to the subscribers who follow it', async () => {
      const confirm = linkIn((await subscriptionMessages())[0]!.text, 'confirm');
      const shown = await h.request('GET', confirm);
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, /<button type="submit">Confirm the subscription<\/button>/);
      assert.deepEqual(await h.app.store.listConfirmedStatusSubscribers(), [], 'GET changes nothing');
      assert.equal((await h.request('POST', confirm, form({}))).statusCode, 200);

      assert.equal((await h.request('POST', '/status/subscriptions', { body: { kind: 'webhook', address: WEBHOOK } })).statusCode, 202);
      const webhookConfirm = (await subscriptionMessages()).find((m) => m.address === WEBHOOK)!;
      assert.equal(webhookConfirm.channel, 'webhook');
      assert.equal((await h.request('POST', linkIn(webhookConfirm.text, 'confirm'), form({}))).statusCode, 200);
      assert.equal((await h.app.store.listConfirmedStatusSubscribers()).length, 2);

      const web = await declareIncident(h, { severity: 'high', type: 'performance', environment: 'production', title: 'CDN node fra-3 dropping packets' });
      await postUpdate(h, web, 'investigating', 'Pages load slowly in Europe.');
      await publish(h, web, { title: 'Slow web app in Europe', componentIds: ['web'], impact: 'minor' });
      await caughtUp(h);
      await noticePlanner(h.app).settled();

      const notices = (await subscriptionMessages()).filter((m) => m.subject.startsWith('[Acme Status]'));
      assert.deepEqual(notices.map((m) => [m.channel, m.address]), [['webhook', WEBHOOK]], 'Ann follows the API only');
      const [notice] = notices;
      assert.equal(notice!.subject, '[Acme Status] Slow web app in Europe: Investigating');
      assert.match(notice!.text, /Investigating: Pages load slowly in Europe\./);
      assert.doesNotMatch(`${notice!.subject}\n${notice!.text}`, /INC-|CDN node fra-3/);
      assert.equal(notice!.incidentId, undefined, 'a notice carries no internal incident');
      linkIn(notice!.text, 'unsubscribe');

      assert.equal(await noticePlanner(h.app).planOnce(), 0, 'an update is announced once');
      // Another server on the same database sees the same updates: they were claimed, so it queues nothing.
      const otherServer = new StatusSubscriptions({
        store: h.app.store, enqueue: async () => assert.fail('nothing to queue'), secrets: nodeSecretSource, clock: h.app.clock,
        page: h.app.config.statusPage!, newId: () => 'msg_other', kinds: ['email', 'webhook'],
      });
      assert.equal(await otherServer.planNotices(await statusPageReader(h.app)!.read(h.app.clock.now())), 0);

      const api = await declareIncident(h, { severity: 'critical', type: 'outage', environment: 'production', title: 'API down' });
      await postUpdate(h, api, 'identified', 'A certificate expired; renewing it.');
      await publish(h, api, { title: 'API errors', componentIds: ['api'], impact: 'major' });
      await caughtUp(h);
      await noticePlanner(h.app).settled();
      const apiNotices = (await subscriptionMessages()).filter((m) => m.subject === '[Acme Status] API errors: Identified');
      assert.deepEqual(apiNotices.map((m) => m.address).sort(), ['ann@example.com', WEBHOOK]);
    });

    it('unsubscribes from the link in a notice: no more notices, and the link then answers 404', async () => {
      const annNotice = (await subscriptionMessages()).find((m) => m.address === 'ann@example.com' && m.subject.startsWith('[Acme Status]'))!;
      const unsubscribe = linkIn(annNotice.text, 'unsubscribe');
      assert.equal((await h.request('POST', unsubscribe, form({}))).statusCode, 200);
      assert.deepEqual((await h.app.store.listConfirmedStatusSubscribers()).map((s) => s.address), [WEBHOOK]);
      assert.equal((await h.request('GET', unsubscribe)).statusCode, 404);

      const before = (await subscriptionMessages()).length;
      const api = await declareIncident(h, { severity: 'high', type: 'outage', environment: 'production', title: 'API slow again' });
      await postUpdate(h, api, 'monitoring', 'A fix is out; we are watching.');
      await publish(h, api, { title: 'API latency', componentIds: ['api'], impact: 'minor' });
      await caughtUp(h);
      await noticePlanner(h.app).settled();
      const added = (await subscriptionMessages()).slice(before);
      assert.deepEqual(added.map((m) => m.address), [WEBHOOK]);
    });
  });
}
