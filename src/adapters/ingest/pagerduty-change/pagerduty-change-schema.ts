import { z } from 'zod';

// PagerDuty change events, `POST /v2/change/enqueue` (developer.pagerduty.com "Send a Change Event").
const text = z.string().nullish();

export const PAGERDUTY_CHANGE_LIMITS = { summary: 1024, bodyBytes: 512 * 1024 } as const;

export const pagerDutyChangeSchema = z.object({
  routing_key: text,
  payload: z.object({
    summary: text,
    source: text,
    timestamp: text,
    custom_details: z.unknown().optional(),
  }).nullish(),
  links: z.array(z.object({ href: z.string(), text: text })).nullish(),
});

export type PagerDutyChange = z.infer<typeof pagerDutyChangeSchema>;
