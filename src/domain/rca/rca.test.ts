import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_BUSINESS_CALENDAR } from '../calendar/index.js';
import { isAppError } from '../errors/index.js';
import {
  applyIncidentEvent, decideAcknowledge, decideAssignRole, decideClose, decideDeclare, decideMitigate, decideNote, decideResolve, decideStatusUpdate,
  type DecisionContext, type IncidentEventData, type IncidentState,
} from '../incident/index.js';
import { DEFAULT_SEVERITY_POLICY } from '../policy/index.js';
import { MINUTE, epochMs, type EpochMs } from '../time/index.js';
import { DEFAULT_WORKFLOWS } from '../workflow/index.js';
import {
  computeRcaDocument, decideRcaUpdate, foldRcaContent, formatCorrectiveAction, formatRcaForm, parseCorrectiveAction, parseRcaForm,
  type SequencedEvent,
} from './index.js';

const T = epochMs(Date.parse('2026-11-28T14:30:00Z'));
const ctx = (now: EpochMs): DecisionContext => ({ now, policy: DEFAULT_SEVERITY_POLICY, calendar: DEFAULT_BUSINESS_CALENDAR, workflows: DEFAULT_WORKFLOWS });

/** The template's incident: declared 14:30 after impact at 14:25, restored 15:15, reviewed 15:40. Seqs start at 101. */
function history(extra: [number, (s: IncidentState) => IncidentEventData[]][] = []): SequencedEvent[] {
  const declared: SequencedEvent = {
    seq: 101, incidentId: 'INC-2026-1128-001', version: 1, at: T, actor: 'alice',
    data: decideDeclare({ severity: 'critical', incidentType: 'outage', environment: 'production', title: 'Checkout down', summary: '100% of users unable to access application', impactStartedAt: epochMs(T - 5 * MINUTE) }, ctx(T)),
  };
  const events = [declared];
  let state = applyIncidentEvent(undefined, declared);
  const steps: [number, (s: IncidentState) => IncidentEventData[]][] = [
    [1, (s) => decideAcknowledge(s)],
    [2, (s) => decideAssignRole(s, 'commander', 'bob')],
    [3, (s) => decideNote(s, 'looking at dashboards')],
    [5, (s) => decideStatusUpdate(s, 'identified', 'Database connection issues', ctx(epochMs(T + 5 * MINUTE)))],
    [35, (s) => decideMitigate(s, 'increased connection limits')],
    [45, (s) => decideResolve(s, 'Service fully restored')],
    [70, (s) => decideClose(s)],
    ...extra,
  ];
  for (const [minutes, decide] of steps) {
    for (const data of decide(state)) {
      const e: SequencedEvent = { seq: 100 + state.version + 1, incidentId: state.id, version: state.version + 1, at: epochMs(T + minutes * MINUTE), actor: 'bob', data };
      state = applyIncidentEvent(state, e);
      events.push(e);
    }
  }
  return events;
}

const withEdit = (events: SequencedEvent[], data: IncidentEventData[]): SequencedEvent[] => {
  const last = events[events.length - 1]!;
  return [...events, ...data.map((d, i) => ({ ...last, seq: last.seq + 1 + i, version: last.version + 1 + i, at: epochMs(last.at + MINUTE), actor: 'carol', data: d }))];
};

describe('computeRcaDocument', () => {
  it('reconstructs the template timeline from events, leaving out notes', () => {
    const doc = computeRcaDocument(history());
    assert.deepEqual(doc.timeline.map((e) => [e.milestone, e.seq ?? null]), [
      ['signal', null], ['declared', 101], ['response', 102], ['war-room', 103], ['finding', 105], ['fix', 106], ['restored', 107], ['review', 108],
    ]);
    assert.match(doc.timeline[3]!.text, /War room activated, incident commander: bob/);
    assert.equal(doc.durationMs, 50 * MINUTE, 'impact start 14:25 to restored 15:15');
    assert.equal(doc.impact, '100% of users unable to access application');
    assert.equal(doc.rootCause, undefined);
  });

  it('is ongoing while unresolved', () => {
    const events = history().slice(0, 5);
    assert.equal(computeRcaDocument(events).durationMs, undefined);
  });
});

describe('RCA edits', () => {
  it('records only what changes and folds the latest value of each field', () => {
    const base = history();
    const seqs = computeRcaDocument(base).timeline.flatMap((e) => (e.seq === undefined ? [] : [e.seq]));
    const first = decideRcaUpdate(foldRcaContent(base), {
      rootCause: 'Database connection pool misconfiguration',
      addFactors: ['Inadequate load testing'],
      addActions: [parseCorrectiveAction('[Immediate] Add pool monitoring @alice due 2026-12-05')],
      hide: [103],
      annotate: [{ seq: 105, text: 'alarm was muted' }],
    }, seqs);
    assert.equal(first.length, 1);
    const edited = withEdit(base, first);
    const second = decideRcaUpdate(foldRcaContent(edited), { rootCause: 'Database connection pool misconfiguration', addFactors: ['Missing monitoring'] }, seqs);
    assert.deepEqual(second, [{ kind: 'rca-updated', factors: ['Inadequate load testing', 'Missing monitoring'] }], 'an unchanged root cause is not repeated');
    const doc = computeRcaDocument(withEdit(edited, second));
    assert.equal(doc.rootCause, 'Database connection pool misconfiguration');
    assert.deepEqual(doc.factors, ['Inadequate load testing', 'Missing monitoring']);
    assert.equal(doc.hiddenEntries, 1);
    assert.ok(!doc.timeline.some((e) => e.seq === 103));
    assert.equal(doc.timeline.find((e) => e.seq === 105)!.annotation, 'alarm was muted');
    assert.equal(doc.edits, 2);
    assert.equal(doc.lastEditedBy, 'carol');
    assert.deepEqual(decideRcaUpdate(foldRcaContent(edited), { hide: [103] }, seqs), [], 'hiding twice changes nothing');
  });

  it('refuses curation of an entry that is not on the RCA timeline', () => {
    assert.throws(() => decideRcaUpdate(foldRcaContent(history()), { hide: [104] }, [101, 102]), (e) => isAppError(e) && /--hide-entry 104/.test(e.message));
  });
});

describe('corrective actions', () => {
  const table: [string, string][] = [
    ['[Immediate] Add pool monitoring @alice due 2026-12-05', '[Immediate] Add pool monitoring @alice due 2026-12-05'],
    ['[short-term]   Update load tests   due 2026-12-20 @bob', '[Short-term] Update load tests @bob due 2026-12-20'],
    ['[Long term] Validate DB config automatically', '[Long-term] Validate DB config automatically'],
    ['[PROCESS] Add checklist items', '[Process] Add checklist items'],
  ];
  for (const [input, canonical] of table) {
    it(`reads "${input}"`, () => assert.equal(formatCorrectiveAction(parseCorrectiveAction(input)), canonical));
  }
  for (const [bad, why] of [['Add monitoring', /start with a tag/], ['[Soon] x', /not a tag/], ['[Immediate] x due 2026-02-30', /due date/], ['[Immediate] @bob', /say what/]] as const) {
    it(`refuses "${bad}"`, () => assert.throws(() => parseCorrectiveAction(bad), why));
  }
});

describe('the $EDITOR form', () => {
  it('round-trips the document', () => {
    const base = history();
    const data = decideRcaUpdate(foldRcaContent(base), {
      impact: 'All checkout requests failed', rootCause: 'Pool misconfiguration', rootCauseDetails: ['Deploy changed limits'],
      factors: ['No load test'], actions: [parseCorrectiveAction('[Process] Add checklist @dana')],
    }, [101]);
    const doc = computeRcaDocument(withEdit(base, data));
    const edit = parseRcaForm(formatRcaForm(doc));
    assert.deepEqual(edit, {
      impact: 'All checkout requests failed', rootCause: 'Pool misconfiguration', rootCauseDetails: ['Deploy changed limits'],
      factors: ['No load test'], actions: [{ category: 'process', text: 'Add checklist', owner: 'dana' }],
    });
  });

  it('reports every problem with its line number', () => {
    const text = ['# RCA', 'stray text', '## Root cause', 'A cause', '## Contributing factors', 'not a list item', '## Corrective actions', '1. [Someday] later', '## Lessons'].join('\n');
    assert.throws(() => parseRcaForm(text), (e) => {
      assert.ok(isAppError(e));
      assert.deepEqual(e.issues.map((i) => i.line), [2, 9, 6, 8]);
      assert.match(e.message, /4 problems; first at line 2/);
      return true;
    });
  });

  it('ignores comments, and leaves out sections that are missing', () => {
    assert.deepEqual(parseRcaForm('<!-- a\nmultiline comment -->\n## Root cause\nCause <!-- inline -->\n'), { rootCause: 'Cause', rootCauseDetails: [] });
  });
});
