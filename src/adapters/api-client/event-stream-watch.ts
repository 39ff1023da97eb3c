import { parseBaseUrl } from './parse-base-url.js';

export interface EventStreamWatchOptions {
  /** The server's root URL, as for the remote CLI. */
  readonly baseUrl: string;
  readonly token: string | undefined;
  /** Called for each event the server sends (not for comments or heartbeats). */
  readonly onEvent: () => void;
  /** Called when the stream could not be opened or broke; it is opened again after `retryMs`. */
  readonly onError?: (message: string) => void;
  readonly retryMs?: number;
  readonly fetch?: typeof fetch;
}

/**
 * Follows GET /api/v1/events/stream (Server-Sent Events) and reports each event, resuming with
 * Last-Event-ID after a break. Returns a function that closes the stream for good.
 */
export function watchEventStream(options: EventStreamWatchOptions): () => void {
  const url = `${parseBaseUrl(options.baseUrl).href.replace(/\/$/, '')}/api/v1/events/stream`;
  const doFetch = options.fetch ?? globalThis.fetch;
  const retryMs = options.retryMs ?? 2000;
  const abort = new AbortController();
  let lastId: string | undefined;
  let stopped = false;

  const connect = async (): Promise<void> => {
    while (!stopped) {
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (options.token !== undefined && options.token !== '') headers['authorization'] = `Bearer ${options.token}`;
        if (lastId !== undefined) headers['last-event-id'] = lastId;
        const res = await doFetch(url, { headers, signal: abort.signal, redirect: 'manual' });
        if (res.status !== 200 || res.body === null) {
          options.onError?.(`the event stream answered ${res.status}`);
          await res.body?.cancel();
        } else {
          await read(res.body);
        }
      } catch (e) {
        if (stopped) return;
        options.onError?.(e instanceof Error ? e.message : String(e));
      }
      if (!stopped) await new Promise((r) => setTimeout(r, retryMs));
    }
  };

  const read = async (body: ReadableStream<Uint8Array>): Promise<void> => {
    const decoder = new TextDecoder();
    let buffer = '';
    let hasData = false;
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (line === '') {
          if (hasData) options.onEvent();
          hasData = false;
        } else if (line.startsWith('id:')) {
          lastId = line.slice(3).trim();
        } else if (line.startsWith('data:')) {
          hasData = true;
        }
      }
    }
  };

  void connect();
  return () => {
    stopped = true;
    abort.abort();
  };
}
