// How many event streams one token may hold open at once: ten; the eleventh is refused with 429
// and a message saying what to do, other tokens are not affected, and a closed stream frees its slot.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Caller, type Harness } from './http-harness.js';
import { openSse, type SseReader } from './sse-reader.js';

describe('event streams per token', () => {
  let h: Harness;
  let base: string;
  const open: SseReader[] = [];
  const connect = async (as: Caller) => {
    const r = await openSse(`${base}/api/v1/events/stream`, { authorization: `Bearer ${h.tokens[as]}` });
    open.push(r);
    return r;
  };
  before(async () => {
    h = await startHarness('sqlite');
    base = await h.listen();
  });
  after(async () => {
    for (const r of open) r.close();
    await h.close();
  });

  it('refuses an eleventh stream of one token with 429 saying what to do, and lets other tokens connect', async () => {
    const streams: SseReader[] = [];
    for (let i = 0; i < 10; i++) streams.push(await connect('viewer'));
    assert.deepEqual(streams.map((s) => s.status), Array(10).fill(200));

    const abort = new AbortController();
    const refused = await fetch(`${base}/api/v1/events/stream`, { headers: { authorization: `Bearer ${h.tokens.viewer}` }, signal: abort.signal });
    if (refused.status !== 429) abort.abort();
    assert.equal(refused.status, 429);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    assert.equal(error.code, 'RATE_LIMITED');
    assert.match(error.message, /10 event streams/);
    assert.match(error.message, /[Cc]lose/);

    const other = await connect('responder');
    assert.equal(other.status, 200);

    // A closed stream frees its slot (the server notices the close on its own time).
    streams[0]!.close();
    let again: SseReader | undefined;
    for (let attempt = 0; attempt < 200 && again === undefined; attempt++) {
      const r = await connect('viewer');
      if (r.status === 200) again = r;
      else {
        r.close();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    assert.ok(again, 'a new stream connects once one of the ten is closed');
  });
});
