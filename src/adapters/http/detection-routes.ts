import { z } from 'zod';
import { toTimelineEntryDto } from '../../app/incidents/index.js';
import { parseIncidentId } from '../../domain/incident/index.js';
import { epochMs } from '../../domain/time/index.js';
import { defineRoute, type ApiRoute } from './api-route.js';
import { incidentParams, timelineEntryDto } from './api-schemas.js';
import type { ServerDeps } from './server-deps.js';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const pushMetricsBody = z.strictObject({
  samples: z.array(z.strictObject({
    metric: z.string().max(200).regex(METRIC_NAME, 'a metric name: letters, digits, "_" and ":", not starting with a digit (e.g. error_rate)'),
    value: z.union([z.number().finite(), z.boolean()], { error: 'expected a number in the metric\'s base unit (percent, milliseconds, per second) or true/false' }),
    at: z.iso.datetime({ offset: true }).describe('when it was measured (ISO-8601); the time of the push when absent').optional(),
    labels: z.record(z.string().max(100).regex(LABEL_NAME, 'a label name: letters, digits and "_"'), z.string().max(1000)).optional(),
  })).min(1).max(1000),
});
const pushMetricsResult = z.object({ accepted: z.int(), ignored: z.int().describe('older than the newest sample held for the metric, or than detection.push.max_age') });
const actionParams = z.strictObject({ id: incidentParams.shape.id, runId: z.string().max(200).describe('the runId of the awaiting-approval timeline entry') });

/**
 * Detection over HTTP: pushed metric samples for the trigger rules, and approving a remediation.
 * Served only when `detection:` is configured (otherwise no route, so 404).
 */
export function detectionRoutes(deps: ServerDeps): ApiRoute[] {
  const detection = deps.detection;
  if (detection === undefined) return [];
  return [
    defineRoute({
      method: 'POST', path: '/metrics', summary: 'Push metric samples for the trigger rules', permission: 'incident:work', scope: 'ingest',
      body: pushMetricsBody, status: 200, response: pushMetricsResult,
      handle: async ({ body, deps: d }) => detection.push(body.samples.map((s) => ({
        metric: s.metric,
        value: s.value,
        ...(s.at === undefined ? {} : { at: epochMs(Date.parse(s.at)) }),
        ...(s.labels === undefined ? {} : { labels: s.labels }),
      })), d.clock.now()),
    }),
    defineRoute({
      method: 'POST', path: '/incidents/{id}/actions/{runId}/approve', summary: 'Approve a remediation that awaits approval', permission: 'incident:command',
      params: actionParams, status: 200, response: z.object({ recorded: z.array(timelineEntryDto) }),
      async handle({ api, params, principal }) {
        const id = parseIncidentId(params.id);
        await api.get(id); // visibility: a security incident outside the security team is NOT_FOUND
        const recorded = await detection.approve(id, params.runId, { name: principal.name });
        return { recorded: recorded.map(toTimelineEntryDto) };
      },
    }),
  ];
}
