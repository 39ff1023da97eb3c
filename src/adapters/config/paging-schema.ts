import { z } from 'zod';
import { DEFAULT_PAGING_CONFIG, type PagingConfig, type StakeholderContact } from '../../app/config/index.js';
import { DELIVERY_CHANNELS } from '../../app/ports/index.js';
import { SEVERITIES, type Severity } from '../../domain/classification/index.js';
import {
  COMMS_CHANNELS, DEFAULT_COMMUNICATION_MATRIX, overrideCommunicationMatrix, STAKEHOLDER_GROUPS, type StakeholderGroup, type StakeholderRowOverride,
} from '../../domain/comms/index.js';
import { durationMs, formatDuration } from '../../domain/time/index.js';
import { durationSchema } from './alerts-schema.js';
import { expectedError } from './config-error-map.js';

function text() {
  return z.string({ error: expectedError('text') }).trim().min(1, 'must not be empty');
}

const httpUrl = (example: string) => z
  .string({ error: expectedError(`a URL such as ${example}`) })
  .refine((u) => /^https?:\/\//.test(u) && URL.canParse(u), `expected an http(s) URL such as ${example}`);

const d = DEFAULT_PAGING_CONFIG;

/** `paging:` — how the engine pages: the default policy, caps, retries and its own watchdogs. */
export function pagingSchema() {
  return z
    .strictObject({
      default_escalation_policy: text().meta({ description: 'Escalation policy id used for incidents whose service names none.' }).optional(),
      caps_per_hour: z
        .partialRecord(z.enum(DELIVERY_CHANNELS), z.int({ error: expectedError('a whole number') }).min(1, 'must be at least 1').max(1000, 'must be at most 1000'))
        .meta({ description: `Most messages per address per rolling hour, per channel; more are bundled into one ("and 14 more"). Default: sms ${d.capsPerHour.sms}, voice ${d.capsPerHour.voice}.` })
        .optional(),
      max_attempts: z.int({ error: expectedError('a whole number') }).min(1).max(50).meta({ description: `Delivery attempts per message before it fails. Default: ${d.retry.maxAttempts}.` }).optional(),
      max_message_age: durationSchema(`A message still undelivered this long after it was queued fails. Default: ${formatDuration(d.retry.maxAgeMs)}.`).optional(),
      attempt_timeout: durationSchema(`One delivery attempt may take this long. Default: ${formatDuration(d.attemptTimeoutMs)}.`).optional(),
      app_url: httpUrl('https://incidents.example.com').transform((u) => u.replace(/\/+$/, '')).meta({ description: 'The web app base URL, for links in pages.' }).optional(),
      war_room_severities: z.array(z.enum(SEVERITIES), { error: expectedError('a list of severities') })
        .meta({ description: 'Severities that open a Slack war-room channel when declared (needs channels.slack). Default: critical, high.' }).optional(),
      engine: z
        .strictObject({
          poll_interval: durationSchema(`The longest an idle engine sleeps before it looks for due work again (work other processes wrote); it wakes at once for work this server queues and at the next due time it knows. Default: ${formatDuration(d.engine.pollMs)}.`).optional(),
          slow_tick: durationSchema(`A pass (firing a batch of timers, or claiming, sending and recording a batch of messages) slower than this is logged. Default: ${formatDuration(d.engine.slowTickMs)}.`).optional(),
          overdue_after: durationSchema(`A timer unfired this long after it fell due is reported. Default: ${formatDuration(d.engine.overdueAfterMs)}.`).optional(),
          heartbeat_url: httpUrl('https://hc-ping.com/<uuid>').meta({ description: 'Pinged with GET once the engine\'s loops have each passed healthily since the last ping: a dead man\'s switch outside the product watches the engine.' }).optional(),
          heartbeat_interval: durationSchema(`At most one heartbeat per interval. Default: ${formatDuration(d.engine.heartbeatIntervalMs)}.`).optional(),
          lease: durationSchema(`How long a claim of messages holds them before another instance may take them over; the instance renews it every third of this while it works on them, so only a stopped instance's claims are taken over. Default: ${formatDuration(d.engine.leaseMs)}.`).optional(),
        })
        .optional(),
    })
    .meta({ description: 'The paging engine (docs/paging.md).' });
}

const contactSchema = z
  .strictObject({
    channel: z.enum(DELIVERY_CHANNELS, { error: expectedError(`one of ${DELIVERY_CHANNELS.join(', ')}`) }),
    address: text().meta({ description: 'E-mail address, E.164 number, Slack channel (#name or id), Teams or webhook URL, PagerDuty routing key.' }),
    name: text().meta({ description: 'How the recipient reads on the timeline. Default: the address (webhook URLs and routing keys are never shown).' }).optional(),
  })
  .meta({ id: 'StakeholderContact' });

const rowSchema = z.strictObject({
  label: text().optional(),
  channel: z.enum(COMMS_CHANNELS).optional(),
  informed_at: z.partialRecord(z.enum(SEVERITIES), z.boolean()).meta({ description: 'Per severity: is the group informed.' }).optional(),
});

/** `communication:` — the stakeholder matrix, who each group is, and update reminders. */
export function communicationSchema() {
  return z
    .strictObject({
      matrix: z.partialRecord(z.enum(STAKEHOLDER_GROUPS), rowSchema).meta({ description: 'Changes to the default communication matrix, group by group.' }).optional(),
      stakeholders: z.partialRecord(z.enum(STAKEHOLDER_GROUPS), z.array(contactSchema)).meta({ description: 'Where each group receives declarations, status updates and resolutions.' }).optional(),
      update_reminder_before: durationSchema(`Remind the communications lead this long before an update is due (and as often while it is late). Default: ${formatDuration(d.updateReminderBeforeMs)}.`).optional(),
    })
    .meta({ description: 'Stakeholder communication (docs/paging.md).' });
}

type PagingFile = z.output<ReturnType<typeof pagingSchema>>;
type CommunicationFile = z.output<ReturnType<typeof communicationSchema>>;

function contactName(c: { channel: string; address: string; name?: string | undefined }): string {
  if (c.name !== undefined) return c.name;
  return c.channel === 'webhook' || c.channel === 'teams' || c.channel === 'pagerduty' ? `${c.channel} endpoint` : c.address;
}

/** Both sections laid over the defaults. */
export function toPagingConfig(paging: PagingFile | null | undefined, communication: CommunicationFile | null | undefined): PagingConfig {
  const e = paging?.engine;
  const stakeholders: Partial<Record<StakeholderGroup, readonly StakeholderContact[]>> = {};
  for (const [group, contacts] of Object.entries(communication?.stakeholders ?? {})) {
    stakeholders[group as StakeholderGroup] = (contacts ?? []).map((c) => ({ channel: c.channel, address: c.address, name: contactName(c) }));
  }
  const overrides: Partial<Record<StakeholderGroup, StakeholderRowOverride>> = {};
  for (const [group, row] of Object.entries(communication?.matrix ?? {})) {
    if (row === undefined) continue;
    overrides[group as StakeholderGroup] = {
      ...(row.label !== undefined ? { label: row.label } : {}),
      ...(row.channel !== undefined ? { channel: row.channel } : {}),
      ...(row.informed_at !== undefined ? { informedAt: row.informed_at as Partial<Record<Severity, boolean>> } : {}),
    };
  }
  return {
    ...(paging?.default_escalation_policy !== undefined ? { defaultEscalationPolicy: paging.default_escalation_policy } : {}),
    capsPerHour: { ...d.capsPerHour, ...paging?.caps_per_hour },
    retry: {
      ...d.retry,
      ...(paging?.max_attempts !== undefined ? { maxAttempts: paging.max_attempts } : {}),
      ...(paging?.max_message_age !== undefined ? { maxAgeMs: paging.max_message_age } : {}),
    },
    attemptTimeoutMs: paging?.attempt_timeout ?? d.attemptTimeoutMs,
    updateReminderBeforeMs: communication?.update_reminder_before ?? d.updateReminderBeforeMs,
    matrix: overrideCommunicationMatrix(DEFAULT_COMMUNICATION_MATRIX, overrides),
    stakeholders,
    warRoomSeverities: paging?.war_room_severities ?? d.warRoomSeverities,
    ...(paging?.app_url !== undefined ? { appUrl: paging.app_url } : {}),
    engine: {
      pollMs: e?.poll_interval ?? d.engine.pollMs,
      slowTickMs: e?.slow_tick ?? d.engine.slowTickMs,
      overdueAfterMs: e?.overdue_after ?? d.engine.overdueAfterMs,
      ...(e?.heartbeat_url !== undefined ? { heartbeatUrl: e.heartbeat_url } : {}),
      heartbeatIntervalMs: e?.heartbeat_interval ?? d.engine.heartbeatIntervalMs,
      leaseMs: e?.lease ?? durationMs(d.engine.leaseMs),
    },
  };
}
