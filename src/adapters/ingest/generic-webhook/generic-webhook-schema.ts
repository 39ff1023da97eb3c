import { z } from 'zod';
import { ALERT_ACTIONS } from '../../../domain/alerts/index.js';
import { SEVERITIES } from '../../../domain/classification/index.js';

/**
 * A generic webhook integration: dotted paths (`alert.labels.service`, `items.0.id`) into the JSON
 * body for each AlertSignal field, optional value maps, and optional Standard Webhooks secrets.
 */
export const genericWebhookConfigSchema = z.object({
  /** The name of the generic-webhook integration this mapping belongs to. */
  key: z.string().min(1),
  /** When set, each element of this array is one alert; paths are relative to it. */
  itemsPath: z.string().optional(),
  mapping: z.object({
    dedupKey: z.string().min(1),
    summary: z.string().min(1),
    action: z.string().optional(),
    /** Body value → action; unmapped values are refused. Without `action` every event triggers. */
    actionValues: z.record(z.string(), z.enum(ALERT_ACTIONS)).optional(),
    severity: z.string().optional(),
    /** Body value → severity; values not listed are read as severity words (critical, P1, error, …). */
    severityValues: z.record(z.string(), z.enum(SEVERITIES)).optional(),
    service: z.string().optional(),
    environment: z.string().optional(),
    description: z.string().optional(),
    startsAt: z.string().optional(),
    link: z.string().optional(),
    /** label name → path */
    labels: z.record(z.string(), z.string()).default({}),
  }),
  /** `whsec_…` secrets; any one verifying is enough (rotation). Empty: unsigned requests accepted. */
  signingSecrets: z.array(z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/, 'a Standard Webhooks secret looks like whsec_<base64>')).default([]),
  toleranceSeconds: z.number().int().positive().default(300),
});

export type GenericWebhookConfig = z.infer<typeof genericWebhookConfigSchema>;
