import { z } from 'zod';
import { HEALTH_GROUPS, METRIC_UNITS } from '../../domain/health/index.js';
import { defineRoute, type ApiRoute } from './api-route.js';

const line = z.object({ at: z.string(), text: z.string(), incidentId: z.string().optional() });
const healthRow = z.object({
  metric: z.string(), label: z.string(), group: z.enum(HEALTH_GROUPS), unit: z.enum(METRIC_UNITS),
  value: z.union([z.number(), z.boolean()]), valueText: z.string().describe('the value with its unit: "12.3%", "2.4s", "1,247 req/min"'),
  baseline: z.number().optional(),
  change: z.object({ direction: z.enum(['up', 'down', 'steady']), text: z.string() }).optional(),
  text: z.string().describe('"Error rate: 12.3% (↑ 8.1% from baseline)"'),
});
const dashboardDto = z.object({
  at: z.string(),
  activeIncidents: z.array(z.object({
    id: z.string(), title: z.string(), severity: z.string(), severityLabel: z.string(), status: z.string(), service: z.string().nullable(),
    commander: z.string().nullable(), declaredAt: z.string(), elapsed: z.string().describe('"45 minutes"'),
    isResponseBreached: z.boolean(), isUpdateOverdue: z.boolean(),
  })).describe('most urgent first: severity, then a breached clock, then the oldest'),
  counts: z.record(z.string(), z.number()).describe('active incidents per severity'),
  health: z.object({
    isConfigured: z.boolean(), at: z.string().optional(),
    groups: z.array(z.object({ group: z.enum(HEALTH_GROUPS), title: z.string(), rows: z.array(healthRow) })),
  }),
  anomalies: z.array(line),
  remediation: z.array(line),
});

/** GET /dashboard: the incident monitoring dashboard as the caller may see it (the terminal dashboard reads this). */
export const DASHBOARD_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'GET', path: '/dashboard', summary: 'The incident monitoring dashboard: active incidents, system health against baseline, recent anomalies, active remediation',
    permission: 'incident:read', status: 200, response: dashboardDto,
    handle: async ({ deps, principal }) => {
      if (deps.dashboardFor === undefined) throw new Error('dashboard route registered without a dashboard');
      return deps.dashboardFor(principal);
    },
  }),
];
