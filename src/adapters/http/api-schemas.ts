import { z } from 'zod';
import type { DeclarationPagingDto, DeclarationReceipt, IncidentDto, IncidentSummaryDto, TimelineEntryDto } from '../../app/incidents/index.js';
import type { ApiTokenDto } from '../../app/tokens/index.js';
import { ACCESS_ROLES } from '../../domain/access/index.js';
import { TOKEN_SCOPES } from '../../app/ports/index.js';
import { ENVIRONMENTS, INCIDENT_ROLES, INCIDENT_TYPES, PUBLIC_STATUSES, SEVERITIES } from '../../domain/classification/index.js';
import { MESSAGE_MAX, RESOLUTION_REASONS, TITLE_MAX } from '../../domain/incident/index.js';

/**
 * The wire schemas of the v1 API. Request schemas are strict (an unknown field is a 400 naming
 * it) and carry no ids, timestamps or actors: those come from the path, the clock and the token.
 * The same schemas validate requests and generate /api/v1/openapi.json.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true }).describe('ISO-8601 instant, e.g. 2026-11-28T14:30:00Z');
const iso = z.string().describe('ISO-8601 UTC instant');

// ── requests ────────────────────────────────────────────────────────────────

export const declareBody = z.strictObject({
  severity: z.enum(SEVERITIES),
  type: z.enum(INCIDENT_TYPES),
  environment: z.enum(ENVIRONMENTS),
  title: text(TITLE_MAX).optional(),
  service: z.string().max(100).optional(),
  summary: text(MESSAGE_MAX).optional(),
  impactStartedAt: instant.optional(),
});
export const emptyBody = z.strictObject({});
export const mitigateBody = z.strictObject({ note: text(MESSAGE_MAX).optional() });
export const statusUpdateBody = z.strictObject({ status: z.enum(PUBLIC_STATUSES), message: text(MESSAGE_MAX) });
export const assignRoleBody = z.strictObject({ role: z.enum(INCIDENT_ROLES), person: text(200) });
export const stepBody = z.strictObject({ done: z.boolean() });
export const severityBody = z.strictObject({ severity: z.enum(SEVERITIES), reason: text(MESSAGE_MAX).optional() });
export const typeBody = z.strictObject({ type: z.enum(INCIDENT_TYPES), reason: text(MESSAGE_MAX).optional() });
export const resolveBody = z.strictObject({ summary: text(MESSAGE_MAX), reason: z.enum(RESOLUTION_REASONS).optional() });
export const reopenBody = z.strictObject({ reason: text(MESSAGE_MAX).optional() });
export const noteBody = z.strictObject({ text: text(MESSAGE_MAX) });
export const impactBody = z.strictObject({
  customersAffected: z.number().int().min(0).optional().describe('customers affected now'),
  customersTotal: z.number().int().min(0).optional().describe('customers there are (default: impact.customers_total)'),
  revenuePerMinute: z.number().min(0).optional().describe('revenue at risk per minute of impact (default: impact.revenue_per_minute)'),
  currency: z.string().regex(/^[A-Z]{3}$/).optional().describe('ISO 4217 code'),
  note: z.string().max(2000).optional(),
  fromMetrics: z.boolean().optional().describe('take customersAffected from the live reading of impact.customers_affected_metric'),
});
export const createTokenBody = z.strictObject({
  name: z.string().max(64),
  role: z.enum(ACCESS_ROLES),
  teams: z.array(z.string().max(64)).max(20).optional(),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(3).optional().describe('what the token may do; every scope when absent'),
});

export const incidentParams = z.strictObject({ id: z.string().max(64).describe('incident id, e.g. INC-2026-1128-001') });
export const stepParams = z.strictObject({ id: incidentParams.shape.id, step: z.string().max(100).describe('step key or number, e.g. confirm-scope or 1.2') });
export const tokenParams = z.strictObject({ idOrName: z.string().max(100) });

const list = (what: string) => z.string().max(500).optional().describe(`comma-separated ${what}`);
export const listQuery = z.strictObject({
  status: list(`statuses (${['triggered', 'acknowledged', 'mitigated', 'resolved', 'closed', 'open'].join(', ')})`),
  severity: list(`severities (${SEVERITIES.join(', ')})`),
  type: list(`types (${INCIDENT_TYPES.join(', ')})`),
  environment: list(`environments (${ENVIRONMENTS.join(', ')})`),
  service: z.string().max(100).optional(),
  since: instant.optional().describe('declared at or after this instant'),
  limit: z.coerce.number({ error: 'must be a whole number from 1 to 500' }).int('must be a whole number from 1 to 500')
    .min(1, 'must be a whole number from 1 to 500').max(500, 'must be a whole number from 1 to 500').optional().describe('page size, 1–500 (default 50)'),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
});

// ── responses ───────────────────────────────────────────────────────────────

export const timelineEntryDto = z.object({
  seq: z.number().int(),
  version: z.number().int(),
  at: iso,
  actor: z.string(),
  kind: z.string(),
  text: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const incidentDto = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.string(),
  severityLabel: z.string(),
  severityName: z.string(),
  type: z.string(),
  environment: z.string(),
  service: z.string().nullable(),
  summary: z.string().nullable(),
  status: z.string(),
  publicStatus: z.string(),
  declaredAt: iso,
  declaredBy: z.string(),
  impactStartedAt: iso.nullable(),
  acknowledgedAt: iso.nullable(),
  acknowledgedBy: z.string().nullable(),
  mitigatedAt: iso.nullable(),
  resolvedAt: iso.nullable(),
  resolvedBy: z.string().nullable(),
  resolutionSummary: z.string().nullable(),
  closedAt: iso.nullable(),
  version: z.number().int(),
  roles: z.record(z.string(), z.string()),
  lastUpdate: z.object({ at: iso, by: z.string(), status: z.string(), message: z.string() }).nullable(),
  updateCount: z.number().int(),
  reopenCount: z.number().int(),
  policy: z.object({ respondWithin: z.string(), escalation: z.string(), updateCadence: z.string(), impact: z.string() }),
  clocks: z.object({
    response: z.object({ dueAt: iso, state: z.string(), metAt: iso.nullable() }),
    nextUpdate: z.object({ dueAt: iso.nullable(), state: z.string() }),
  }),
  checklist: z.object({
    title: z.string(),
    done: z.number().int(),
    total: z.number().int(),
    overdue: z.number().int(),
    phases: z.array(z.object({
      key: z.string(),
      title: z.string(),
      marker: z.string(),
      window: z.string(),
      startsAt: iso,
      endsAt: iso.nullable(),
      steps: z.array(z.object({
        key: z.string(),
        number: z.string(),
        title: z.string(),
        status: z.string(),
        dueAt: iso.nullable(),
        completedAt: iso.nullable(),
        completedBy: z.string().nullable(),
      })),
    })),
  }),
  compliance: z.object({
    flags: z.array(z.object({
      regime: z.string(), label: z.string(), awareAt: iso, flaggedAt: iso, flaggedBy: z.string(), individuals: z.number().nullable(), highRisk: z.boolean(), note: z.string().nullable(),
    })),
    obligations: z.array(z.object({
      regime: z.string(), key: z.string(), title: z.string(), basis: z.string(), dueAt: iso.nullable(), status: z.string(), firstNotifiedAt: iso.nullable(),
      contacts: z.array(z.object({ name: z.string(), reach: z.string().nullable() })),
      notifications: z.array(z.object({ at: iso, by: z.string(), to: z.string(), phase: z.string(), note: z.string().nullable() })),
    })),
  }).describe('compliance flags (GDPR, HIPAA, PCI DSS, SOX) and their notification obligations with deadlines'),
  review: z.object({ required: z.boolean(), dueAt: iso.nullable(), scheduledAt: iso.nullable(), doneAt: iso.nullable() }).describe('the post-incident review: required or not, due by (once resolved), when it meets, when it was done'),
  seenBefore: z.array(z.string()).describe('past incidents of the same alert that have an RCA'),
  impact: z.object({
    customersAffected: z.number().nullable(), customersTotal: z.number().nullable(), share: z.number().nullable(), revenuePerMinute: z.number().nullable(),
    currency: z.string(), minutes: z.number().int(), cost: z.number().nullable(), isFinal: z.boolean(), note: z.string().nullable(),
    assessedAt: iso.nullable(), assessedBy: z.string().nullable(), text: z.string(),
  }).optional().describe('business impact: customers affected, revenue at risk per minute and the cost over the minutes of impact (so far, or final once resolved); present once assessed or when impact.revenue_per_minute is configured'),
  satisfaction: z.object({ responses: z.number().int(), average: z.number() }).optional().describe('customer survey answers (1–5) after resolution'),
  asOf: iso,
});

export const commandOutcome = z.object({ incident: incidentDto, changed: z.boolean(), recorded: z.array(timelineEntryDto) });
export const declarationPaging = z.object({
  paged: z.array(z.object({ name: z.string(), via: z.string().describe('the channel: sms, voice, email, slack…'), step: z.number().int(), at: iso.describe('when the message is sent') })),
  policy: z.string().nullable().describe('the escalation policy that pages'),
  isConfigured: z.boolean().describe('false when nobody could be paged because paging is not set up for this incident'),
  summary: z.string().describe('who was paged, or that no one was, why, and how to fix it'),
}).describe('who the declaration paged');
export const declaredOutcome = commandOutcome.extend({ paging: declarationPaging });
export const declarationReceipt = z.object({
  receipt: z.object({
    id: z.string().describe('INC-YYYY-MMDD-NNN or SEC-YYYY-MMDD-NNN'),
    severity: z.string(),
    severityLabel: z.string(),
    type: z.string(),
    title: z.string().describe('as declared'),
    declaredAt: z.string(),
    handedTo: z.string().describe('the team the incident now belongs to'),
    message: z.string(),
  }),
}).describe('A declaration the caller may not see (a security incident declared outside the security team): no timeline, pages, checklist or clocks');
export const incidentSummaryDto = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.string(),
  severityLabel: z.string(),
  type: z.string(),
  environment: z.string(),
  service: z.string().nullable(),
  status: z.string(),
  publicStatus: z.string(),
  declaredAt: iso,
  acknowledgedAt: iso.nullable(),
  resolvedAt: iso.nullable(),
  lastUpdateAt: iso.nullable().describe('when the last status update was posted'),
  commander: z.string().nullable().describe('who holds the commander role'),
  clocks: incidentDto.shape.clocks,
  complianceFlagCount: z.number().int().describe('how many compliance regimes the incident is flagged with; the obligations are in GET /incidents/{id}'),
  asOf: iso,
}).describe('An incident as a list shows it; GET /incidents/{id} has the whole incident (checklist, compliance, review, policy)');
export const incidentPage = z.object({ items: z.array(incidentSummaryDto), nextCursor: z.string().nullable() });
export const timelinePage = z.object({ items: z.array(timelineEntryDto) });
const checkpointSummary = z.object({
  count: z.number().int(),
  trust: z.enum(['file', 'configured-key', 'database']).describe('whose keys the signatures were checked with'),
  lastSeq: z.number().int().nullable(),
  lastOrdinal: z.number().int().nullable().optional().describe('the last checkpoint\'s ordinal (checkpoints are numbered from 1 and chained)'),
  keyId: z.string().optional(),
  keyFile: z.string().optional().describe('where the trusted signing key is kept'),
  known: z.object({ ordinal: z.number().int(), seq: z.number().int() }).optional().describe('the last checkpoint this key signed, remembered beside the key'),
}).describe('signed checkpoints (docs/audit.md)');
export const auditResult = z.union([
  z.object({
    ok: z.literal(true), count: z.number().int(), headSeq: z.number().int(), checkpoints: checkpointSummary.optional(),
    incidentsChecked: z.number().int().optional().describe('incidents whose stored read model was compared with the fold of their events'),
  }),
  z.object({
    ok: z.literal(false),
    count: z.number().int(),
    firstBroken: z.object({
      seq: z.number().int(), incidentId: z.string(), reason: z.string(), detail: z.string(),
      kind: z.enum(['chain', 'checkpoint', 'read-model']).optional(), keyId: z.string().optional(),
      field: z.string().optional().describe('read-model breaks: the first field that differs from the fold of the events'),
    }),
    checkpoints: checkpointSummary.optional(),
  }),
]);
export const apiTokenDto = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ACCESS_ROLES),
  teams: z.array(z.string()),
  prefix: z.string(),
  createdAt: iso,
  createdBy: z.string(),
  revokedAt: iso.nullable(),
  lastUsedAt: iso.nullable(),
  scopes: z.array(z.enum(TOKEN_SCOPES)).describe('read: GET routes; ingest: alerts, metric samples, heartbeats; write: every other change'),
});
export const createdToken = z.object({ token: z.string().describe('shown once; store it now'), record: apiTokenDto });
export const tokenList = z.object({ items: z.array(apiTokenDto) });
export const tokenRecord = z.object({ record: apiTokenDto });
export const eventStream = z.string().describe('text/event-stream: "id: <seq>", "event: <kind>", "data: <TimelineEntryDto + incidentId>"; comments are heartbeats');
export const openApiDocument = z.record(z.string(), z.unknown()).describe('this document');
export const errorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
    requestId: z.string(),
  }),
});

/** Named schemas, published under components/schemas. */
export const NAMED_SCHEMAS: Record<string, z.ZodType> = {
  IncidentDto: incidentDto,
  IncidentSummaryDto: incidentSummaryDto,
  TimelineEntryDto: timelineEntryDto,
  CommandOutcome: commandOutcome,
  DeclaredOutcome: declaredOutcome,
  DeclarationPaging: declarationPaging,
  DeclarationReceipt: declarationReceipt,
  AuditResult: auditResult,
  ApiToken: apiTokenDto,
  ErrorEnvelope: errorEnvelope,
};

// The published shapes must be exactly the DTOs the use cases return: a drift fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _dtoShapes: [
  Same<z.infer<typeof incidentDto>, IncidentDto>,
  Same<z.infer<typeof incidentSummaryDto>, IncidentSummaryDto>,
  Same<z.infer<typeof timelineEntryDto>, TimelineEntryDto>,
  Same<z.infer<typeof apiTokenDto>, ApiTokenDto>,
  Same<z.infer<typeof declarationReceipt>['receipt'], DeclarationReceipt>,
  Same<z.infer<typeof declarationPaging>, DeclarationPagingDto>,
] = [true, true, true, true, true, true];
void _dtoShapes;
