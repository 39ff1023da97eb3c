// A minimal Server-Sent Events client for tests: collects frames, waits for conditions, closes.
import { request, type ClientRequest } from 'node:http';

export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

export interface SseReader {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly frames: SseFrame[];
  /** Frames with an event (comments and retry lines left out). */
  events(): SseFrame[];
  waitFor(predicate: (frames: SseFrame[]) => boolean, timeoutMs: number, what?: string): Promise<void>;
  /** Whether the server ended the response. */
  isEnded(): boolean;
  close(): void;
}

export function openSse(url: string, headers: Record<string, string>): Promise<SseReader> {
  return new Promise((resolve, reject) => {
    const frames: SseFrame[] = [];
    const waiters = new Set<() => void>();
    let buffer = '';
    let ended = false;
    const req: ClientRequest = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const frame: SseFrame = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) frame.comment = line.slice(1).trim();
            else {
              const i = line.indexOf(':');
              const field = line.slice(0, i);
              const value = line.slice(i + 1).replace(/^ /, '');
              if (field === 'id' || field === 'event' || field === 'data') frame[field] = value;
            }
          }
          frames.push(frame);
        }
        for (const w of waiters) w();
      });
      res.on('end', () => {
        ended = true;
        for (const w of waiters) w();
      });
      res.on('error', () => undefined);
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        frames,
        events: () => frames.filter((f) => f.event !== undefined),
        waitFor(predicate, timeoutMs, what = 'condition') {
          return new Promise((done, fail) => {
            const check = () => {
              if (!predicate(frames)) return;
              clearTimeout(timer);
              waiters.delete(check);
              done();
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; frames: ${JSON.stringify(frames)}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        isEnded: () => ended,
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
