// The on-call iCal feeds read by a real iCalendar parser (ical.js): two renders taken hours or weeks
// apart both parse, and a shift keeps its UID (and its start) in both, the shift in progress too, so
// a calendar app updates its events instead of duplicating them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import { parseConfig } from '../../src/adapters/config/index.js';
import { onCallCalendar, type CalendarSubject } from '../../src/app/paging/index.js';
import { epochMs, HOUR, DAY } from '../../src/domain/time/index.js';

const config = parseConfig(`
people:
  ana: { name: Ana Alves, contact_methods: [{ kind: email, address: ana@example.com }] }
  ben: { name: Ben Brandt, contact_methods: [{ kind: email, address: ben@example.com }] }
  cy: { name: Cy Castro, contact_methods: [{ kind: email, address: cy@example.com }] }
schedules:
  primary:
    name: Payments primary
    layers:
      - { time_zone: Europe/Berlin, start_date: 2026-11-01, hand_off_time: "09:00", turn: daily, participants: [ana, ben] }
  lone:
    name: Lone wolf
    layers:
      - { time_zone: UTC, start_date: 2026-11-01, hand_off_time: "09:00", turn: weekly, participants: [cy] }
`, 'incident-response.yaml');

interface Event { uid: string; start: string; end: string; summary: string }

/** The feed parsed by ical.js: throws on anything it cannot read. */
function events(text: string): Event[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  assert.equal(calendar.name, 'vcalendar');
  return calendar.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    return { uid: e.uid, start: e.startDate.toJSDate().toISOString(), end: e.endDate.toJSDate().toISOString(), summary: e.summary };
  });
}

const containing = (list: Event[], at: number) => list.find((e) => Date.parse(e.start) <= at && at < Date.parse(e.end));

describe('on-call iCal UIDs across renders', () => {
  const cases: [string, CalendarSubject, number, number][] = [
    // 2026-11-28 is mid-shift (hand-offs at 09:00 Berlin, 08:00 UTC); the second render is five hours later, same shift.
    ['a schedule feed, hours apart', { schedule: 'primary' }, Date.UTC(2026, 10, 28, 10, 0), Date.UTC(2026, 10, 28, 15, 0)],
    ["a person's feed, hours apart", { person: 'ben' }, Date.UTC(2026, 10, 28, 10, 0), Date.UTC(2026, 10, 28, 15, 0)],
    // One participant: a single shift since the rotation began, rendered weeks apart.
    ['a shift that has lasted weeks', { schedule: 'lone' }, Date.UTC(2026, 10, 28, 10, 0), Date.UTC(2026, 11, 20, 3, 0)],
  ];
  for (const [name, subject, first, second] of cases) {
    it(`${name}: both renders parse, and each shift keeps its UID and start`, () => {
      const a = events(onCallCalendar(config, subject, epochMs(first), 30));
      const b = events(onCallCalendar(config, subject, epochMs(second), 30));
      assert.ok(a.length > 0 && b.length > 0);
      const current = containing(b, second);
      assert.ok(current !== undefined, 'someone is on call at the second render');
      const before = containing(a, second);
      // The same event: its UID and start (its end may be cut at a render's horizon when nobody follows within it).
      assert.deepEqual([current.uid, current.start], [before?.uid, before?.start], 'the shift in progress is the same event in both renders');
      // Every shift of the second render that the first one also covers has the first one's UID and times.
      const byUid = new Map(a.map((e) => [e.uid, e]));
      for (const e of b.filter((x) => Date.parse(x.end) <= first + 30 * DAY)) assert.deepEqual(byUid.get(e.uid), e, `shift ${e.uid} ${e.start}`);
      assert.equal(new Set(b.map((e) => e.uid)).size, b.length, 'UIDs are unique within a render');
    });
  }

  it('shows the shift in progress from its real start, not from the render instant', () => {
    const at = Date.UTC(2026, 10, 28, 10, 0);
    const shift = containing(events(onCallCalendar(config, { schedule: 'primary' }, epochMs(at), 7)), at);
    assert.equal(shift?.start, '2026-11-28T08:00:00.000Z');
    const lone = containing(events(onCallCalendar(config, { schedule: 'lone' }, epochMs(at + 3 * HOUR), 7)), at + 3 * HOUR);
    assert.equal(lone?.start, '2026-11-01T09:00:00.000Z');
  });
});
