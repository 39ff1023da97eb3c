import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMs } from '../time/index.js';
import { foldICalLine, renderOnCallCalendar, type OnCallShift } from './index.js';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');
const unfold = (text: string) => text.replace(/\r\n /g, '');

const shifts: OnCallShift[] = [
  { scheduleId: 'payments', personId: 'ann', layer: 'l1', startAt: epochMs(Date.UTC(2026, 9, 25, 0, 30)), endAt: epochMs(Date.UTC(2026, 9, 26, 1, 30)) },
  { scheduleId: 'payments', personId: 'bob', layer: 'l1', startAt: epochMs(Date.UTC(2026, 9, 26, 1, 30)), endAt: epochMs(Date.UTC(2026, 9, 27, 1, 30)) },
];
const input = {
  calendarName: 'Payments on-call; primary, secondary',
  shifts,
  personNames: { ann: 'Ann Überstrom-Jørgensen 🚒 with a deliberately long display name', bob: 'Bob' },
  generatedAt: epochMs(Date.UTC(2026, 9, 1)),
};

describe('iCal feed', () => {
  const text = renderOnCallCalendar(input);

  it('ends every line with CRLF and has no bare LF', () => {
    assert.ok(text.endsWith('\r\n'));
    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false);
  });
  it('folds lines so no physical line exceeds 75 octets', () => {
    for (const line of text.split('\r\n')) assert.ok(octets(line) <= 75, `${octets(line)} octets: ${line}`);
    assert.ok(text.includes('\r\n '), 'expected at least one folded line');
  });
  it('unfolding restores the original content lines', () => {
    assert.ok(unfold(text).includes('SUMMARY:On call: Ann Überstrom-Jørgensen 🚒 with a deliberately long display name (payments)'));
  });
  it('never splits a multi-byte character when folding', () => {
    const line = `SUMMARY:${'é'.repeat(60)}🚒${'ü'.repeat(40)}`;
    const folded = foldICalLine(line);
    for (const part of folded.split('\r\n')) {
      assert.ok(octets(part) <= 75);
      assert.equal(part.includes('\uFFFD'), false);
    }
    assert.equal(unfold(folded), line);
  });
  it('leaves a 75-octet line alone', () => assert.equal(foldICalLine('X'.repeat(75)), 'X'.repeat(75)));
  it('writes start and end in UTC', () => {
    assert.ok(text.includes('DTSTART:20261025T003000Z\r\n'));
    assert.ok(text.includes('DTEND:20261026T013000Z\r\n'));
  });
  it('escapes commas and semicolons in text', () => assert.ok(text.includes('X-WR-CALNAME:Payments on-call\\; primary\\, secondary')));
  it('gives each shift a UID that is the same on every render', () => {
    const uids = (t: string) => unfold(t).split('\r\n').filter((l) => l.startsWith('UID:'));
    assert.deepEqual(uids(renderOnCallCalendar(input)), uids(text));
    assert.equal(new Set(uids(text)).size, 2);
  });
  it("a personal feed holds only that person's shifts", () => {
    const mine = renderOnCallCalendar({ ...input, personId: 'bob' });
    assert.equal(mine.split('BEGIN:VEVENT').length - 1, 1);
    assert.ok(mine.includes('SUMMARY:On call: Bob (payments)'));
  });
});
