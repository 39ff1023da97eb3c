import { IdAllocator, idFromEmail, slugId } from '../allocate-ids.js';
import { buildLayer } from '../build-layer.js';
import { ImportLedger } from '../import-ledger.js';
import type {
  ContactKind, ImportedConfig, ImportedLayer, ImportedOverride, ImportedPerson, ImportedPolicy, ImportedRestriction, ImportedSchedule,
  ImportedService, ImportedStep, ImportedTarget, ImportedTeam, ImportResult, IntegrationPlan, ReplacementSource,
} from '../import-model.js';
import {
  instantMs, isKnownZone, isWholeMinute, mergeRestrictions, minutesOfDay, normaliseInstant, restrictionsFor, turnFromSeconds, wallOfInstant,
} from '../import-time.js';
import type { PagerDutySnapshot, PdContactMethod, PdIntegration, PdReference, PdScheduleLayer, PdUser } from './pagerduty-types.js';

const CONTACT_KIND: Record<string, ContactKind | undefined> = {
  email_contact_method: 'email',
  sms_contact_method: 'sms',
  phone_contact_method: 'voice',
};

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * PagerDuty's users, teams, schedules, escalation policies and services as our configuration, with
 * a note for everything that did not carry over exactly. Pure: `now` decides which overrides and
 * layers still matter.
 */
export function mapPagerDuty(snapshot: PagerDutySnapshot, now: number): ImportResult {
  const ids = new IdAllocator();
  const ledger = new ImportLedger();
  const people: Record<string, ImportedPerson> = {};
  const teams: Record<string, ImportedTeam> = {};
  const schedules: Record<string, ImportedSchedule> = {};
  const policies: Record<string, ImportedPolicy> = {};
  const services: Record<string, ImportedService> = {};
  const integrations: IntegrationPlan[] = [];
  const personOf = (ref: PdReference | undefined) => (ref === undefined ? undefined : ids.find('person', ref.id));

  for (const user of snapshot.users) {
    const id = ids.allocate('person', user.id, idFromEmail(user.email, user.name, `user-${user.id.toLowerCase()}`));
    people[id] = mapUser(user, ledger);
  }

  for (const { team, members } of snapshot.teams) {
    const subject = `team '${team.name ?? team.id}'`;
    ledger.seen('team', team.id, subject);
    const id = ids.allocate('team', team.id, slugId(team.name ?? '', `team-${team.id.toLowerCase()}`));
    const memberIds: string[] = [];
    const leads: string[] = [];
    for (const m of members) {
      const person = personOf(m.user);
      if (person === undefined) {
        ledger.approximate('team', team.id, subject, `member ${m.user.summary ?? m.user.id} is not among the imported users and was left out`);
        continue;
      }
      if (m.role === 'observer') {
        ledger.approximate('team', team.id, subject, `${m.user.summary ?? person} is an observer (never paged) and was left out of the members`);
        continue;
      }
      memberIds.push(person);
      if (m.role === 'manager') leads.push(person);
    }
    teams[id] = { name: team.name ?? id, members: memberIds, leads };
  }

  for (const s of snapshot.schedules) {
    const subject = `schedule '${s.name ?? s.id}'`;
    ledger.seen('schedule', s.id, subject);
    let zone = s.time_zone ?? 'UTC';
    if (!isKnownZone(zone)) {
      ledger.approximate('schedule', s.id, subject, `time zone '${zone}' is not an IANA zone; UTC was used`);
      zone = 'UTC';
    }
    // PagerDuty lists the highest layer first; our file lists the lowest first.
    const layers: ImportedLayer[] = [];
    for (const layer of [...(s.schedule_layers ?? [])].reverse()) {
      const mapped = mapLayer(layer, zone, now, (ref) => personOf(ref), (message) => ledger.approximate('schedule', s.id, subject, message));
      if (mapped !== undefined) layers.push(mapped);
    }
    const overrides: ImportedOverride[] = [];
    const read = snapshot.overrides[s.id];
    if (read === undefined) ledger.approximate('schedule', s.id, subject, 'its overrides could not be read and were not imported');
    for (const o of read ?? []) {
      const end = instantMs(o.end);
      if (end === undefined || end <= now) continue;
      const person = personOf(o.user);
      const start = normaliseInstant(o.start);
      const endText = normaliseInstant(o.end);
      if (person === undefined || start === undefined || endText === undefined) {
        ledger.approximate('schedule', s.id, subject, `the override for ${o.user.summary ?? o.user.id} from ${o.start} was left out (${person === undefined ? 'not an imported user' : 'unreadable time'})`);
        continue;
      }
      overrides.push({ person, start, end: endText });
    }
    if (layers.length === 0) {
      ledger.unmapped('schedule', s.id, subject, 'it has no current layer with people in it, so it was not imported');
      continue;
    }
    const id = ids.allocate('schedule', s.id, slugId(s.name ?? '', `schedule-${s.id.toLowerCase()}`));
    schedules[id] = { name: s.name ?? id, layers, ...(overrides.length === 0 ? {} : { overrides }) };
  }

  for (const p of snapshot.escalationPolicies) {
    const subject = `escalation policy '${p.name ?? p.id}'`;
    ledger.seen('escalation policy', p.id, subject);
    const steps: ImportedStep[] = [];
    let carried = 0;
    const rules = p.escalation_rules ?? [];
    rules.forEach((rule, i) => {
      const delay = carried + (i === 0 ? 0 : Math.max(0, Math.round(rules[i - 1]?.escalation_delay_in_minutes ?? 0)));
      const targets: ImportedTarget[] = [];
      for (const t of rule.targets ?? []) {
        const type = t.type ?? '';
        const target = type.startsWith('user') ? personOf(t) : type.startsWith('schedule') ? ids.find('schedule', t.id) : undefined;
        if (target === undefined) {
          ledger.approximate('escalation policy', p.id, subject, `rule ${i + 1}: target ${t.summary ?? t.id} (${type || 'unknown type'}) was not imported and was left out`);
          continue;
        }
        targets.push(type.startsWith('user') ? { person: target } : { schedule: target });
      }
      const strategy = typeof rule.escalation_rule_assignment_strategy === 'string' ? rule.escalation_rule_assignment_strategy : rule.escalation_rule_assignment_strategy?.type;
      if (strategy === 'round_robin' && targets.length > 1) {
        ledger.approximate('escalation policy', p.id, subject, `rule ${i + 1}: PagerDuty 'round robin' escalation has no equivalent: mapped to all targets at once`);
      }
      if (targets.length === 0) {
        ledger.approximate('escalation policy', p.id, subject, `rule ${i + 1} has no importable target and was dropped; its delay moved to the next step`);
        carried = delay;
        return;
      }
      carried = 0;
      steps.push({ delay_minutes: delay, targets });
    });
    if (steps.length === 0) {
      ledger.unmapped('escalation policy', p.id, subject, 'none of its rules has an importable target, so it was not imported');
      continue;
    }
    const id = ids.allocate('escalation policy', p.id, slugId(p.name ?? '', `policy-${p.id.toLowerCase()}`));
    const last = rules[rules.length - 1]?.escalation_delay_in_minutes ?? 30;
    policies[id] = { name: p.name ?? id, steps, repeat: Math.max(0, Math.round(p.num_loops ?? 0)), repeat_after_minutes: Math.max(0, Math.round(last)) };
  }

  for (const svc of snapshot.services) {
    const subject = `service '${svc.name ?? svc.id}'`;
    ledger.seen('service', svc.id, subject);
    const id = ids.allocate('service', svc.id, slugId(svc.name ?? '', `service-${svc.id.toLowerCase()}`));
    const policy = svc.escalation_policy === undefined ? undefined : ids.find('escalation policy', svc.escalation_policy.id);
    if (svc.escalation_policy !== undefined && policy === undefined) {
      ledger.approximate('service', svc.id, subject, `its escalation policy ${svc.escalation_policy.summary ?? svc.escalation_policy.id} was not imported; set services.${id}.escalation_policy by hand`);
    }
    const team = (svc.teams ?? []).map((t) => ids.find('team', t.id)).find((t) => t !== undefined);
    if (svc.status === 'disabled') ledger.approximate('service', svc.id, subject, 'it is disabled in PagerDuty; it was imported as an ordinary service');
    const description = svc.description ?? undefined;
    services[id] = {
      name: svc.name ?? id,
      ...(description === undefined || description === null || description.trim() === '' ? {} : { description: description.trim() }),
      ...(team === undefined ? {} : { owner_team: team }),
      ...(policy === undefined ? {} : { escalation_policy: policy }),
    };
    for (const integration of svc.integrations ?? []) {
      integrations.push(planIntegration(integration, id, ids, ledger));
    }
  }

  const config: ImportedConfig = { people, teams, schedules, escalation_policies: policies, services };
  return { vendor: 'pagerduty', config, tallies: ledger.tallies(), notes: ledger.notes(), integrations };
}

function mapUser(user: PdUser, ledger: ImportLedger): ImportedPerson {
  const subject = `user '${user.name ?? user.email ?? user.id}'`;
  ledger.seen('user', user.id, subject);
  const kindById = new Map<string, ContactKind>();
  const contacts: { kind: ContactKind; address: string }[] = [];
  for (const m of user.contact_methods ?? []) {
    const kind = CONTACT_KIND[m.type];
    const address = kind === undefined ? undefined : contactAddress(kind, m);
    if (kind === undefined || address === undefined) {
      ledger.approximate('user', user.id, subject, `contact method '${m.label ?? m.summary ?? m.type}' (${m.type}) has no equivalent here and was left out`);
      continue;
    }
    kindById.set(m.id, kind);
    if (!contacts.some((c) => c.kind === kind && c.address === address)) contacts.push({ kind, address });
  }
  if (user.contact_methods === undefined && user.email !== undefined) contacts.push({ kind: 'email', address: user.email });
  const rules: { after_minutes: number; method: ContactKind }[] = [];
  for (const r of user.notification_rules ?? []) {
    const kind = r.contact_method === undefined ? undefined : (kindById.get(r.contact_method.id) ?? CONTACT_KIND[r.contact_method.type ?? '']);
    const minutes = Math.max(0, Math.round(r.start_delay_in_minutes ?? 0));
    if (r.urgency === 'low') {
      ledger.approximate('user', user.id, subject, `the low-urgency rule at ${minutes} min was left out: pages here have one urgency, set by the severity`);
      continue;
    }
    if (kind === undefined) {
      ledger.approximate('user', user.id, subject, `the rule at ${minutes} min uses a contact method with no equivalent here and was left out`);
      continue;
    }
    if (!rules.some((x) => x.after_minutes === minutes && x.method === kind)) rules.push({ after_minutes: minutes, method: kind });
  }
  rules.sort((a, b) => a.after_minutes - b.after_minutes);
  return { name: user.name ?? user.email ?? user.id, contact_methods: contacts, notification_rules: rules };
}

function contactAddress(kind: ContactKind, m: PdContactMethod): string | undefined {
  const address = m.address?.trim();
  if (address === undefined || address === '') return undefined;
  if (kind === 'email') return address;
  const digits = address.replace(/[^\d]/g, '');
  if (digits === '') return undefined;
  return address.startsWith('+') ? `+${digits}` : `+${m.country_code ?? 1}${digits}`;
}

function mapLayer(
  layer: PdScheduleLayer, zone: string, now: number, personOf: (ref: PdReference) => string | undefined, approximate: (message: string) => void,
): ImportedLayer | undefined {
  const name = layer.name ?? 'Layer';
  const endAt = instantMs(layer.end ?? undefined);
  if (endAt !== undefined && endAt <= now) return undefined;
  if (endAt !== undefined) approximate(`layer '${name}' ends on ${layer.end}; layers here do not end, so remove it then`);
  const first = wallOfInstant(layer.rotation_virtual_start, zone);
  const activeFrom = wallOfInstant(layer.start, zone);
  if (first === undefined) {
    approximate(`layer '${name}' has no readable rotation_virtual_start and was left out`);
    return undefined;
  }
  const participants: string[] = [];
  for (const u of layer.users) {
    const person = personOf(u.user);
    if (person === undefined) approximate(`layer '${name}': ${u.user.summary ?? u.user.id} is not an imported user and was left out of the rotation`);
    else participants.push(person);
  }
  if (participants.length === 0) return undefined;
  const turn = turnFromSeconds(layer.rotation_turn_length_seconds);
  if (!turn.isExact) approximate(`layer '${name}': a turn of ${layer.rotation_turn_length_seconds} s was rounded to ${turn.turn}`);
  if (!isWholeMinute(first)) approximate(`layer '${name}': the hand-off time was rounded down to the minute`);
  const parts: (ImportedRestriction[] | 'always')[] = [];
  for (const r of layer.restrictions ?? []) {
    const start = minutesOfDay(r.start_time_of_day);
    if (start === undefined) {
      approximate(`layer '${name}': a restriction with start '${r.start_time_of_day}' could not be read and was left out`);
      continue;
    }
    if (!start.isWholeMinute || r.duration_seconds % 60 !== 0) approximate(`layer '${name}': a restriction was rounded to whole minutes`);
    const days = r.type === 'weekly_restriction' ? [r.start_day_of_week ?? 1] : ALL_DAYS;
    parts.push(restrictionsFor(days, start.minutes, Math.round(r.duration_seconds / 60)));
  }
  const restrictions = mergeRestrictions(parts);
  const built = buildLayer({
    name, timeZone: zone, firstHandOffWall: first, turn, participants,
    ...(activeFrom === undefined ? {} : { activeFromWall: activeFrom }),
    ...(restrictions === undefined ? {} : { restrictions }),
  });
  const startsAt = instantMs(layer.start);
  if (built.startsMidTurn && startsAt !== undefined && startsAt > now) {
    approximate(`layer '${name}' starts on ${layer.start}, inside a turn; here it starts at that turn's hand-off`);
  }
  return built.layer;
}

function planIntegration(integration: PdIntegration, serviceId: string, ids: IdAllocator, ledger: ImportLedger): IntegrationPlan {
  const label = integration.name ?? integration.summary ?? integration.type;
  const subject = `integration '${label}' on service ${serviceId}`;
  ledger.seen('integration', integration.id, subject);
  const source = replacementFor(integration);
  const name = ids.allocate('integration', integration.id, slugId(`${serviceId}-${label}`, `${serviceId}-${integration.id.toLowerCase()}`).slice(0, 64));
  if (source === undefined) {
    ledger.unmapped('integration', integration.id, subject, `no ingest source here reads ${integration.type}; send its alerts through a generic webhook or Alertmanager instead (docs/ingest.md)`);
  }
  return { vendorName: label, vendorType: integration.type, service: serviceId, name, ...(source === undefined ? {} : { source }) };
}

function replacementFor(integration: PdIntegration): ReplacementSource | undefined {
  const vendor = `${integration.vendor?.summary ?? ''} ${integration.name ?? ''}`.toLowerCase();
  if (/datadog/.test(vendor)) return 'datadog';
  if (/new ?relic/.test(vendor)) return 'newrelic';
  switch (integration.type) {
    case 'events_api_v2_inbound_integration':
    case 'generic_events_api_inbound_integration':
    case 'events_api_inbound_integration':
      return 'pagerduty-events';
    case 'aws_cloudwatch_inbound_integration':
      return 'sns-cloudwatch';
    default:
      return undefined;
  }
}
