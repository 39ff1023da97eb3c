// A feed per component: someone who follows only the Web app reads the incidents that affect it,
// in RSS and in Atom, as a real feed parser (rss-parser) reads them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Parser from 'rss-parser';
import type { Harness } from '../http/http-harness.js';
import { STORE_KINDS } from '../support/stores.js';
import { caughtUp, declareIncident, postUpdate, publish, startStatusPageHarness } from './status-page-world.js';

for (const kind of STORE_KINDS) {
  describe(`status page feeds per component (${kind})`, () => {
    let h: Harness;
    before(async () => {
      h = await startStatusPageHarness(kind);
      const api = await declareIncident(h, { severity: 'critical', type: 'outage', environment: 'production', title: 'API down' });
      await postUpdate(h, api, 'investigating', 'Requests to the API fail.');
      await publish(h, api, { title: 'API errors', componentIds: ['api'], impact: 'major' });
      const web = await declareIncident(h, { severity: 'high', type: 'performance', environment: 'production', title: 'Web slow' });
      await postUpdate(h, web, 'identified', 'Pages load slowly in Europe.');
      await publish(h, web, { title: 'Slow web app', componentIds: ['web'], impact: 'minor' });
      await caughtUp(h);
    });
    after(() => h.close());

    it('lists only the incidents of that component, with its name in the title and its own self link', async () => {
      for (const [format, type] of [['rss', /^application\/rss\+xml/], ['atom', /^application\/atom\+xml/]] as const) {
        const res = await h.request('GET', `/status/components/web/feed.${format}`);
        assert.equal(res.statusCode, 200, format);
        assert.match(String(res.headers['content-type']), type);
        const feed = await new Parser().parseString(res.body);
        assert.equal(feed.title, 'Acme Status: Web app', format);
        assert.deepEqual(feed.items.map((i) => i.title), ['Slow web app'], format);
        assert.match(feed.items[0]!.content ?? '', /Pages load slowly in Europe\./, format);
        assert.match(res.body, new RegExp(`https://status\\.example\\.com/status/components/web/feed\\.${format}`), format);
      }
      const api = await new Parser().parseString((await h.request('GET', '/status/components/api/feed.atom')).body);
      assert.deepEqual(api.items.map((i) => i.title), ['API errors']);
      const all = await new Parser().parseString((await h.request('GET', '/status/feed.atom')).body);
      assert.deepEqual(all.items.map((i) => i.title).sort(), ['API errors', 'Slow web app']);
    });

    it('answers 404 for a component that is not on the page', async () => {
      assert.equal((await h.request('GET', '/status/components/nope/feed.rss')).statusCode, 404);
    });
  });
}
