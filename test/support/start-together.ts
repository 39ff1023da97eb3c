// Starting several test resources at once (a browser, a server, a database) without leaking any:
// Promise.all rejects at the first failure while the others go on starting and are never closed,
// so their processes outlive the test and keep its file from ending.

export interface Startable<T> {
  readonly start: Promise<T>;
  readonly close: (started: T) => Promise<unknown>;
}

/**
 * Awaits every start. When all succeeded, returns their values in order; otherwise closes each one
 * that did start (failures to close are ignored) and throws the first failure.
 */
export async function startTogether<T extends unknown[]>(...startables: { [K in keyof T]: Startable<T[K]> }): Promise<T> {
  const all = startables as readonly Startable<unknown>[];
  const settled = await Promise.allSettled(all.map((s) => s.start));
  const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure === undefined) return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as T;
  await Promise.allSettled(settled.map((r, i) => (r.status === 'fulfilled' ? all[i]!.close(r.value) : undefined)));
  throw failure.reason;
}
