import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTogether } from './start-together.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

describe('startTogether', () => {
  it('returns every started value in order', async () => {
    const [a, b] = await startTogether(
      { start: Promise.resolve('browser'), close: async () => undefined },
      { start: Promise.resolve(42), close: async () => undefined },
    );
    assert.equal(a, 'browser');
    assert.equal(b, 42);
  });

  it('closes what started, even after the failure, and then throws the failure', async () => {
    const closed: string[] = [];
    const slow = deferred<string>();
    const started = startTogether(
      { start: slow.promise, close: async (v) => { closed.push(v); } },
      { start: Promise.reject(new Error('chromium cannot start')), close: async () => { closed.push('never started'); } },
      { start: Promise.resolve('database'), close: async (v) => { closed.push(v); } },
    );
    // The server finishes starting only after the browser has already failed.
    slow.resolve('serve process');
    await assert.rejects(started, /chromium cannot start/);
    assert.deepEqual(closed.sort(), ['database', 'serve process']);
  });

  it('throws the first failure when closing also fails', async () => {
    await assert.rejects(startTogether(
      { start: Promise.resolve(1), close: async () => { throw new Error('close failed'); } },
      { start: Promise.reject(new Error('start failed')), close: async () => undefined },
    ), /start failed/);
  });
});
