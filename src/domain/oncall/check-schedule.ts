import { IANAZone } from 'luxon';
import type { Issue } from '../errors/index.js';
import { ROTATION_UNITS, type Schedule } from './schedule.js';
import { parseLocalDate, parseTimeOfDay } from './wall-time.js';

/** Problems that make a schedule unusable, each with the key it concerns; empty when it is usable. */
export function checkSchedule(schedule: Schedule): Issue[] {
  const issues: Issue[] = [];
  const at = (path: string, message: string) => issues.push({ path: `schedules.${schedule.id}.${path}`, message });
  if (schedule.layers.length === 0) at('layers', 'a schedule needs at least one layer');
  schedule.layers.forEach((layer, i) => {
    const r = layer.rotation;
    const p = `layers[${i}]`;
    if (!IANAZone.isValidZone(r.timeZone)) at(`${p}.time_zone`, `unknown time zone '${r.timeZone}' (use an IANA name such as Europe/Berlin)`);
    if (parseLocalDate(r.startDate) === undefined) at(`${p}.start_date`, `'${r.startDate}' is not a date YYYY-MM-DD`);
    if (parseTimeOfDay(r.handOffTime) === undefined) at(`${p}.hand_off_time`, `'${r.handOffTime}' is not a time of day HH:MM`);
    if (!ROTATION_UNITS.includes(r.length.unit)) at(`${p}.length.unit`, `'${r.length.unit}' is not one of ${ROTATION_UNITS.join(', ')}`);
    if (!Number.isInteger(r.length.count) || r.length.count < 1) at(`${p}.length.count`, `${r.length.count} is not a whole number of ${r.length.unit} (1 or more)`);
    if (r.participantIds.length === 0) at(`${p}.participants`, 'a rotation needs at least one participant');
    layer.restrictions.forEach((res, j) => {
      if (parseTimeOfDay(res.startTime) === undefined) at(`${p}.restrictions[${j}].start`, `'${res.startTime}' is not a time of day HH:MM`);
      if (parseTimeOfDay(res.endTime) === undefined) at(`${p}.restrictions[${j}].end`, `'${res.endTime}' is not a time of day HH:MM`);
      if (res.days.length === 0) at(`${p}.restrictions[${j}].days`, 'a restriction needs at least one weekday');
    });
  });
  schedule.overrides.forEach((o, i) => {
    if (o.endAt <= o.startAt) at(`overrides[${i}]`, `override ${o.id} ends before it starts`);
  });
  return issues;
}
