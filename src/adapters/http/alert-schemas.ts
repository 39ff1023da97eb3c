import { z } from 'zod';

const routingRule = z.strictObject({
  name: z.string().max(100).optional(),
  match: z.array(z.string().max(500)).min(1).max(20).describe('label matchers, e.g. severity="critical"'),
  severity: z.string().max(20).optional(),
  type: z.string().max(20).optional(),
  environment: z.string().max(20).optional(),
  service: z.string().max(100).optional(),
});

export const createIntegrationBody = z.strictObject({
  source: z.string().max(64).describe('ingest source, e.g. pagerduty-events, alertmanager-webhook, opsgenie'),
  name: z.string().max(64),
  service: z.string().max(100).optional(),
  routing: z.array(routingRule).max(100).optional(),
});

export const integrationDto = z.object({
  id: z.string(), source: z.string(), name: z.string(), service: z.string().optional(), prefix: z.string(),
  routing: z.array(z.unknown()), createdAt: z.string(), createdBy: z.string(), revokedAt: z.string().optional(),
});
export const createdIntegration = z.object({ key: z.string().describe('shown once; only its SHA-256 is stored'), integration: integrationDto });
export const integrationList = z.object({ items: z.array(integrationDto) });
export const integrationRecord = z.object({ record: integrationDto });
export const idOrNameParams = z.strictObject({ idOrName: z.string().max(100) });

export const createSilenceBody = z.strictObject({
  matchers: z.array(z.string().max(500)).min(1).max(20),
  duration: z.string().max(50).optional().describe('e.g. 2h, 30 minutes'),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  endsAt: z.iso.datetime({ offset: true }).optional(),
  reason: z.string().max(2000),
});
export const silenceDto = z.object({
  id: z.string(), matchers: z.array(z.string()), startsAt: z.string(), endsAt: z.string(), reason: z.string(), createdBy: z.string(),
  createdAt: z.string(), state: z.enum(['pending', 'active', 'expired']),
});
export const silenceList = z.object({ items: z.array(silenceDto) });
export const silenceParams = z.strictObject({ id: z.string().max(100) });

export const alertDto = z.object({
  id: z.string(), source: z.string(), integration: z.string(), dedupKey: z.string(), status: z.string(), incidentId: z.string().optional(),
  summary: z.string(), severity: z.string(), service: z.string().optional(), labels: z.record(z.string(), z.string()),
  occurrences: z.number(), openedAt: z.string(), lastSeenAt: z.string(), resolvedAt: z.string().optional(), silencedBy: z.string().optional(),
});
export const alertList = z.object({ items: z.array(alertDto) });
export const alertQuery = z.strictObject({
  incident: z.string().max(64).optional(),
  status: z.enum(['open', 'acknowledged', 'resolved']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
