import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IntegrationRecord } from '../ports/index.js';
import { epochMs } from '../../domain/time/index.js';
import { emptyReport, type IngestRequest } from './ingest-request.js';
import { SignalBatcher } from './signal-batcher.js';

const integration = { id: 'int_1' } as IntegrationRecord;
const request = (n: number): IngestRequest => ({ integration, signals: Array.from({ length: n }, () => ({}) as never) });

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((r) => (release = r));
  return { promise, release };
}

describe('SignalBatcher (group commit)', () => {
  it('commits concurrent requests together and answers each only after its commit', async () => {
    const commits: number[] = [];
    const gate = deferred();
    const batcher = new SignalBatcher(async (requests) => {
      commits.push(requests.length);
      await gate.promise;
      return emptyReport();
    }, () => epochMs(0), { lingerMs: 1, maxBatchSignals: 100, maxQueuedSignals: 1000 });
    let settled = 0;
    const all = [1, 2, 3].map(() => batcher.submit(request(1)).then((o) => {
      settled++;
      return o;
    }));
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(commits, [3]);
    assert.equal(settled, 0, 'nobody is answered before the commit');
    gate.release();
    assert.deepEqual((await Promise.all(all)).map((o) => o.kind), ['committed', 'committed', 'committed']);
  });

  it('refuses as overloaded above the queue bound, without queuing', async () => {
    const gate = deferred();
    const batcher = new SignalBatcher(async () => {
      await gate.promise;
      return emptyReport();
    }, () => epochMs(0), { lingerMs: 0, maxBatchSignals: 2, maxQueuedSignals: 3 });
    const first = batcher.submit(request(2));
    await new Promise((r) => setTimeout(r, 5)); // the first batch is committing
    const queued = batcher.submit(request(3));
    const refused = await batcher.submit(request(1));
    assert.equal(refused.kind, 'overloaded');
    gate.release();
    assert.equal((await first).kind, 'committed');
    assert.equal((await queued).kind, 'committed');
  });

  it('retries a failed batch one request at a time, so only the bad request fails', async () => {
    const batcher = new SignalBatcher(async (requests) => {
      if (requests.some((r) => r.signals.length === 2)) throw new Error('bad request');
      return emptyReport();
    }, () => epochMs(0), { lingerMs: 1, maxBatchSignals: 100, maxQueuedSignals: 1000 });
    const [a, b, c] = await Promise.allSettled([batcher.submit(request(1)), batcher.submit(request(2)), batcher.submit(request(1))]);
    assert.equal(a.status, 'fulfilled');
    assert.equal(b.status, 'rejected');
    assert.equal(c.status, 'fulfilled');
  });
});
