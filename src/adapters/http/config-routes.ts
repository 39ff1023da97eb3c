import { z } from 'zod';
import { defineRoute, type ApiRoute } from './api-route.js';
import type { ServerDeps } from './server-deps.js';

const idChanges = z.object({ added: z.array(z.string()), removed: z.array(z.string()), changed: z.array(z.string()) });
const reloadDto = z.object({
  sections: z.array(z.string()).describe('top-level sections that changed, as written in the file'),
  services: idChanges, schedules: idChanges, escalationPolicies: idChanges, people: idChanges,
  needsRestart: z.array(z.string()).describe('changed sections serve reads only at start'),
});

function reload(deps: ServerDeps) {
  if (deps.oncallChanges === undefined) throw new Error('config routes registered without oncallChanges');
  return deps.oncallChanges.reloadConfig;
}

/** Reloading the configuration file while serving (as SIGHUP does). */
export const CONFIG_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'POST', path: '/config/reload', summary: 'Read the configuration file again; a file that does not validate changes nothing (400 naming each line)', permission: 'config:manage',
    status: 200, response: reloadDto,
    handle: async ({ deps, principal }) => reload(deps)(principal.name),
  }),
];
