import { z } from 'zod';

// PagerDuty Events API v2 (developer.pagerduty.com, "Send an Alert Event") and the v1 fields
// Alertmanager's pagerduty_configs send with `service_key` (notify/pagerduty/pagerduty.go). Types only:
// presence, enums and limits are checked by the parser so the errors read like PagerDuty's own.
// Alertmanager's v1 messages carry `"event_action": ""` and `"payload": null`, hence the nullables.
const text = z.string().nullish();

export const PAGERDUTY_LIMITS = { dedupKey: 255, summary: 1024, bodyBytes: 512 * 1024 } as const;
export const PAGERDUTY_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export const PAGERDUTY_ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const;

export const pagerDutyEventSchema = z.object({
  routing_key: text,
  event_action: text,
  dedup_key: text,
  payload: z.object({
    summary: text,
    source: text,
    severity: text,
    timestamp: text,
    component: text,
    group: text,
    class: text,
    custom_details: z.unknown().optional(),
  }).nullish(),
  images: z.array(z.object({ src: z.string(), href: text, alt: text })).nullish(),
  links: z.array(z.object({ href: z.string(), text: text })).nullish(),
  client: text,
  client_url: text,
  // v1 (generic/2010-04-15/create_event.json)
  service_key: text,
  event_type: text,
  incident_key: text,
  description: text,
  details: z.unknown().optional(),
  contexts: z.array(z.object({ type: z.string(), href: text, src: text, text: text, alt: text })).nullish(),
});

export type PagerDutyEvent = z.infer<typeof pagerDutyEventSchema>;
