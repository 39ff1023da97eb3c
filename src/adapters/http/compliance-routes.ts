import { z } from 'zod';
import type { Principal } from '../../domain/access/index.js';
import { COMPLIANCE_REGIMES, NOTIFICATION_PHASES, parseObligation } from '../../domain/compliance/index.js';
import { parseIncidentId } from '../../domain/incident/index.js';
import { epochMs } from '../../domain/time/index.js';
import { commandOutcome } from './api-schemas.js';
import { defineRoute, type ApiRoute } from './api-route.js';
import type { ComplianceEndpoints, ServerDeps } from './server-deps.js';

const instant = z.iso.datetime({ offset: true }).describe('ISO-8601 instant, e.g. 2026-11-28T09:00:00Z');
const idParams = z.strictObject({ id: z.string().max(100) });
const flagBody = z.strictObject({
  regime: z.enum(COMPLIANCE_REGIMES),
  awareAt: instant.describe('when the organisation became aware; the regime\'s clocks start here'),
  individuals: z.int().min(0).max(1_000_000_000).optional().describe('how many people are affected'),
  highRisk: z.boolean().optional().describe('GDPR Art. 34: high risk to the data subjects'),
  note: z.string().trim().min(1).max(2000).optional(),
});
const notifyBody = z.strictObject({
  regime: z.enum(COMPLIANCE_REGIMES),
  to: z.string().trim().min(1).max(200).describe('who was notified, e.g. "CNIL" or a configured contact name'),
  phase: z.enum(NOTIFICATION_PHASES).default('initial'),
  obligation: z.string().max(60).optional().describe('which obligation this meets (default: from the contact named by `to`, else the regime\'s first)'),
  note: z.string().trim().min(1).max(2000).optional(),
});
const soc2Report = z.object({
  since: z.string().nullable(), checked: z.number(),
  incomplete: z.array(z.object({ id: z.string(), severity: z.string(), status: z.string(), title: z.string(), findings: z.array(z.object({ code: z.string(), message: z.string() })) })),
});

const reminderDto = z.object({
  idempotencyKey: z.string(), incidentId: z.string(), regime: z.enum(COMPLIANCE_REGIMES), obligation: z.string(), kind: z.enum(['before-due', 'late']),
  dueAt: z.string(), message: z.string(),
});

function desk(deps: ServerDeps): (principal: Principal) => ComplianceEndpoints {
  if (deps.complianceFor === undefined) throw new Error('compliance routes registered without complianceFor');
  return deps.complianceFor;
}

/** Compliance flags, notifications and the SOC 2 check (docs/compliance.md); the CLI's `compliance` verbs. */
export const COMPLIANCE_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'POST', path: '/incidents/{id}/compliance/flags', summary: 'Flag an incident as touching regulated data; starts that regime\'s notification clocks', permission: 'incident:command',
    params: idParams, body: flagBody, status: 200, response: commandOutcome,
    handle: ({ deps, principal, params, body }) => desk(deps)(principal).flag(parseIncidentId(params.id), {
      regime: body.regime, awareAt: epochMs(Date.parse(body.awareAt)),
      ...(body.individuals === undefined ? {} : { individuals: body.individuals }),
      ...(body.highRisk === true ? { highRisk: true } : {}),
      ...(body.note === undefined ? {} : { note: body.note }),
    }),
  }),
  defineRoute({
    method: 'POST', path: '/incidents/{id}/compliance/notifications', summary: 'Record a notification made (regulator, acquirer, card brand, auditor, the people affected)', permission: 'incident:work',
    params: idParams, body: notifyBody, status: 200, response: commandOutcome,
    handle: ({ deps, principal, params, body }) => desk(deps)(principal).notify(parseIncidentId(params.id), {
      regime: body.regime, to: body.to, phase: body.phase,
      ...(body.obligation === undefined ? {} : { obligation: parseObligation(body.regime, body.obligation) }),
      ...(body.note === undefined ? {} : { note: body.note }),
    }),
  }),
  defineRoute({
    method: 'GET', path: '/incidents/{id}/evidence', summary: 'The evidence bundle of an incident: timeline, audit chain and its verification, RCA, communications, checklist (recorded on the admin audit trail)', permission: 'incident:read',
    params: idParams, status: 200, response: z.object({ files: z.array(z.object({ name: z.string(), content: z.string() })), auditOk: z.boolean() }),
    handle: ({ deps, principal, params }) => desk(deps)(principal).evidenceBundle(parseIncidentId(params.id)),
  }),
  defineRoute({
    method: 'GET', path: '/compliance/reminders', summary: 'Compliance reminders due now, of the incidents the caller may see (the paging engine delivers them)', permission: 'incident:read',
    status: 200, response: z.object({ items: z.array(reminderDto) }),
    handle: async ({ deps, principal }) => ({ items: (await desk(deps)(principal).reminders()).map((r) => ({ ...r, dueAt: new Date(r.dueAt).toISOString() })) }),
  }),
  defineRoute({
    method: 'GET', path: '/compliance/soc2', summary: 'SOC 2 completeness: incidents the caller may see that miss required documentation', permission: 'incident:read',
    query: z.strictObject({ since: instant.optional().describe('only incidents declared since') }), status: 200, response: soc2Report,
    handle: ({ deps, principal, query }) => desk(deps)(principal).soc2(query.since === undefined ? undefined : epochMs(Date.parse(query.since))),
  }),
];
