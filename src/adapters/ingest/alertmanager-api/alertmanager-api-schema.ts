import { z } from 'zod';

// Alertmanager API v2 `POST /api/v2/alerts`: body is `postableAlerts`, an array of postableAlert
// (api/v2/openapi.yaml): labels required; annotations, startsAt, endsAt, generatorURL optional.
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const postableAlertSchema = z.object({
  labels: z.record(z.string(), z.string())
    .refine((l) => Object.keys(l).length > 0, 'at least one label is required')
    .refine((l) => Object.keys(l).every((n) => LABEL_NAME.test(n)), 'label names must match [a-zA-Z_][a-zA-Z0-9_]*'),
  annotations: z.record(z.string(), z.string()).optional(),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
});

export const postableAlertsSchema = z.array(postableAlertSchema);
export type PostableAlert = z.infer<typeof postableAlertSchema>;
