import { z } from 'zod';

// Splunk's webhook alert action (Alerting Manual, "Use a webhook alert action"): the first result
// row of the triggering search, the search id, a link to the results, the saved search's name (null
// for an ad hoc search), its owner and app. Result values arrive as strings (multi-value fields as
// arrays of strings).
const text = z.union([z.string(), z.number().transform(String)]).nullish();

export const splunkSchema = z.object({
  result: z.record(z.string(), z.union([z.string(), z.number().transform(String), z.boolean().transform(String), z.array(z.string()), z.null()]), { error: 'expected the first result row as an object' }).nullish(),
  sid: z.string({ error: 'expected the search id (sid) as text' }).trim().min(1, 'must not be empty'),
  results_link: text,
  search_name: text,
  owner: text,
  app: text,
});

export type SplunkPayload = z.infer<typeof splunkSchema>;
