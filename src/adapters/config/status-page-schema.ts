import { z } from 'zod';
import type { StatusPageConfig } from '../../app/config/index.js';
import { checkTimeZone } from './check-time-zone.js';
import { expectedError } from './config-error-map.js';

/** Component ids are typed on the command line (`publish ID --component api`). */
const COMPONENT_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function text() {
  return z.string({ error: expectedError('text') }).trim().min(1, 'must not be empty');
}

const componentSchema = z
  .strictObject({
    id: z
      .string({ error: expectedError('a component id such as api') })
      .regex(COMPONENT_ID_PATTERN, "component ids are 1-64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. api)")
      .meta({ description: 'Stable id, used on the command line and as the component id in the JSON.' }),
    name: text().meta({ description: 'What customers read, e.g. "Checkout API".' }),
    description: text().meta({ description: 'One line under the name.' }).optional(),
    group: text().meta({ description: 'A heading to group components under, e.g. "Europe".' }).optional(),
  })
  .meta({ id: 'StatusPageComponent', description: 'A part of the service customers see on the status page.' });

/** `status_page:` — the public page. Without it the page is not served and nothing can be published. */
export function statusPageSchema() {
  return z
    .strictObject({
      name: text().meta({ description: 'The page title, e.g. "Acme Status".' }),
      url: z
        .string({ error: expectedError('a URL such as https://status.example.com') })
        .refine((u) => /^https?:\/\//.test(u) && URL.canParse(u), 'expected an http(s) URL such as https://status.example.com')
        .transform((u) => u.replace(/\/+$/, ''))
        .meta({ description: 'Where the page is reachable publicly; used for links in the JSON and the feeds.' }),
      time_zone: z
        .string({ error: expectedError('an IANA time zone such as Europe/Berlin') })
        .superRefine((value, ctx) => {
          const problem = checkTimeZone(value);
          if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: value });
        })
        .meta({ description: 'Zone the page shows times in. Default: UTC.', examples: ['UTC', 'Europe/Berlin'] })
        .optional(),
      components: z
        .array(componentSchema, { error: expectedError('a list of components') })
        .min(1, 'a status page needs at least one component')
        .meta({ description: 'In display order.' }),
    })
    .meta({ description: 'The public status page served at /status and /api/v2/*.json (docs/status-page.md).' })
    .transform((p, ctx): StatusPageConfig => {
      const seen = new Map<string, number>();
      p.components.forEach((c, i) => {
        const first = seen.get(c.id);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['components', i, 'id'], input: c.id, message: `duplicate component id '${c.id}' (also components[${first}])` });
        else seen.set(c.id, i);
      });
      return {
        name: p.name,
        url: p.url,
        timeZone: p.time_zone ?? 'UTC',
        components: p.components.map((c) => ({
          id: c.id,
          name: c.name,
          ...(c.description === undefined ? {} : { description: c.description }),
          ...(c.group === undefined ? {} : { group: c.group }),
        })),
      };
    });
}
