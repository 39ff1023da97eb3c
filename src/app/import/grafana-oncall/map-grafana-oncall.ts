import { IdAllocator, idFromEmail, slugId } from '../allocate-ids.js';
import { buildLayer } from '../build-layer.js';
import { ImportLedger } from '../import-ledger.js';
import type {
  ContactKind, ImportedConfig, ImportedLayer, ImportedOverride, ImportedPerson, ImportedPolicy, ImportedRestriction, ImportedSchedule,
  ImportedService, ImportedStep, ImportedTarget, ImportedTeam, ImportResult, IntegrationPlan, ReplacementSource,
} from '../import-model.js';
import {
  instantOfWall, isKnownZone, isoInZone, mergeRestrictions, restrictionsFor, turnOf, wallOfLocal, wallWeekday, type TurnUnit,
} from '../import-time.js';
import type { GoShift, GoUser, GrafanaOnCallSnapshot } from './grafana-oncall-types.js';

const RULE_KIND: Record<string, ContactKind | undefined> = {
  notify_by_sms: 'sms', notify_by_phone_call: 'voice', notify_by_email: 'email', notify_by_slack: 'slack', notify_by_msteams: 'teams',
};
const FREQUENCY: Record<string, TurnUnit | undefined> = { hourly: 'hours', daily: 'days', weekly: 'weeks' };
const UNIT_MINUTES: Record<TurnUnit, number> = { hours: 60, days: 1440, weeks: 10_080 };
const ICAL_DAY: Record<string, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };
const REPLACEMENT: Record<string, ReplacementSource | undefined> = {
  alertmanager: 'alertmanager-webhook', grafana: 'alertmanager-webhook', grafana_alerting: 'alertmanager-webhook', legacy_alertmanager: 'alertmanager-webhook',
  legacy_grafana_alerting: 'alertmanager-webhook', webhook: 'generic-webhook', formatted_webhook: 'generic-webhook', amazon_sns: 'sns-cloudwatch',
  datadog: 'datadog', newrelic: 'newrelic',
};
/** Grafana OnCall's "repeat escalation" runs the chain again at most 5 times. */
const ONCALL_REPEATS = 5;

/** Grafana OnCall's users, teams, schedules, escalation chains and integrations as our configuration, with notes. */
export function mapGrafanaOnCall(snapshot: GrafanaOnCallSnapshot, now: number): ImportResult {
  const ids = new IdAllocator();
  const ledger = new ImportLedger();
  const people: Record<string, ImportedPerson> = {};
  const teams: Record<string, ImportedTeam> = {};
  const schedules: Record<string, ImportedSchedule> = {};
  const policies: Record<string, ImportedPolicy> = {};
  const services: Record<string, ImportedService> = {};
  const integrations: IntegrationPlan[] = [];
  const personOf = (id: string | undefined) => (id === undefined ? undefined : ids.find('person', id));

  for (const user of snapshot.users) {
    const id = ids.allocate('person', user.id, idFromEmail(user.email, user.username, `user-${user.id.toLowerCase()}`));
    people[id] = mapUser(user, snapshot, ledger);
  }

  for (const team of snapshot.teams) {
    const subject = `team '${team.name}'`;
    ledger.seen('team', team.id, subject);
    const id = ids.allocate('team', team.id, slugId(team.name, `team-${team.id.toLowerCase()}`));
    const members = snapshot.users.filter((u) => (u.teams ?? []).includes(team.id)).map((u) => ids.find('person', u.id)!);
    teams[id] = { name: team.name, members, leads: [] };
  }

  const shiftsById = new Map(snapshot.shifts.map((s) => [s.id, s]));
  for (const s of snapshot.schedules) {
    const subject = `schedule '${s.name}'`;
    ledger.seen('schedule', s.id, subject);
    if (s.type === 'ical') {
      ledger.unmapped('schedule', s.id, subject, 'it is read from an iCal URL; recreate its rotations under schedules: by hand');
      continue;
    }
    let zone = s.time_zone ?? 'UTC';
    if (!isKnownZone(zone)) {
      ledger.approximate('schedule', s.id, subject, `time zone '${zone}' is not an IANA zone; UTC was used`);
      zone = 'UTC';
    }
    const shifts = (s.shifts ?? []).map((id) => shiftsById.get(id)).filter((x): x is GoShift => x !== undefined);
    if ((s.shifts ?? []).length > shifts.length) ledger.approximate('schedule', s.id, subject, `${(s.shifts ?? []).length - shifts.length} of its shifts could not be read and were left out`);
    // Lowest level first: a higher level wins where shifts overlap, as a higher layer does here.
    const ordered = shifts.map((shift, i) => ({ shift, i })).sort((a, b) => (a.shift.level ?? 0) - (b.shift.level ?? 0) || a.i - b.i).map((x) => x.shift);
    const layers: ImportedLayer[] = [];
    const overrides: ImportedOverride[] = [];
    for (const shift of ordered) {
      const mapped = mapShift(shift, zone, now, personOf, (m) => ledger.approximate('schedule', s.id, subject, m));
      if (mapped?.layer !== undefined) layers.push(mapped.layer);
      if (mapped?.override !== undefined) overrides.push(mapped.override);
    }
    if (layers.length === 0) {
      ledger.unmapped('schedule', s.id, subject, 'it has no current rotation with users in it, so it was not imported');
      continue;
    }
    const id = ids.allocate('schedule', s.id, slugId(s.name, `schedule-${s.id.toLowerCase()}`));
    schedules[id] = { name: s.name, layers, ...(overrides.length === 0 ? {} : { overrides }) };
  }

  for (const chain of snapshot.escalationChains) {
    const subject = `escalation chain '${chain.name}'`;
    ledger.seen('escalation policy', chain.id, subject);
    const approximate = (m: string) => ledger.approximate('escalation policy', chain.id, subject, m);
    const stepsIn = snapshot.escalationPolicies.filter((p) => p.escalation_chain_id === chain.id).sort((a, b) => a.position - b.position);
    const steps: ImportedStep[] = [];
    let waited = 0;
    let repeat = 0;
    let repeatAfter = 0;
    let lastWasNotify = false;
    for (const step of stepsIn) {
      const targets: ImportedTarget[] = [];
      switch (step.type) {
        case 'wait':
          waited += Math.round((step.duration ?? 0) / 60);
          lastWasNotify = false;
          continue;
        case 'repeat_escalation':
          repeat = ONCALL_REPEATS;
          repeatAfter = waited;
          break;
        case 'notify_persons':
        case 'notify_person_next_each_time': {
          const list = step.type === 'notify_persons' ? step.persons_to_notify : step.persons_to_notify_next_each_time;
          for (const u of list ?? []) {
            const person = personOf(u);
            if (person === undefined) approximate(`step ${step.position + 1}: user ${u} was not imported and was left out`);
            else targets.push({ person });
          }
          if (step.type === 'notify_person_next_each_time' && targets.length > 1) approximate(`step ${step.position + 1}: 'notify the next person each time' has no equivalent: mapped to all of them at once`);
          break;
        }
        case 'notify_on_call_from_schedule': {
          const schedule = step.notify_on_call_from_schedule === null || step.notify_on_call_from_schedule === undefined ? undefined : ids.find('schedule', step.notify_on_call_from_schedule);
          if (schedule === undefined) approximate(`step ${step.position + 1}: schedule ${step.notify_on_call_from_schedule ?? '?'} was not imported and was left out`);
          else targets.push({ schedule });
          break;
        }
        case 'notify_team_members': {
          const team = step.team_to_notify === null || step.team_to_notify === undefined ? undefined : ids.find('team', step.team_to_notify);
          if (team === undefined) approximate(`step ${step.position + 1}: team ${step.team_to_notify ?? '?'} was not imported and was left out`);
          else targets.push({ team, who: 'members' });
          break;
        }
        default:
          approximate(`step ${step.position + 1} ('${step.type ?? 'empty'}') has no equivalent here and was left out`);
          continue;
      }
      if (step.type === 'repeat_escalation') break;
      if (targets.length === 0) continue;
      if (step.important === true) approximate(`step ${step.position + 1} uses people's 'important' notification rules; here everyone's one set of rules applies`);
      const previous = steps[steps.length - 1];
      if (lastWasNotify && waited === 0 && previous !== undefined) steps[steps.length - 1] = { ...previous, targets: [...previous.targets, ...targets] };
      else steps.push({ delay_minutes: steps.length === 0 && waited === 0 ? 0 : waited, targets });
      waited = 0;
      lastWasNotify = true;
    }
    if (steps.length === 0) {
      ledger.unmapped('escalation policy', chain.id, subject, 'none of its steps notifies an importable user, schedule or team, so it was not imported');
      continue;
    }
    const id = ids.allocate('escalation policy', chain.id, slugId(chain.name, `chain-${chain.id.toLowerCase()}`));
    policies[id] = { name: chain.name, steps, repeat, repeat_after_minutes: repeatAfter };
  }

  for (const integration of snapshot.integrations) {
    const subject = `integration '${integration.name}' (${integration.type})`;
    ledger.seen('service', integration.id, subject);
    ledger.seen('integration', integration.id, subject);
    const id = ids.allocate('service', integration.id, slugId(integration.name, `service-${integration.id.toLowerCase()}`));
    const chainId = integration.default_route?.escalation_chain_id ?? undefined;
    const policy = chainId === undefined || chainId === null ? undefined : ids.find('escalation policy', chainId);
    ledger.approximate('service', integration.id, subject, `Grafana OnCall has no services: the integration became service '${id}' with its default route's escalation chain; other routes were not imported (add routing rules under alerts:)`);
    const team = integration.team_id === null || integration.team_id === undefined ? undefined : ids.find('team', integration.team_id);
    services[id] = { name: integration.name, ...(team === undefined ? {} : { owner_team: team }), ...(policy === undefined ? {} : { escalation_policy: policy }) };
    const source = REPLACEMENT[integration.type];
    if (source === undefined) ledger.unmapped('integration', integration.id, subject, `no ingest source here reads Grafana OnCall '${integration.type}' integrations; send its alerts through a generic webhook or Alertmanager instead (docs/ingest.md)`);
    else if (source === 'generic-webhook') ledger.approximate('integration', integration.id, subject, 'a generic webhook needs a field mapping under integrations.webhooks before it accepts alerts');
    const name = ids.allocate('integration', integration.id, slugId(integration.name, `integration-${integration.id.toLowerCase()}`).slice(0, 64));
    integrations.push({ vendorName: integration.name, vendorType: integration.type, service: id, name, ...(source === undefined ? {} : { source }) });
  }

  const config: ImportedConfig = { people, teams, schedules, escalation_policies: policies, services };
  return { vendor: 'grafana-oncall', config, tallies: ledger.tallies(), notes: ledger.notes(), integrations };
}

function mapUser(user: GoUser, snapshot: GrafanaOnCallSnapshot, ledger: ImportLedger): ImportedPerson {
  const subject = `user '${user.username ?? user.email ?? user.id}'`;
  ledger.seen('user', user.id, subject);
  const contacts: { kind: ContactKind; address: string }[] = [];
  if (user.email !== undefined && user.email !== '') contacts.push({ kind: 'email', address: user.email });
  const slack = Array.isArray(user.slack) ? user.slack[0] : (user.slack ?? undefined);
  if (slack !== undefined && slack !== null && typeof slack.user_id === 'string') contacts.push({ kind: 'slack', address: slack.user_id });
  if (user.is_phone_number_verified === true) {
    ledger.approximate('user', user.id, subject, 'Grafana OnCall does not expose phone numbers: add sms and voice contact methods by hand');
  }
  const rules: { after_minutes: number; method: ContactKind }[] = [];
  let after = 0;
  const own = snapshot.notificationRules.filter((r) => r.user_id === user.id).sort((a, b) => a.position - b.position);
  if (own.some((r) => r.important === true)) ledger.approximate('user', user.id, subject, "the 'important' notification rules were left out: one set of rules applies here");
  for (const r of own.filter((x) => x.important !== true)) {
    if (r.type === 'wait') {
      after += Math.round((r.duration ?? 0) / 60);
      continue;
    }
    const kind = RULE_KIND[r.type];
    if (kind === undefined || !contacts.some((c) => c.kind === kind)) {
      ledger.approximate('user', user.id, subject, `the rule '${r.type}' at ${after} min was left out (${kind === undefined ? 'no equivalent here' : `no ${kind} contact method to use`})`);
      continue;
    }
    if (!rules.some((x) => x.after_minutes === after && x.method === kind)) rules.push({ after_minutes: after, method: kind });
  }
  return { name: user.username ?? user.email ?? user.id, contact_methods: contacts, notification_rules: rules };
}

function mapShift(
  shift: GoShift, scheduleZone: string, now: number, personOf: (id: string | undefined) => string | undefined, approximate: (m: string) => void,
): { layer?: ImportedLayer; override?: ImportedOverride } | undefined {
  const name = shift.name ?? shift.id;
  const zone = shift.time_zone !== null && shift.time_zone !== undefined && isKnownZone(shift.time_zone) ? shift.time_zone : scheduleZone;
  const startWall = wallOfLocal(shift.start);
  if (startWall === undefined) {
    approximate(`shift '${name}' has an unreadable start '${shift.start}' and was left out`);
    return undefined;
  }
  const durationMinutes = Math.round(shift.duration / 60);
  if (shift.type === 'single_event' || shift.type === 'override') {
    // A one-off shift lasts `duration` seconds of real time, also across a DST change.
    const startAt = instantOfWall(startWall, zone);
    const endAt = startAt + shift.duration * 1000;
    if (endAt <= now) return undefined;
    const users = shift.users ?? [];
    const person = personOf(users[0]);
    if (person === undefined) {
      approximate(`shift '${name}' (${shift.type}) has no imported user and was left out`);
      return undefined;
    }
    if (users.length > 1) approximate(`shift '${name}' puts ${users.length} people on call at once; here only the first, as an override`);
    return { override: { person, start: isoInZone(startAt, zone), end: isoInZone(endAt, zone) } };
  }
  const unit = FREQUENCY[shift.frequency ?? ''];
  if (unit === undefined) {
    approximate(`shift '${name}' repeats ${shift.frequency ?? 'never'}, which has no equivalent here, and was left out`);
    return undefined;
  }
  const until = shift.until === null || shift.until === undefined ? undefined : wallOfLocal(shift.until);
  if (until !== undefined && instantOfWall(until, zone) <= now) return undefined;
  if (until !== undefined) approximate(`shift '${name}' ends on ${shift.until}; rotations here do not end, so remove it then`);
  const interval = Math.max(1, shift.interval ?? 1);
  const groups = shift.type === 'rolling_users' ? (shift.rolling_users ?? []) : [shift.users ?? []];
  const participants: string[] = [];
  for (const group of groups) {
    const person = personOf(group[0]);
    if (person === undefined) {
      approximate(`shift '${name}': a turn of ${group.length === 0 ? 'nobody' : group.join(', ')} has no imported user and was left out`);
      continue;
    }
    if (group.length > 1) approximate(`shift '${name}': ${group.length} people share each turn in Grafana OnCall; here only the first of them is on call`);
    participants.push(person);
  }
  if (participants.length === 0) return undefined;
  const from = shift.start_rotation_from_user_index ?? 0;
  const rotated = [...participants.slice(from % participants.length), ...participants.slice(0, from % participants.length)];
  if (shift.type === 'recurrent_event' && interval > 1) approximate(`shift '${name}' recurs every ${interval} ${unit}; here it covers every ${unit.replace(/s$/, '')}`);
  const days = (shift.by_day ?? []).map((d) => ICAL_DAY[d]).filter((d): d is number => d !== undefined);
  if (shift.type === 'rolling_users' && unit === 'days' && days.length > 0 && days.length < 7) {
    approximate(`shift '${name}': Grafana OnCall hands over only on ${shift.by_day?.join(', ')}; here the turn also passes on the other days`);
  }
  const startMinute = Math.floor((startWall % 86_400_000) / 60_000);
  let restrictions: ImportedRestriction[] | undefined;
  if (unit === 'hours') {
    if (durationMinutes < UNIT_MINUTES.hours * interval) approximate(`shift '${name}': its ${durationMinutes}-minute events within each hourly turn were widened to the whole turn`);
  } else if (unit === 'days') {
    restrictions = mergeRestrictions([restrictionsFor(days.length > 0 ? days : [1, 2, 3, 4, 5, 6, 7], startMinute, Math.min(durationMinutes, 1440 * interval))]);
  } else {
    restrictions = mergeRestrictions([restrictionsFor(days.length > 0 ? days : [wallWeekday(startWall)], startMinute, Math.min(durationMinutes, UNIT_MINUTES.weeks))]);
  }
  return {
    layer: buildLayer({
      name, timeZone: zone, firstHandOffWall: startWall, turn: turnOf(unit, interval), participants: rotated,
      ...(restrictions === undefined ? {} : { restrictions }),
    }).layer,
  };
}
