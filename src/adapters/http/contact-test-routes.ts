import { z } from 'zod';
import { defineRoute, type ApiRoute } from './api-route.js';
import type { ServerDeps } from './server-deps.js';

const testPageBody = z.strictObject({
  method: z.string().trim().min(1).max(20).optional().describe('sms | voice | email | slack | teams | webhook; default every verified method'),
});
const contactTestDto = z.object({
  id: z.string(), personId: z.string(), contactMethodId: z.string(), method: z.string(), at: z.string(),
  outcome: z.enum(['delivered', 'failed']), detail: z.string(),
});

function contactTests(deps: ServerDeps) {
  if (deps.oncallChanges === undefined) throw new Error('contact-test routes registered without oncallChanges');
  return deps.oncallChanges.contactTests;
}

/** "Send me a test page": the CLI's `notify test`. Anyone may test their own contact methods, commanders and admins anyone's. */
export const CONTACT_TEST_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'POST', path: '/people/{id}/test-page', summary: 'Send a test message to a person\'s contact methods and record whether it arrived', permission: 'incident:read',
    params: z.strictObject({ id: z.string().max(200) }), body: testPageBody, status: 200, response: z.object({ items: z.array(contactTestDto) }),
    handle: async ({ deps, principal, params, body }) => ({ items: await contactTests(deps).sendTest(principal, params.id, body.method) }),
  }),
];
