import { z } from 'zod';

// https://prometheus.io/docs/alerting/latest/configuration/#webhook_config — payload "version 4".
// Grafana Alerting posts the same shape with version "1" and extra fields (orgId, values, silenceURL,
// title, state, message); unknown fields are accepted and dropped.
const stringMap = z.record(z.string(), z.string());

export const alertmanagerWebhookAlertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: stringMap,
  annotations: stringMap.default({}),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  // Alertmanager 0.19+ sends it; older releases do not.
  fingerprint: z.string().optional(),
});

export const alertmanagerWebhookSchema = z.object({
  version: z.string(),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().nonnegative().optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: stringMap.default({}),
  commonLabels: stringMap.default({}),
  commonAnnotations: stringMap.default({}),
  externalURL: z.string().optional(),
  alerts: z.array(alertmanagerWebhookAlertSchema),
});

export type AlertmanagerWebhookPayload = z.infer<typeof alertmanagerWebhookSchema>;
export type AlertmanagerWebhookAlert = z.infer<typeof alertmanagerWebhookAlertSchema>;
