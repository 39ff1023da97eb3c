import { z } from 'zod';
import { parseIncidentId } from '../../domain/incident/index.js';
import { incidentParams } from './api-schemas.js';
import { defineRoute, type ApiRoute } from './api-route.js';

const pagePersonBody = z.strictObject({
  personId: z.string().trim().min(1).max(200).describe('who to page (people: id); reached by their own notification rules'),
});

/** "Page this person" about an incident (the web app's incident room). */
export const PAGE_PERSON_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'POST', path: '/incidents/{id}/pages', summary: 'Page someone from people: about the incident, by their own notification rules; acknowledging cancels what still waits', permission: 'incident:work',
    params: incidentParams, body: pagePersonBody, status: 202, response: z.object({ detail: z.string() }),
    handle: async ({ deps, principal, params, body }) => {
      if (deps.oncallChanges === undefined) throw new Error('page routes registered without oncallChanges');
      return deps.oncallChanges.pagePerson(principal, parseIncidentId(params.id), body.personId);
    },
  }),
];
