import { IdAllocator, idFromEmail, slugId } from '../allocate-ids.js';
import { buildLayer } from '../build-layer.js';
import { ImportLedger } from '../import-ledger.js';
import type {
  ContactKind, ImportedConfig, ImportedLayer, ImportedOverride, ImportedPerson, ImportedPolicy, ImportedRestriction, ImportedSchedule,
  ImportedService, ImportedStep, ImportedTarget, ImportedTeam, ImportResult, IntegrationPlan, ReplacementSource,
} from '../import-model.js';
import { instantMs, isKnownZone, mergeRestrictions, normaliseInstant, restrictionsFor, turnOf, wallOfInstant, type TurnUnit } from '../import-time.js';
import type { OgContact, OgEscalationRule, OgNotificationRule, OgParticipant, OgRotation, OgTimeRestriction, OpsgenieSnapshot } from './opsgenie-types.js';

const CONTACT_KIND: Record<string, ContactKind | undefined> = { email: 'email', sms: 'sms', voice: 'voice' };
const WEEKDAY: Record<string, number> = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 };
const ROTATION_UNIT: Record<string, TurnUnit | undefined> = { hourly: 'hours', daily: 'days', weekly: 'weeks' };
/** Opsgenie integrations whose senders speak the Opsgenie Alert API, which our `opsgenie` source reads. */
const ALERT_API_TYPES = new Set(['api', 'prometheus', 'alertmanager', 'grafana', 'terraform', 'zabbix', 'nagios', 'icinga', 'icinga2', 'sensu', 'jenkins']);

function minutesOf(d: { timeAmount?: number; timeUnit?: string } | undefined): number {
  const amount = d?.timeAmount ?? 0;
  const unit = (d?.timeUnit ?? 'minutes').toLowerCase();
  const factor = unit.startsWith('hour') ? 60 : unit.startsWith('day') ? 1440 : unit.startsWith('milli') ? 1 / 60_000 : unit.startsWith('sec') ? 1 / 60 : 1;
  return Math.max(0, Math.round(amount * factor));
}

/** Opsgenie's users, teams, schedules, escalations and services as our configuration, with notes. */
export function mapOpsgenie(snapshot: OpsgenieSnapshot, now: number): ImportResult {
  const ids = new IdAllocator();
  const ledger = new ImportLedger();
  const people: Record<string, ImportedPerson> = {};
  const teams: Record<string, ImportedTeam> = {};
  const schedules: Record<string, ImportedSchedule> = {};
  const policies: Record<string, ImportedPolicy> = {};
  const services: Record<string, ImportedService> = {};
  const integrations: IntegrationPlan[] = [];
  const personOf = (p: OgParticipant | { id: string } | undefined) => (p?.id === undefined ? undefined : ids.find('person', p.id));

  for (const { user, contacts, rules } of snapshot.users) {
    const subject = `user '${user.fullName ?? user.username}'`;
    ledger.seen('user', user.id, subject);
    const id = ids.allocate('person', user.id, idFromEmail(user.username, user.fullName, `user-${user.id.slice(0, 8)}`));
    people[id] = mapUser(user.username, user.fullName, contacts, rules, (m) => ledger.approximate('user', user.id, subject, m));
  }

  for (const team of snapshot.teams) {
    const subject = `team '${team.name}'`;
    ledger.seen('team', team.id, subject);
    const id = ids.allocate('team', team.id, slugId(team.name, `team-${team.id.slice(0, 8)}`));
    const members: string[] = [];
    const leads: string[] = [];
    for (const m of team.members ?? []) {
      const person = personOf(m.user);
      if (person === undefined) {
        ledger.approximate('team', team.id, subject, `member ${m.user.username ?? m.user.id} is not among the imported users and was left out`);
        continue;
      }
      members.push(person);
      if (m.role === 'admin') leads.push(person);
    }
    teams[id] = { name: team.name, members, leads };
  }

  for (const s of snapshot.schedules) {
    const subject = `schedule '${s.name}'`;
    ledger.seen('schedule', s.id, subject);
    let zone = s.timezone ?? 'UTC';
    if (!isKnownZone(zone)) {
      ledger.approximate('schedule', s.id, subject, `time zone '${zone}' is not an IANA zone; UTC was used`);
      zone = 'UTC';
    }
    if (s.enabled === false) ledger.approximate('schedule', s.id, subject, 'it is disabled in Opsgenie; it was imported as an ordinary schedule');
    const rotations = s.rotations ?? [];
    if (rotations.length > 1) {
      ledger.approximate('schedule', s.id, subject, 'where its rotations overlap Opsgenie pages every on-call participant; here the rotation listed last wins there');
    }
    const layers: ImportedLayer[] = [];
    for (const rotation of rotations) {
      const layer = mapRotation(rotation, zone, now, personOf, (m) => ledger.approximate('schedule', s.id, subject, m));
      if (layer !== undefined) layers.push(layer);
    }
    const overrides: ImportedOverride[] = [];
    const read = snapshot.overrides[s.id];
    if (read === undefined) ledger.approximate('schedule', s.id, subject, 'its overrides could not be read and were not imported');
    for (const o of read ?? []) {
      const end = instantMs(o.endDate);
      if (end === undefined || end <= now) continue;
      const person = o.user.type === 'user' ? personOf(o.user) : undefined;
      const start = normaliseInstant(o.startDate);
      const endText = normaliseInstant(o.endDate);
      if (person === undefined || start === undefined || endText === undefined) {
        ledger.approximate('schedule', s.id, subject, `the override '${o.alias ?? o.startDate}' for ${o.user.username ?? o.user.name ?? o.user.type} was left out (only users' overrides are imported)`);
        continue;
      }
      if ((o.rotations ?? []).length > 0 && (o.rotations ?? []).length < rotations.length) {
        ledger.approximate('schedule', s.id, subject, `the override '${o.alias ?? o.startDate}' covers only some rotations in Opsgenie; here it covers the whole schedule`);
      }
      overrides.push({ person, start, end: endText });
    }
    if (layers.length === 0) {
      ledger.unmapped('schedule', s.id, subject, 'it has no current rotation with users in it, so it was not imported');
      continue;
    }
    const id = ids.allocate('schedule', s.id, slugId(s.name, `schedule-${s.id.slice(0, 8)}`));
    schedules[id] = { name: s.name, layers, ...(overrides.length === 0 ? {} : { overrides }) };
  }

  for (const e of snapshot.escalations) {
    const subject = `escalation '${e.name}'`;
    ledger.seen('escalation policy', e.id, subject);
    // Opsgenie delays count from the alert's creation; ours count from the previous step.
    const byDelay = new Map<number, ImportedTarget[]>();
    (e.rules ?? []).forEach((rule, i) => {
      const target = mapEscalationTarget(rule, ids, (m) => ledger.approximate('escalation policy', e.id, subject, `rule ${i + 1}: ${m}`));
      if (target === undefined) return;
      const at = minutesOf(rule.delay);
      byDelay.set(at, [...(byDelay.get(at) ?? []), target]);
    });
    const steps: ImportedStep[] = [];
    let previous = 0;
    for (const at of [...byDelay.keys()].sort((a, b) => a - b)) {
      steps.push({ delay_minutes: at - previous, targets: byDelay.get(at)! });
      previous = at;
    }
    if (steps.length === 0) {
      ledger.unmapped('escalation policy', e.id, subject, 'none of its rules has an importable recipient, so it was not imported');
      continue;
    }
    if (e.repeat?.closeAlertAfterAll === true) ledger.approximate('escalation policy', e.id, subject, 'closing the alert after the last repeat has no equivalent here');
    const id = ids.allocate('escalation policy', e.id, slugId(e.name, `escalation-${e.id.slice(0, 8)}`));
    policies[id] = { name: e.name, steps, repeat: Math.max(0, Math.round(e.repeat?.count ?? 0)), repeat_after_minutes: Math.max(0, Math.round(e.repeat?.waitInterval ?? 0)) };
  }

  for (const svc of snapshot.services) {
    const subject = `service '${svc.name}'`;
    ledger.seen('service', svc.id, subject);
    const id = ids.allocate('service', svc.id, slugId(svc.name, `service-${svc.id.slice(0, 8)}`));
    const team = svc.teamId === undefined ? undefined : ids.find('team', svc.teamId);
    const owned = snapshot.escalations.filter((e) => e.ownerTeam?.id !== undefined && e.ownerTeam.id === svc.teamId && ids.find('escalation policy', e.id) !== undefined);
    const policy = owned.length > 0 ? ids.find('escalation policy', owned[0]!.id) : undefined;
    if (policy !== undefined) {
      ledger.approximate('service', svc.id, subject, `Opsgenie routes its alerts by the team's routing rules; the team's escalation '${owned[0]!.name}' was used${owned.length > 1 ? ` (of ${owned.length})` : ''}`);
    } else {
      ledger.approximate('service', svc.id, subject, `its team has no imported escalation; set services.${id}.escalation_policy by hand`);
    }
    services[id] = {
      name: svc.name,
      ...(svc.description === undefined || svc.description.trim() === '' ? {} : { description: svc.description.trim() }),
      ...(team === undefined ? {} : { owner_team: team }),
      ...(policy === undefined ? {} : { escalation_policy: policy }),
    };
  }

  for (const integration of snapshot.integrations) {
    const subject = `integration '${integration.name}' (${integration.type})`;
    ledger.seen('integration', integration.id, subject);
    const teamServices = snapshot.services.filter((s) => s.teamId !== undefined && s.teamId === integration.teamId);
    const service = teamServices.length === 1 ? ids.find('service', teamServices[0]!.id) : undefined;
    const source = replacementFor(integration.type);
    if (source === undefined) ledger.unmapped('integration', integration.id, subject, `no ingest source here reads Opsgenie '${integration.type}' integrations; send its alerts through a generic webhook or Alertmanager instead (docs/ingest.md)`);
    if (integration.enabled === false) ledger.approximate('integration', integration.id, subject, 'it is disabled in Opsgenie');
    const name = ids.allocate('integration', integration.id, slugId(integration.name, `integration-${integration.id.slice(0, 8)}`).slice(0, 64));
    integrations.push({ vendorName: integration.name, vendorType: integration.type, name, ...(service === undefined ? {} : { service }), ...(source === undefined ? {} : { source }) });
  }

  const config: ImportedConfig = { people, teams, schedules, escalation_policies: policies, services };
  return { vendor: 'opsgenie', config, tallies: ledger.tallies(), notes: ledger.notes(), integrations };
}

function replacementFor(type: string): ReplacementSource | undefined {
  const t = type.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (ALERT_API_TYPES.has(t)) return 'opsgenie';
  if (t.startsWith('datadog')) return 'datadog';
  if (t.startsWith('newrelic')) return 'newrelic';
  if (t.includes('cloudwatch')) return 'sns-cloudwatch';
  return undefined;
}

function phoneNumber(to: string): string | undefined {
  const digits = to.replace(/[^\d]/g, '');
  return digits === '' ? undefined : `+${digits}`;
}

function mapUser(email: string, fullName: string | undefined, contacts: readonly OgContact[] | undefined, rules: readonly OgNotificationRule[] | undefined, approximate: (m: string) => void): ImportedPerson {
  const methods: { kind: ContactKind; address: string; verified?: boolean }[] = [];
  for (const c of contacts ?? [{ id: 'username', method: 'email', to: email }]) {
    const kind = CONTACT_KIND[c.method];
    const address = kind === undefined ? undefined : kind === 'email' ? c.to.trim() : phoneNumber(c.to);
    if (kind === undefined || address === undefined || address === '') {
      approximate(`contact '${c.method}' (${c.method === 'mobile' ? 'the Opsgenie app' : c.to}) has no equivalent here and was left out`);
      continue;
    }
    if (methods.some((m) => m.kind === kind && m.address === address)) continue;
    const enabled = c.status?.enabled !== false;
    if (!enabled) approximate(`contact ${kind} ${address} is disabled in Opsgenie; it was imported unverified (never used until verified)`);
    methods.push({ kind, address, ...(enabled ? {} : { verified: false }) });
  }
  const out: { after_minutes: number; method: ContactKind }[] = [];
  for (const rule of rules ?? []) {
    if (rule.actionType !== undefined && rule.actionType !== 'create-alert') continue;
    if (rule.enabled === false) continue;
    for (const step of rule.steps ?? []) {
      if (step.enabled === false) continue;
      const kind = CONTACT_KIND[step.contact?.method ?? ''];
      const minutes = minutesOf(step.sendAfter);
      if (kind === undefined) {
        approximate(`the '${rule.name ?? 'new alert'}' step at ${minutes} min uses '${step.contact?.method ?? '?'}', which has no equivalent here, and was left out`);
        continue;
      }
      if (!out.some((r) => r.after_minutes === minutes && r.method === kind)) out.push({ after_minutes: minutes, method: kind });
    }
  }
  out.sort((a, b) => a.after_minutes - b.after_minutes);
  return { name: fullName ?? email, contact_methods: methods, notification_rules: out };
}

function restrictionsOf(r: OgTimeRestriction | null | undefined): ImportedRestriction[] | undefined {
  if (r === null || r === undefined) return undefined;
  const mins = (h: number, m: number) => h * 60 + m;
  if (r.type === 'time-of-day' && r.restriction !== undefined) {
    const start = mins(r.restriction.startHour, r.restriction.startMin);
    const end = mins(r.restriction.endHour, r.restriction.endMin);
    const length = end > start ? end - start : end + 1440 - start;
    return mergeRestrictions([restrictionsFor([1, 2, 3, 4, 5, 6, 7], start, length)]);
  }
  if (r.type === 'weekday-and-time-of-day') {
    return mergeRestrictions((r.restrictions ?? []).map((w) => {
      const startDay = WEEKDAY[w.startDay.toLowerCase()] ?? 1;
      const endDay = WEEKDAY[w.endDay.toLowerCase()] ?? startDay;
      const start = mins(w.startHour, w.startMin);
      let length = ((endDay - startDay + 7) % 7) * 1440 + mins(w.endHour, w.endMin) - start;
      if (length <= 0) length += 7 * 1440;
      return restrictionsFor([startDay], start, length);
    }));
  }
  return undefined;
}

function mapRotation(rotation: OgRotation, zone: string, now: number, personOf: (p: OgParticipant) => string | undefined, approximate: (m: string) => void): ImportedLayer | undefined {
  const name = rotation.name ?? 'Rotation';
  const endAt = instantMs(rotation.endDate ?? undefined);
  if (endAt !== undefined && endAt <= now) return undefined;
  if (endAt !== undefined) approximate(`rotation '${name}' ends on ${rotation.endDate}; rotations here do not end, so remove it then`);
  const unit = ROTATION_UNIT[rotation.type];
  const first = wallOfInstant(rotation.startDate, zone);
  if (unit === undefined || first === undefined) {
    approximate(`rotation '${name}' (type ${rotation.type}) has no equivalent here and was left out`);
    return undefined;
  }
  const participants: string[] = [];
  for (const p of rotation.participants ?? []) {
    const person = p.type === 'user' ? personOf(p) : undefined;
    if (person === undefined) approximate(`rotation '${name}': participant ${p.username ?? p.name ?? p.type} (${p.type}) was left out: only users rotate here${p.type === 'none' ? ', so that empty turn is gone' : ''}`);
    else participants.push(person);
  }
  if (participants.length === 0) return undefined;
  const restrictions = restrictionsOf(rotation.timeRestriction);
  return buildLayer({
    name, timeZone: zone, firstHandOffWall: first, turn: turnOf(unit, Math.max(1, Math.round(rotation.length ?? 1))), participants,
    ...(restrictions === undefined ? {} : { restrictions }),
  }).layer;
}

function mapEscalationTarget(rule: OgEscalationRule, ids: IdAllocator, approximate: (m: string) => void): ImportedTarget | undefined {
  const r = rule.recipient;
  const label = r.username ?? r.name ?? r.id ?? r.type;
  if (rule.condition === 'if-not-closed') approximate(`'if not closed' is treated as 'if not acknowledged': escalation here stops at acknowledgement`);
  const id = r.id;
  switch (r.type) {
    case 'user': {
      const person = id === undefined ? undefined : ids.find('person', id);
      if (person === undefined) approximate(`user ${label} was not imported and was left out`);
      return person === undefined ? undefined : { person };
    }
    case 'schedule': {
      const schedule = id === undefined ? undefined : ids.find('schedule', id);
      if (schedule === undefined) {
        approximate(`schedule ${label} was not imported and was left out`);
        return undefined;
      }
      if (rule.notifyType === 'next' || rule.notifyType === 'previous') approximate(`'${rule.notifyType} on-call user' of ${label} has no equivalent: the current on-call person is paged`);
      return { schedule };
    }
    case 'team': {
      const team = id === undefined ? undefined : ids.find('team', id);
      if (team === undefined) {
        approximate(`team ${label} was not imported and was left out`);
        return undefined;
      }
      if (rule.notifyType === 'admins') return { team, who: 'lead' };
      if (rule.notifyType === 'default' || rule.notifyType === undefined) approximate(`team ${label}'s own routing and escalation are not followed: its members are paged`);
      return { team, who: 'members' };
    }
    default:
      approximate(`recipient ${label} (${r.type}) has no equivalent here and was left out`);
      return undefined;
  }
}
