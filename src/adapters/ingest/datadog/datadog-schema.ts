import { z } from 'zod';

// Datadog Webhooks integration (docs.datadoghq.com/integrations/webhooks). The default payload is
// {body, last_updated, event_type, title, date, org{id,name}, id}; a custom payload may add any of the
// $ALERT_* variables under the snake_case names below. Every value arrives as a string ($DATE is
// epoch milliseconds); unset variables arrive as "".
const text = z.union([z.string(), z.number().transform(String)]).nullish();

export const datadogSchema = z.object({
  id: text,
  title: text,
  body: text,
  date: text,
  last_updated: text,
  event_type: text,
  org: z.object({ id: text, name: text }).nullish(),
  alert_id: text,
  alert_cycle_key: text,
  aggreg_key: text,
  alert_transition: text,
  alert_type: text,
  alert_title: text,
  alert_status: text,
  alert_metric: text,
  alert_priority: text,
  alert_scope: text,
  priority: text,
  tags: text,
  host_name: text,
  hostname: text,
  link: text,
});

export type DatadogPayload = z.infer<typeof datadogSchema>;

/** $ALERT_TRANSITION values; the default payload only has them as the title's "[…]" prefix. */
export const DATADOG_TRANSITIONS = ['Triggered', 'Re-Triggered', 'Recovered', 'Warn', 'Re-Warn', 'No Data', 'Re-No Data', 'Renotify', 'Null'] as const;
