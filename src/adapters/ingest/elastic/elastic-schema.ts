import { z } from 'zod';

// The body a Kibana webhook connector sends when its "body" is the template in docs/integrations.md:
// Kibana's rule action variables ({{rule.id}}, {{rule.name}}, {{rule.tags}}, {{rule.url}},
// {{alert.id}}, {{alert.uuid}}, {{alert.actionGroup}}, {{context.reason}}, {{date}}) under the same
// names. Mustache renders every value as text, a list ({{rule.tags}}) comma-separated; a variable the
// rule type does not set renders as "".
const text = z.union([z.string(), z.number().transform(String), z.boolean().transform(String)]).nullish();
const required = (what: string) => z.string({ error: `expected ${what} as text` }).trim().min(1, `must not be empty (keep ${what} in the connector's body)`);

export const elasticSchema = z.object({
  rule: z.object({
    id: required('{{rule.id}}'),
    name: required('{{rule.name}}'),
    tags: z.union([z.string(), z.array(z.string())]).nullish(),
    url: text,
    space_id: text,
  }, { error: 'expected the rule object of the template ({ "id": "{{rule.id}}", "name": "{{rule.name}}", … })' }),
  alert: z.object({
    id: text,
    uuid: text,
    action_group: required('{{alert.actionGroup}}'),
    action_group_name: text,
    flapping: text,
  }, { error: 'expected the alert object of the template ({ "id": "{{alert.id}}", "action_group": "{{alert.actionGroup}}", … })' }),
  context: z.object({ reason: text, message: text, link: text }).nullish(),
  date: text,
});

export type ElasticPayload = z.infer<typeof elasticSchema>;

/** The action group Kibana runs actions of when an alert stops matching. */
export const ELASTIC_RECOVERED = 'recovered';
