import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_BUSINESS_CALENDAR, type BusinessCalendar } from '../calendar/index.js';
import { isAppError } from '../errors/index.js';
import {
  applyIncidentEvent, decideAcknowledge, decideClose, decideDeclare, decideResolve,
  type DecisionContext, type IncidentEventData, type IncidentState,
} from '../incident/index.js';
import { DEFAULT_SEVERITY_POLICY } from '../policy/index.js';
import { computeRcaDocument, type SequencedEvent } from '../rca/index.js';
import { MINUTE, epochMs, type EpochMs } from '../time/index.js';
import { DEFAULT_WORKFLOWS } from '../workflow/index.js';
import {
  computeReviewAgenda, computeReviewDueAt, decideReviewDecision, decideReviewDone, decideReviewNote, decideReviewSchedule, decideSeenBefore,
  foldReview, formatReviewAgenda, parseAttendee, renderReviewInvite, DEFAULT_REVIEW_POLICY,
} from './index.js';

const T = epochMs(Date.parse('2026-11-27T14:30:00Z')); // a Friday
const ctx = (now: EpochMs): DecisionContext => ({ now, policy: DEFAULT_SEVERITY_POLICY, calendar: DEFAULT_BUSINESS_CALENDAR, workflows: DEFAULT_WORKFLOWS });

/** A little story kept as events: each step decides from the state so far, one minute apart. */
class Story {
  events: SequencedEvent[] = [];
  state: IncidentState;
  constructor(severity: 'critical' | 'high' | 'medium' | 'low' = 'critical') {
    const declared: SequencedEvent = {
      seq: 1, incidentId: 'INC-2026-1127-001', version: 1, at: T, actor: 'alice',
      data: decideDeclare({ severity, incidentType: 'outage', environment: 'production', title: 'Checkout down', summary: 'All users; checkout fails' }, ctx(T)),
    };
    this.events.push(declared);
    this.state = applyIncidentEvent(undefined, declared);
  }
  get now(): EpochMs {
    return epochMs(T + this.state.version * MINUTE);
  }
  apply(decide: (s: IncidentState) => IncidentEventData[]): this {
    for (const data of decide(this.state)) {
      const e: SequencedEvent = { seq: this.events.length + 1, incidentId: this.state.id, version: this.state.version + 1, at: this.now, actor: 'bob', data };
      this.events.push(e);
      this.state = applyIncidentEvent(this.state, e);
    }
    return this;
  }
  get review() {
    return foldReview(this.events);
  }
}

const code = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return isAppError(e) ? e.code : 'thrown';
  }
};

describe('post-incident review', () => {
  it('is due a configured number of business days after resolution, counted in the business calendar', () => {
    const berlin: BusinessCalendar = { ...DEFAULT_BUSINESS_CALENDAR, timeZone: 'Europe/Berlin', holidays: ['2026-12-01'] };
    const table: [string, 'critical' | 'high' | 'medium', number, BusinessCalendar, string | undefined][] = [
      // Friday 14:30 UTC + 5 business days (UTC, 9-17) → next Friday 14:30.
      ['SEV-1, 5 days', 'critical', 5, DEFAULT_BUSINESS_CALENDAR, '2026-12-04T14:30:00.000Z'],
      ['SEV-2, 1 day', 'high', 1, DEFAULT_BUSINESS_CALENDAR, '2026-11-30T14:30:00.000Z'],
      // Berlin: 15:30 local Friday; 2 business days skip the weekend and the holiday on Tuesday.
      ['SEV-1 over a holiday', 'critical', 2, berlin, '2026-12-02T14:30:00.000Z'],
      ['SEV-3 needs none', 'medium', 5, DEFAULT_BUSINESS_CALENDAR, undefined],
    ];
    for (const [name, severity, days, cal, expected] of table) {
      const due = computeReviewDueAt(severity, T, { ...DEFAULT_REVIEW_POLICY, withinBusinessDays: days }, cal);
      assert.equal(due === undefined ? undefined : new Date(due).toISOString(), expected, name);
    }
    assert.equal(computeReviewDueAt('critical', undefined, DEFAULT_REVIEW_POLICY, DEFAULT_BUSINESS_CALENDAR), undefined);
  });

  it('keeps a SEV-1/2 incident open until the review is done, and lets others close', () => {
    const table: ['critical' | 'high' | 'medium' | 'low', boolean, string][] = [
      ['critical', false, 'INVALID_TRANSITION'],
      ['high', false, 'INVALID_TRANSITION'],
      ['critical', true, 'ok'],
      ['medium', false, 'ok'],
      ['low', false, 'ok'],
    ];
    for (const [severity, reviewed, expected] of table) {
      const s = new Story(severity).apply((x) => decideAcknowledge(x)).apply((x) => decideResolve(x, 'fixed'));
      if (reviewed) s.apply((x) => decideReviewDone(x, s.review, 'held'));
      assert.equal(code(() => decideClose(s.state, DEFAULT_REVIEW_POLICY.requiredFor)), expected, `${severity} reviewed=${reviewed}`);
    }
    const s = new Story('critical').apply((x) => decideResolve(x, 'fixed'));
    assert.throws(() => decideClose(s.state, ['critical']), (e: unknown) => isAppError(e) && /pir done|pir schedule/.test(e.message));
  });

  it('validates scheduling and counts reschedules for the invite', () => {
    const s = new Story().apply((x) => decideResolve(x, 'fixed'));
    const at = epochMs(Date.parse('2026-12-01T15:00:00Z'));
    const table: [string, Parameters<typeof decideReviewSchedule>[2], string][] = [
      ['in the past', { startsAt: epochMs(T - MINUTE), attendees: [] }, 'VALIDATION'],
      ['too short', { startsAt: at, durationMinutes: 5, attendees: [] }, 'VALIDATION'],
      ['fine', { startsAt: at, durationMinutes: 60, attendees: [{ name: 'Alice', email: 'alice@example.com' }] }, 'ok'],
    ];
    for (const [name, input, expected] of table) assert.equal(code(() => decideReviewSchedule(s.state, s.review, input, s.now)), expected, name);
    s.apply((x) => decideReviewSchedule(x, s.review, { startsAt: at, attendees: [] }, s.now));
    assert.equal(s.review.scheduled?.sequence, 0);
    assert.deepEqual(decideReviewSchedule(s.state, s.review, { startsAt: at, attendees: [] }, s.now), [], 'same schedule records nothing');
    s.apply((x) => decideReviewSchedule(x, s.review, { startsAt: epochMs(at + 60 * MINUTE), attendees: [] }, s.now));
    assert.equal(s.review.scheduled?.sequence, 1);
    assert.equal(s.state.reviewScheduledAt, at + 60 * MINUTE);
  });

  it('records notes and decisions until done, and refuses to finish the review of an active incident', () => {
    const s = new Story();
    assert.equal(code(() => decideReviewDone(s.state, s.review, undefined)), 'INVALID_TRANSITION');
    s.apply((x) => decideResolve(x, 'fixed'));
    s.apply((x) => decideReviewNote(x, s.review, 'Pool alarms were muted'));
    s.apply((x) => decideReviewDecision(x, s.review, 'Alarms on pool saturation page the DB team'));
    assert.equal(code(() => decideReviewNote(s.state, s.review, '  ')), 'VALIDATION');
    s.apply((x) => decideReviewDone(x, s.review, 'held with 5 people'));
    assert.deepEqual(decideReviewDone(s.state, s.review, undefined), [], 'done twice records nothing');
    assert.equal(code(() => decideReviewNote(s.state, s.review, 'late')), 'INVALID_TRANSITION');
    const r = s.review;
    assert.deepEqual([r.notes.map((n) => n.text), r.decisions.map((d) => d.text), r.summary], [['Pool alarms were muted'], ['Alarms on pool saturation page the DB team'], 'held with 5 people']);
    assert.equal(s.state.reviewDoneAt, r.doneAt);
  });

  it('reads attendees as NAME/EMAIL, Name <email>, email or a name', () => {
    const table: [string, unknown][] = [
      ['Alice Smith/alice@Example.com', { name: 'Alice Smith', email: 'alice@example.com' }],
      ['Bob <bob@example.com>', { name: 'Bob', email: 'bob@example.com' }],
      ['carol@example.com', { name: 'carol', email: 'carol@example.com' }],
      ['Dave', { name: 'Dave' }],
    ];
    for (const [input, expected] of table) assert.deepEqual(parseAttendee(input), expected, input);
    assert.equal(code(() => parseAttendee('Eve <not-an-email>')), 'VALIDATION');
  });

  it('fills the agenda of the product description with the incident facts, timed from the start', () => {
    const s = new Story().apply((x) => decideAcknowledge(x)).apply((x) => decideResolve(x, 'restored'));
    const at = epochMs(Date.parse('2026-12-01T15:00:00Z'));
    s.apply((x) => decideReviewSchedule(x, s.review, { startsAt: at, attendees: [{ name: 'Alice', email: 'alice@example.com' }] }, s.now));
    const doc = computeRcaDocument(s.events);
    const agenda = computeReviewAgenda(doc, s.review, { isRequired: true, dueAt: undefined, actionItems: [{ ref: 'INC-2026-1127-001-A1', text: 'Add pool monitoring' }], zone: 'UTC' });
    assert.deepEqual(agenda.sections.map((x) => [x.title, x.minutes]), [
      ['Incident Overview', 10], ['Root Cause Analysis', 20], ['Action Items', 15], ['Learning and Knowledge Sharing', 10], ['Follow-up Planning', 5],
    ]);
    assert.deepEqual(agenda.sections.map((x) => new Date(x.startsAt!).toISOString().slice(11, 16)), ['15:00', '15:10', '15:30', '15:45', '15:55']);
    const text = formatReviewAgenda(agenda, 'UTC');
    for (const expected of ['ID: INC-2026-1127-001', 'Severity: SEV-1', 'Duration: 2m', 'Impact: All users; checkout fails', 'INC-2026-1127-001-A1 Add pool monitoring', 'Attendees: Alice <alice@example.com>']) {
      assert.ok(text.includes(expected), `agenda has '${expected}':\n${text}`);
    }
  });

  it('writes an RFC 5545 invite: CRLF, folded at 75 octets, escaped, UTC start, stable UID', () => {
    const s = new Story().apply((x) => decideResolve(x, 'restored'));
    const at = epochMs(Date.parse('2026-12-01T15:00:00Z'));
    s.apply((x) => decideReviewSchedule(x, s.review, { startsAt: at, durationMinutes: 90, attendees: [{ name: 'Ålice, "A"', email: 'alice@example.com' }, { name: 'NoMail' }] }, s.now));
    const agenda = computeReviewAgenda(computeRcaDocument(s.events), s.review, { isRequired: true, dueAt: undefined, actionItems: [], zone: 'UTC' });
    const ics = renderReviewInvite(agenda, { generatedAt: s.now, zone: 'UTC' });
    assert.ok(ics.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(ics), 'every line ends in CRLF');
    for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line too long: ${line}`);
    const unfolded = ics.replace(/\r\n /g, '');
    assert.match(unfolded, /\r\nUID:pir-INC-2026-1127-001@incident-response\r\n/);
    assert.match(unfolded, /\r\nDTSTART:20261201T150000Z\r\nDTEND:20261201T163000Z\r\n/);
    assert.match(unfolded, /\r\nATTENDEE;CN="Ålice, A";ROLE=REQ-PARTICIPANT:mailto:alice@example.com\r\n/);
    assert.match(unfolded, /DESCRIPTION:Post-Incident Review Agenda\\n/);
    assert.match(unfolded, /Incident Overview \(15 minutes\)/);
    assert.ok(!unfolded.includes('NoMail;'), 'attendees without e-mail are not ATTENDEE lines');
    s.apply((x) => decideReviewSchedule(x, s.review, { startsAt: epochMs(at + 30 * MINUTE), attendees: [] }, s.now));
    const again = renderReviewInvite(computeReviewAgenda(computeRcaDocument(s.events), s.review, { isRequired: true, dueAt: undefined, actionItems: [], zone: 'UTC' }), { generatedAt: s.now, zone: 'UTC' });
    assert.match(again, /UID:pir-INC-2026-1127-001@incident-response\r\nSEQUENCE:1\r\n/);
  });

  it('links a new incident to the latest past one with the same alert that has a root cause', () => {
    const match = { service: 'checkout', fingerprint: 'fp1' };
    const c = (id: string, minutes: number, rootCause?: string) => ({ incidentId: id, declaredAt: epochMs(T + minutes * MINUTE), rootCause });
    const table: [string, Parameters<typeof decideSeenBefore>[2], readonly string[], string | undefined][] = [
      ['none', [], [], undefined],
      ['without RCA', [c('INC-A', 1)], [], undefined],
      ['latest with RCA', [c('INC-A', 1, 'pool'), c('INC-B', 2, 'pool again'), c('INC-C', 3)], [], 'INC-B'],
      ['already linked', [c('INC-A', 1, 'pool')], ['INC-A'], undefined],
      ['itself', [c('INC-NEW', 1, 'x')], [], undefined],
    ];
    for (const [name, candidates, linked, expected] of table) {
      const events = decideSeenBefore('INC-NEW', match, candidates, linked);
      const d = events[0];
      assert.equal(d?.kind === 'seen-before' ? d.pastIncidentId : undefined, expected, name);
    }
  });
});
