import { AppError } from '../../domain/errors/index.js';
import { HIJACKED, defineRoute, type ApiRoute } from './api-route.js';
import { eventStream } from './api-schemas.js';
import type { EventHub, ReadFeed } from './event-hub.js';
import { SseClient } from './sse-client.js';
import { StreamSlots } from './stream-slots.js';

/**
 * GET /events/stream: Server-Sent Events of every incident the caller may see, `id:` the global
 * sequence number, resumable with Last-Event-ID (replays everything after it). One token holds at
 * most `maxStreamsPerToken` open at once (live token names are unique; a web session streams as its token).
 */
export function eventStreamRoute(hub: EventHub, readFeed: ReadFeed, heartbeatMs: number, maxStreamsPerToken: number): ApiRoute {
  const slots = new StreamSlots(maxStreamsPerToken);
  return defineRoute({
    method: 'GET', path: '/events/stream', summary: 'Live incident events (Server-Sent Events)', permission: 'incident:read',
    status: 200, response: eventStream, produces: 'text/event-stream',
    async handle({ principal, request, reply, deps }) {
      const header = request.headers['last-event-id'];
      const lastEventId = Array.isArray(header) ? header.join(',') : header?.trim();
      let cursor: number;
      if (lastEventId === undefined) cursor = (await deps.store.chainHead()).seq;
      else if (/^\d{1,15}$/.test(lastEventId)) cursor = Number(lastEventId);
      else throw new AppError('VALIDATION', 'Last-Event-ID must be the id of an event this stream sent (a sequence number).', { issues: [{ path: 'Last-Event-ID', message: 'not a sequence number' }] });

      const release = slots.take(principal.name);
      reply.hijack();
      const res = reply.raw;
      res.once('close', release);
      // Headers set so far (security headers, request id) would be lost with the hijack: pass them on.
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) res.setHeader(name, value);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 1000\n: connected\n\n');
      const client = new SseClient(res, principal, cursor, request.tokenHash);
      // A resuming client replays from its own cursor; an idle poller need not reread that history.
      const liveFrom = lastEventId === undefined ? cursor : Math.max(cursor, (await deps.store.chainHead()).seq);
      const unsubscribe = hub.subscribe(client, liveFrom);
      const heartbeat = setInterval(() => client.heartbeat(), heartbeatMs);
      res.on('close', () => {
        unsubscribe();
        clearInterval(heartbeat);
      });
      try {
        await client.catchUp(readFeed);
      } catch (error) {
        request.log.warn({ err: error }, 'event stream replay failed');
        client.end();
      }
      return HIJACKED;
    },
  });
}
