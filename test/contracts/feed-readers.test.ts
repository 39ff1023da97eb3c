// The RSS and Atom feeds read by a real feed parser (rss-parser, as feed readers use it): an update's
// text reaches the reader literally, "<endpoint>" and "&" included, instead of being taken for HTML.
// SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Parser from 'rss-parser';
import { STORE_KINDS } from '../support/stores.js';
import type { Harness } from '../http/http-harness.js';
import { caughtUp, declareIncident, postUpdate, publish, startStatusPageHarness } from '../status-page/status-page-world.js';

const UPDATE = 'We see errors on <endpoint> /v2/orders & retries <b>failing</b>.';
const TITLE = 'Errors on <endpoint> & checkout';

for (const kind of STORE_KINDS) {
  describe(`status feeds in a feed parser: ${kind}`, () => {
    let h: Harness;
    before(async () => {
      h = await startStatusPageHarness(kind);
      const id = await declareIncident(h, { severity: 'high', type: 'outage', environment: 'production', title: 'Orders API 500s' });
      await postUpdate(h, id, 'investigating', UPDATE);
      await publish(h, id, { title: TITLE, componentIds: ['api'], impact: 'major' });
      await caughtUp(h);
    });
    after(() => h?.close());

    for (const path of ['/status/feed.rss', '/status/feed.atom']) {
      it(`${path}: the item's title and text keep "<endpoint>" literally`, async () => {
        const res = await h.request('GET', path);
        assert.equal(res.statusCode, 200);
        const feed = await new Parser().parseString(res.body);
        assert.equal(feed.items.length, 1);
        const item = feed.items[0]!;
        assert.equal(item.title, TITLE);
        // contentSnippet is the content as a reader shows it: markup removed, entities decoded.
        assert.ok(item.contentSnippet?.includes(UPDATE), `the reader shows: ${item.contentSnippet}`);
        assert.ok(item.content?.includes('errors on &lt;endpoint&gt;'), `the content is HTML with the text escaped: ${item.content}`);
      });
    }
  });
}
