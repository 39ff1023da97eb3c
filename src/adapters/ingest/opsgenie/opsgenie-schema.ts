import { z } from 'zod';

// Opsgenie Alert API (docs.opsgenie.com/docs/alert-api): create, and the bodies of close,
// acknowledge and add-note. Limits are the documented ones; longer values are refused with 422.
export const OPSGENIE_LIMITS = {
  message: 130, alias: 512, description: 15000, entity: 512, source: 100, user: 100, note: 25000,
  tags: 20, tagLength: 50, actions: 10, actionLength: 50, detailsTotal: 8000, responders: 50, bodyBytes: 256 * 1024,
} as const;
export const OPSGENIE_PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;

const L = OPSGENIE_LIMITS;
const max = (n: number, field: string) => z.string().max(n, `${field} can not be longer than ${n} characters`);
const recipient = z.object({ id: z.string().optional(), name: z.string().optional(), username: z.string().optional(), type: z.string() });

export const opsgenieCreateSchema = z.object({
  message: max(L.message, 'Message').refine((m) => m.trim() !== '', 'Message can not be empty.'),
  alias: max(L.alias, 'Alias').optional(),
  description: max(L.description, 'Description').optional(),
  responders: z.array(recipient).max(L.responders, `at most ${L.responders} responders`).optional(),
  visibleTo: z.array(recipient).max(L.responders, `at most ${L.responders} visibleTo entries`).optional(),
  actions: z.array(max(L.actionLength, 'Action')).max(L.actions, `at most ${L.actions} actions`).optional(),
  tags: z.array(max(L.tagLength, 'Tag')).max(L.tags, `at most ${L.tags} tags`).optional(),
  details: z.record(z.string(), z.string()).refine(
    (d) => Object.entries(d).reduce((n, [k, v]) => n + k.length + v.length, 0) <= L.detailsTotal,
    `Details can not be longer than ${L.detailsTotal} characters in total`,
  ).optional(),
  entity: max(L.entity, 'Entity').optional(),
  source: max(L.source, 'Source').optional(),
  priority: z.enum(OPSGENIE_PRIORITIES, { message: 'Priority should be one of [P1, P2, P3, P4, P5]' }).optional(),
  user: max(L.user, 'User').optional(),
  note: max(L.note, 'Note').optional(),
});

/** Close, acknowledge and add-note share this body; add-note requires `note`. */
export const opsgenieActionSchema = z.object({
  user: max(L.user, 'User').optional(),
  source: max(L.source, 'Source').optional(),
  note: max(L.note, 'Note').optional(),
});

export type OpsgenieCreate = z.infer<typeof opsgenieCreateSchema>;
export type OpsgenieAction = z.infer<typeof opsgenieActionSchema>;
