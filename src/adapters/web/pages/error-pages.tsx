/** @jsxImportSource @kitajs/html */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../components.js';
import type { WebContext } from '../web-context.js';

/** A form post without this session's CSRF token, or from another site. */
export function refuseFormPage(ctx: WebContext, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const body = html(
    <>
      <h1>Form expired</h1>
      <div class="error" role="alert">This form was not sent from this app or has expired (CSRF check). Go back, reload the page and try again.</div>
    </>,
  );
  return ctx.page(request, reply, { title: 'Form expired', body, status: 403 });
}
