// Statuspage's public API v2 documents (https://<page>/api/v2/*.json) as zod schemas, written from
// its documentation and published examples: field names, enums and types. Strict objects, so a
// field we add or misspell fails; our one documented extra is `next_update_at` on incidents.
// Beyond the fields, what a client relies on: a component's `group_id` names a group component
// (`group: true`, `components: [child ids]`, `group_id: null`) of the same list, each group lists
// exactly its children, and nothing is updated before it was created.
import { z } from 'zod';

const instant = z.iso.datetime({ offset: true });
const nullableInstant = instant.nullable();

export const pageShape = z.strictObject({ id: z.string(), name: z.string(), url: z.url(), time_zone: z.string(), updated_at: instant });

export const statusShape = z.strictObject({
  indicator: z.enum(['none', 'minor', 'major', 'critical']),
  description: z.string(),
});

const notUpdatedBeforeCreated = (o: { created_at: string; updated_at: string | null }) => o.updated_at === null || Date.parse(o.updated_at) >= Date.parse(o.created_at);
const UPDATED_BEFORE_CREATED = { message: 'updated_at is earlier than created_at', path: ['updated_at'] };

const componentFields = {
  id: z.string(),
  name: z.string(),
  status: z.enum(['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance']),
  created_at: instant,
  updated_at: instant,
  position: z.int(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.string().nullable(),
  group_id: z.string().nullable(),
  page_id: z.string(),
  only_show_if_degraded: z.boolean(),
};

/** A component (not a group); `group_id` is its group's id or null. */
export const componentShape = z.strictObject({ ...componentFields, group: z.literal(false) }).refine(notUpdatedBeforeCreated, UPDATED_BEFORE_CREATED);

/** A group component: listed beside the components, with the ids of its children. */
export const groupComponentShape = z.strictObject({ ...componentFields, group: z.literal(true), group_id: z.null(), components: z.array(z.string()).min(1) })
  .refine(notUpdatedBeforeCreated, UPDATED_BEFORE_CREATED);

/** A page's component list: every group_id names a group of the list, and every group lists exactly its children. */
export const componentListShape = z.array(z.union([componentShape, groupComponentShape])).superRefine((list, ctx) => {
  const byId = new Map(list.map((c) => [c.id, c]));
  if (byId.size !== list.length) ctx.addIssue({ code: 'custom', message: 'component ids are not unique' });
  list.forEach((c, index) => {
    if (c.group_id !== null) {
      const group = byId.get(c.group_id);
      if (group === undefined || !group.group) ctx.addIssue({ code: 'custom', path: [index, 'group_id'], message: `group_id ${c.group_id} names no group component of this list` });
      else if (!('components' in group) || !group.components.includes(c.id)) ctx.addIssue({ code: 'custom', path: [index, 'group_id'], message: `group ${c.group_id} does not list ${c.id} among its components` });
    }
    if ('components' in c) {
      for (const child of c.components) {
        if (byId.get(child)?.group_id !== c.id) ctx.addIssue({ code: 'custom', path: [index, 'components'], message: `group ${c.id} lists ${child}, which is not a component of that group` });
      }
    }
  });
});

const affectedComponent = z.strictObject({ code: z.string(), name: z.string(), old_status: z.string(), new_status: z.string() });

function updateShape<S extends readonly [string, ...string[]]>(statuses: S) {
  return z.strictObject({
    id: z.string(),
    status: z.enum(statuses),
    body: z.string(),
    incident_id: z.string(),
    created_at: instant,
    updated_at: instant,
    display_at: instant,
    affected_components: z.array(affectedComponent).nullable(),
    deliver_notifications: z.boolean(),
    custom_tweet: z.string().nullable(),
    tweet_id: z.string().nullable(),
  });
}

const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;

const incidentFields = {
  id: z.string(),
  name: z.string(),
  created_at: instant,
  updated_at: nullableInstant,
  monitoring_at: nullableInstant,
  resolved_at: nullableInstant,
  shortlink: z.string(),
  started_at: instant,
  page_id: z.string(),
  components: z.array(componentShape),
};

export const incidentShape = z.strictObject({
  ...incidentFields,
  status: z.enum(INCIDENT_STATUSES),
  impact: z.enum(['none', 'minor', 'major', 'critical']),
  incident_updates: z.array(updateShape(INCIDENT_STATUSES)),
  /** Ours: when the next public update is promised (null once resolved). */
  next_update_at: nullableInstant,
}).refine(notUpdatedBeforeCreated, UPDATED_BEFORE_CREATED);

export const maintenanceShape = z.strictObject({
  ...incidentFields,
  status: z.enum(MAINTENANCE_STATUSES),
  impact: z.enum(['none', 'minor', 'major', 'critical', 'maintenance']),
  incident_updates: z.array(updateShape(MAINTENANCE_STATUSES)),
  scheduled_for: instant,
  scheduled_until: instant,
}).refine(notUpdatedBeforeCreated, UPDATED_BEFORE_CREATED)
  .refine((m) => m.incident_updates.every((u) => Date.parse(u.created_at) >= Date.parse(m.created_at)), { message: 'an update is older than the maintenance itself', path: ['incident_updates'] });

export const DOCUMENT_SHAPES = {
  'summary.json': z.strictObject({
    page: pageShape,
    components: componentListShape,
    incidents: z.array(incidentShape),
    scheduled_maintenances: z.array(maintenanceShape),
    status: statusShape,
  }),
  'status.json': z.strictObject({ page: pageShape, status: statusShape }),
  'components.json': z.strictObject({ page: pageShape, components: componentListShape }),
  'incidents.json': z.strictObject({ page: pageShape, incidents: z.array(incidentShape) }),
  'incidents/unresolved.json': z.strictObject({ page: pageShape, incidents: z.array(incidentShape) }),
  'scheduled-maintenances.json': z.strictObject({ page: pageShape, scheduled_maintenances: z.array(maintenanceShape) }),
  'scheduled-maintenances/upcoming.json': z.strictObject({ page: pageShape, scheduled_maintenances: z.array(maintenanceShape) }),
  'scheduled-maintenances/active.json': z.strictObject({ page: pageShape, scheduled_maintenances: z.array(maintenanceShape) }),
} as const;
