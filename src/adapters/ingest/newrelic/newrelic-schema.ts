import { z } from 'zod';

// New Relic workflow webhook destination, default payload template (docs.newrelic.com,
// "Workflow variables"): id (the issue id), issueUrl, title, priority, impactedEntities,
// totalIncidents, state, trigger, isCorrelated, createdAt, updatedAt (epoch ms), sources,
// alertPolicyNames, alertConditionNames, workflowName. Templates that name it `issueId` work too.
export const NEWRELIC_PRIORITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export const NEWRELIC_STATES = ['CREATED', 'ACTIVATED', 'ACKNOWLEDGED', 'CLOSED', 'DEACTIVATED'] as const;

const list = z.array(z.string()).nullish();

export const newRelicSchema = z.object({
  id: z.string().nullish(),
  issueId: z.string().nullish(),
  issueUrl: z.string().nullish(),
  title: z.string().nullish(),
  priority: z.enum(NEWRELIC_PRIORITIES).nullish(),
  state: z.enum(NEWRELIC_STATES),
  trigger: z.string().nullish(),
  totalIncidents: z.number().nullish(),
  isCorrelated: z.boolean().nullish(),
  createdAt: z.union([z.number(), z.string()]).nullish(),
  updatedAt: z.union([z.number(), z.string()]).nullish(),
  closedAt: z.union([z.number(), z.string()]).nullish(),
  impactedEntities: list,
  sources: list,
  alertPolicyNames: list,
  alertConditionNames: list,
  workflowName: z.string().nullish(),
}).refine((p) => Boolean(p.id ?? p.issueId), { message: 'the issue id is missing: keep "id": {{ json issueId }} in the payload template', path: ['id'] });

export type NewRelicPayload = z.infer<typeof newRelicSchema>;
