/** @jsxImportSource @kitajs/html */
// The offline shell the service worker keeps: shown when the server cannot be reached.
import type { FastifyInstance } from 'fastify';
import { html } from '../components.js';
import type { WebContext } from '../web-context.js';

export function registerOfflinePage(scope: FastifyInstance, ctx: WebContext): void {
  scope.get('/app/offline', async (request, reply) => {
    const body = html(
      <>
        <h1>You are offline</h1>
        <div class="panel">
          <p>The incident-response server cannot be reached from this device right now.</p>
          <p>If you are on call, your SMS, voice and push pages still reach you; their acknowledgement links work once the connection is back.</p>
          <p><a href="/app">Try again</a></p>
        </div>
      </>,
    );
    return ctx.page(request, reply, { title: 'Offline', body, isAnonymous: true });
  });
}
