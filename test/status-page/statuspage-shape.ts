// Statuspage's public API v2 documents (https://<page>/api/v2/*.json) as zod schemas, written from
// its documentation and published examples: field names, enums and types. Strict objects, so a
// field we add or misspell fails; our one documented extra is `next_update_at` on incidents.
import { z } from 'zod';

const instant = z.iso.datetime({ offset: true });
const nullableInstant = instant.nullable();

export const pageShape = z.strictObject({ id: z.string(), name: z.string(), url: z.url(), time_zone: z.string(), updated_at: instant });

export const statusShape = z.strictObject({
  indicator: z.enum(['none', 'minor', 'major', 'critical']),
  description: z.string(),
});

export const componentShape = z.strictObject({
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
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
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
});

export const maintenanceShape = z.strictObject({
  ...incidentFields,
  status: z.enum(MAINTENANCE_STATUSES),
  impact: z.enum(['none', 'minor', 'major', 'critical', 'maintenance']),
  incident_updates: z.array(updateShape(MAINTENANCE_STATUSES)),
  scheduled_for: instant,
  scheduled_until: instant,
});

export const DOCUMENT_SHAPES = {
  'summary.json': z.strictObject({
    page: pageShape,
    components: z.array(componentShape),
    incidents: z.array(incidentShape),
    scheduled_maintenances: z.array(maintenanceShape),
    status: statusShape,
  }),
  'status.json': z.strictObject({ page: pageShape, status: statusShape }),
  'components.json': z.strictObject({ page: pageShape, components: z.array(componentShape) }),
  'incidents.json': z.strictObject({ page: pageShape, incidents: z.array(incidentShape) }),
  'incidents/unresolved.json': z.strictObject({ page: pageShape, incidents: z.array(incidentShape) }),
  'scheduled-maintenances.json': z.strictObject({ page: pageShape, scheduled_maintenances: z.array(maintenanceShape) }),
  'scheduled-maintenances/upcoming.json': z.strictObject({ page: pageShape, scheduled_maintenances: z.array(maintenanceShape) }),
  'scheduled-maintenances/active.json': z.strictObject({ page: pageShape, scheduled_maintenances: z.array(maintenanceShape) }),
} as const;
