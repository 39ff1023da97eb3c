import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { epochMs, type EpochMs } from '../time/index.js';
import {
  DAILY, EVERY_DAY, OVERRIDE_LAYER, WEEKDAYS, WEEKLY, checkSchedule, findCoverageGaps, nextHandOff, onCallTimeline, whoIsOnCall,
  type Override, type Restriction, type Schedule, type ScheduleLayer,
} from './index.js';

const zone = 'Europe/Berlin';
const local = (iso: string): EpochMs => epochMs(DateTime.fromISO(iso, { zone }).toMillis());
const show = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("ccc yyyy-MM-dd'T'HH:mm");

function layer(id: string, participantIds: string[], restrictions: Restriction[] = [], handOffTime = '09:00'): ScheduleLayer {
  return { id, name: id, restrictions, rotation: { timeZone: zone, startDate: '2026-01-05', handOffTime, length: WEEKLY, participantIds } };
}
const schedule = (layers: ScheduleLayer[], overrides: Override[] = []): Schedule => ({ id: 'payments', name: 'Payments', layers, overrides });

const nights: Restriction = { days: WEEKDAYS, startTime: '22:00', endTime: '06:00' };
const officeHours: Restriction = { days: WEEKDAYS, startTime: '09:00', endTime: '17:00' };

describe('restrictions', () => {
  // 2026-11-17 is a Tuesday; 2026-11-21 a Saturday.
  const nightsOnly = schedule([layer('nights', ['nina'], [nights])]);
  const cases: { name: string; at: string; want: string | undefined }[] = [
    { name: 'a night window covers the evening it starts', at: '2026-11-17T23:00', want: 'nina' },
    { name: 'a night window crosses midnight into the next morning', at: '2026-11-18T05:59', want: 'nina' },
    { name: 'a night window ends at its end time', at: '2026-11-18T06:00', want: undefined },
    { name: 'outside the window the layer has nobody', at: '2026-11-18T12:00', want: undefined },
    { name: "Friday night's window runs into Saturday morning", at: '2026-11-21T03:00', want: 'nina' },
    { name: 'Saturday night has no window when only weekdays are listed', at: '2026-11-22T03:00', want: undefined },
  ];
  for (const c of cases) it(c.name, () => assert.equal(whoIsOnCall(nightsOnly, local(c.at))?.personId, c.want));

  it('a night window crossing the fall-back night is an hour longer', () => {
    const everyNight = schedule([layer('nights', ['nina'], [{ days: EVERY_DAY, startTime: '22:00', endTime: '06:00' }])]);
    const shift = onCallTimeline(everyNight, local('2026-10-24T12:00'), local('2026-10-25T12:00'))[0];
    assert.equal(shift && (shift.endAt - shift.startAt) / 3_600_000, 9);
  });
});

describe('layers', () => {
  const base = layer('base', ['bob']);
  const office = layer('office', ['olga'], [officeHours]);
  const layered = schedule([base, office]);
  const cases: { name: string; at: string; want: { personId: string; layer: string } }[] = [
    { name: 'a higher layer wins where it has someone', at: '2026-11-17T10:00', want: { personId: 'olga', layer: 'office' } },
    { name: 'a lower layer shows through where the higher one has nobody', at: '2026-11-17T18:00', want: { personId: 'bob', layer: 'base' } },
    { name: 'the lower layer covers the weekend', at: '2026-11-21T10:00', want: { personId: 'bob', layer: 'base' } },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(whoIsOnCall(layered, local(c.at)), c.want));

  it('the timeline alternates between layers without gaps', () => {
    const shifts = onCallTimeline(layered, local('2026-11-17T00:00'), local('2026-11-18T00:00'));
    assert.deepEqual(shifts.map((s) => `${s.personId} ${show(s.startAt)}–${show(s.endAt)}`), [
      'bob Tue 2026-11-17T00:00–Tue 2026-11-17T09:00',
      'olga Tue 2026-11-17T09:00–Tue 2026-11-17T17:00',
      'bob Tue 2026-11-17T17:00–Wed 2026-11-18T00:00',
    ]);
  });
});

describe('overrides', () => {
  const rota = layer('rota', ['bob', 'ann']);
  // Weekly from Monday 2026-01-05 09:00: ann has the week of 2026-11-16, bob the week of 2026-11-23.
  const takeMyShift: Override = { id: 'o1', personId: 'carl', startAt: local('2026-11-18T12:00'), endAt: local('2026-11-19T12:00') };

  it('"take my shift" puts the named person on call for its span', () => {
    assert.deepEqual(whoIsOnCall(schedule([rota], [takeMyShift]), local('2026-11-18T20:00')), { personId: 'carl', layer: OVERRIDE_LAYER, override: takeMyShift });
  });
  it('the rotation resumes when the override ends', () => {
    assert.equal(whoIsOnCall(schedule([rota], [takeMyShift]), local('2026-11-19T12:00'))?.personId, 'ann');
  });
  it('the timeline splits around an override and stays gap-free', () => {
    const shifts = onCallTimeline(schedule([rota], [takeMyShift]), local('2026-11-16T09:00'), local('2026-11-23T09:00'));
    assert.deepEqual(shifts.map((s) => `${s.personId} ${s.layer}`), ['ann rota', 'carl override', 'ann rota']);
    for (let i = 1; i < shifts.length; i++) assert.equal(shifts[i]?.startAt, shifts[i - 1]?.endAt);
    assert.equal(shifts[1]?.overrideId, 'o1');
  });
  it('a later override wins over an earlier one', () => {
    const later: Override = { id: 'o2', personId: 'dora', startAt: local('2026-11-18T00:00'), endAt: local('2026-11-20T00:00') };
    assert.equal(whoIsOnCall(schedule([rota], [takeMyShift, later]), local('2026-11-18T20:00'))?.personId, 'dora');
  });

  const swap: Override[] = [
    { id: 's1', personId: 'bob', replacesPersonId: 'ann', startAt: local('2026-11-16T09:00'), endAt: local('2026-11-30T09:00') },
    { id: 's2', personId: 'ann', replacesPersonId: 'bob', startAt: local('2026-11-16T09:00'), endAt: local('2026-11-30T09:00') },
  ];
  const swapCases: { at: string; want: string }[] = [
    { at: '2026-11-17T12:00', want: 'bob' },
    { at: '2026-11-24T12:00', want: 'ann' },
    { at: '2026-12-01T12:00', want: 'ann' },
  ];
  for (const c of swapCases) {
    it(`a swap exchanges two people's shifts inside its span (${c.at} → ${c.want})`, () =>
      assert.equal(whoIsOnCall(schedule([rota], swap), local(c.at))?.personId, c.want));
  }
});

describe('coverage gaps', () => {
  it('finds the nights and the weekend when only office hours are covered', () => {
    const officeOnly = schedule([layer('office', ['olga'], [officeHours])]);
    const gaps = findCoverageGaps(officeOnly, local('2026-11-20T00:00'), local('2026-11-24T00:00'));
    assert.deepEqual(gaps.map((g) => `${show(g.startAt)}–${show(g.endAt)}`), [
      'Fri 2026-11-20T00:00–Fri 2026-11-20T09:00',
      'Fri 2026-11-20T17:00–Mon 2026-11-23T09:00',
      'Mon 2026-11-23T17:00–Tue 2026-11-24T00:00',
    ]);
  });
  it('finds no gap when a layer covers every hour', () => {
    assert.deepEqual(findCoverageGaps(schedule([layer('base', ['bob'])]), local('2026-10-20T00:00'), local('2026-10-30T00:00')), []);
  });
  it('counts the time before a rotation starts as a gap', () => {
    const late = schedule([{ ...layer('base', ['bob']), rotation: { ...layer('base', ['bob']).rotation, startDate: '2026-11-18' } }]);
    assert.deepEqual(findCoverageGaps(late, local('2026-11-17T00:00'), local('2026-11-19T00:00')).map((g) => `${show(g.startAt)}–${show(g.endAt)}`), [
      'Tue 2026-11-17T00:00–Wed 2026-11-18T09:00',
    ]);
  });
});

describe('nextHandOff', () => {
  it('is the next rotation hand-off, with who hands over to whom', () => {
    const daily = schedule([{ ...layer('rota', ['ann', 'bob']), rotation: { ...layer('rota', ['ann', 'bob']).rotation, length: DAILY } }]);
    const h = nextHandOff(daily, local('2026-10-24T12:00'));
    assert.equal(h && show(h.at), 'Sun 2026-10-25T09:00');
    assert.deepEqual(h && [h.fromPersonId, h.toPersonId], ['ann', 'bob']);
  });
  it('skips a change of layer that keeps the same person on call', () => {
    const same = schedule([layer('base', ['bob']), layer('office', ['bob'], [officeHours])]);
    assert.equal(nextHandOff(same, local('2026-11-17T10:00'), 3 * 86_400_000), undefined);
  });
  it('reports the start of a gap as a hand-off to nobody', () => {
    const h = nextHandOff(schedule([layer('office', ['olga'], [officeHours])]), local('2026-11-17T10:00'));
    assert.deepEqual(h && [show(h.at), h.fromPersonId, h.toPersonId], ['Tue 2026-11-17T17:00', 'olga', undefined]);
  });
});

describe('checkSchedule', () => {
  it('names each unusable setting by its key', () => {
    const bad = schedule([{ id: 'l1', name: 'l1', restrictions: [{ days: [], startTime: '9:00', endTime: '17:00' }], rotation: { timeZone: 'Europe/Berlinn', startDate: '2026-13-01', handOffTime: '25:00', length: { unit: 'days', count: 0 }, participantIds: [] } }]);
    assert.deepEqual(checkSchedule(bad).map((i) => i.path), [
      'schedules.payments.layers[0].time_zone', 'schedules.payments.layers[0].start_date', 'schedules.payments.layers[0].hand_off_time',
      'schedules.payments.layers[0].length.count', 'schedules.payments.layers[0].participants',
      'schedules.payments.layers[0].restrictions[0].start', 'schedules.payments.layers[0].restrictions[0].days',
    ]);
  });
});
