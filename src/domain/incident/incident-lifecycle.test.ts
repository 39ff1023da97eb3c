import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_BUSINESS_CALENDAR } from '../calendar/index.js';
import { AppError } from '../errors/index.js';
import { DEFAULT_SEVERITY_POLICY } from '../policy/index.js';
import { epochMs, MINUTE, type EpochMs } from '../time/index.js';
import { DEFAULT_WORKFLOWS } from '../workflow/index.js';
import {
  applyIncidentEvent, computeSlaClocks, decideAcknowledge, decideAssignRole, decideClose, decideDeclare, decideMitigate, decideReopen,
  decideResolve, decideSeverityChange, decideStatusUpdate, decideStep, decideTypeChange, foldIncident,
  type DecisionContext, type IncidentEvent, type IncidentEventData, type IncidentState, type IncidentStatus,
} from './index.js';

const T0 = epochMs(Date.parse('2026-11-28T14:30:00Z'));
const ctxAt = (at: EpochMs): DecisionContext => ({ now: at, policy: DEFAULT_SEVERITY_POLICY, calendar: DEFAULT_BUSINESS_CALENDAR, workflows: DEFAULT_WORKFLOWS });
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** A tiny harness: decide, stamp and apply, the way the service does. */
class Story {
  state: IncidentState;
  events: IncidentEvent[] = [];
  constructor(severity: 'critical' | 'high' | 'medium' | 'low' = 'critical', at: EpochMs = T0) {
    const data = decideDeclare({ severity, incidentType: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout' }, ctxAt(at));
    const e: IncidentEvent = { incidentId: 'INC-2026-1128-001', version: 1, at, actor: 'alice', data };
    this.events.push(e);
    this.state = applyIncidentEvent(undefined, e);
  }
  apply(data: IncidentEventData[], at: EpochMs, actor = 'bob'): this {
    for (const d of data) {
      const e: IncidentEvent = { incidentId: this.state.id, version: this.state.version + 1, at, actor, data: d };
      this.events.push(e);
      this.state = applyIncidentEvent(this.state, e);
    }
    return this;
  }
}

const after = (m: number) => epochMs(T0 + m * MINUTE);

describe('declaring', () => {
  it('starts triggered and investigating, with SEV-1 clocks: respond by +15 min, update by +30 min', () => {
    const s = new Story().state;
    assert.equal(s.status, 'triggered');
    assert.equal(s.publicStatus, 'investigating');
    assert.equal(iso(s.responseDueAt), '2026-11-28T14:45:00.000Z');
    assert.equal(iso(s.nextUpdateDueAt), '2026-11-28T15:00:00.000Z');
  });

  it('SEV-2 responds within 1 h and updates every 2 h', () => {
    const s = new Story('high').state;
    assert.equal(iso(s.responseDueAt), '2026-11-28T15:30:00.000Z');
    assert.equal(iso(s.nextUpdateDueAt), '2026-11-28T16:30:00.000Z');
  });

  it('SEV-3 declared on a Saturday is due 4 business hours after Monday opens', () => {
    const s = new Story('medium').state; // 2026-11-28 is a Saturday
    assert.equal(iso(s.responseDueAt), '2026-11-30T13:00:00.000Z');
    assert.equal(iso(s.nextUpdateDueAt), '2026-11-30T17:00:00.000Z');
  });

  it('SEV-4 responds within 5 business days', () => {
    assert.equal(iso(new Story('low').state.responseDueAt), '2026-12-04T17:00:00.000Z');
  });

  it('rejects an empty or oversized title', () => {
    const base = { severity: 'critical', incidentType: 'outage', environment: 'production' } as const;
    assert.throws(() => decideDeclare({ ...base, title: '   ' }, ctxAt(T0)), { message: 'title must not be empty' });
    assert.throws(() => decideDeclare({ ...base, title: 'x'.repeat(2001) }, ctxAt(T0)), /limit is 2000/);
  });

  it('names an untitled incident after its classification', () => {
    const d = decideDeclare({ severity: 'high', incidentType: 'security', environment: 'production' }, ctxAt(T0));
    assert.equal(d.kind === 'declared' && d.title, 'SEV-2 security in production');
  });
});

describe('lifecycle transitions', () => {
  type Step = (s: Story) => void;
  const to: Record<IncidentStatus, Step> = {
    triggered: () => {},
    acknowledged: (s) => { s.apply(decideAcknowledge(s.state), after(5)); },
    mitigated: (s) => { s.apply(decideMitigate(s.state, 'rolled back'), after(10)); },
    resolved: (s) => { s.apply(decideResolve(s.state, 'fixed'), after(20)); },
    closed: (s) => { s.apply(decideResolve(s.state, 'fixed'), after(20)); s.apply(decideClose(s.state), after(30)); },
  };
  const commands: Record<string, (s: IncidentState) => IncidentEventData[]> = {
    acknowledge: (s) => decideAcknowledge(s),
    mitigate: (s) => decideMitigate(s, undefined),
    resolve: (s) => decideResolve(s, 'done'),
    reopen: (s) => decideReopen(s, undefined, ctxAt(after(60))),
    close: (s) => decideClose(s),
  };
  // from status → command → resulting status, 'noop' (nothing recorded) or 'error'.
  const table: Record<IncidentStatus, Record<string, IncidentStatus | 'noop' | 'error'>> = {
    triggered: { acknowledge: 'acknowledged', mitigate: 'mitigated', resolve: 'resolved', reopen: 'error', close: 'error' },
    acknowledged: { acknowledge: 'noop', mitigate: 'mitigated', resolve: 'resolved', reopen: 'error', close: 'error' },
    mitigated: { acknowledge: 'noop', mitigate: 'noop', resolve: 'resolved', reopen: 'error', close: 'error' },
    resolved: { acknowledge: 'error', mitigate: 'error', resolve: 'error', reopen: 'triggered', close: 'closed' },
    closed: { acknowledge: 'error', mitigate: 'error', resolve: 'error', reopen: 'triggered', close: 'error' },
  };
  for (const [from, row] of Object.entries(table) as [IncidentStatus, Record<string, string>][]) {
    for (const [command, want] of Object.entries(row)) {
      it(`${command} from ${from} → ${want}`, () => {
        const story = new Story();
        to[from](story);
        assert.equal(story.state.status, from);
        const run = () => commands[command]!(story.state);
        if (want === 'error') {
          assert.throws(run, (e: unknown) => e instanceof AppError && e.code === 'INVALID_TRANSITION');
        } else if (want === 'noop') {
          assert.deepEqual(run(), []);
        } else {
          story.apply(run(), after(60));
          assert.equal(story.state.status, want);
        }
      });
    }
  }

  it('explains how to get unstuck when acknowledging a resolved incident', () => {
    const s = new Story();
    s.apply(decideResolve(s.state, 'fixed'), after(20));
    assert.throws(() => decideAcknowledge(s.state), {
      message: 'Cannot acknowledge INC-2026-1128-001: it is already resolved. Reopen it with "incident-response reopen INC-2026-1128-001".',
    });
  });

  it('mitigating an unacknowledged incident records the acknowledgement too', () => {
    const s = new Story();
    s.apply(decideMitigate(s.state, undefined), after(3));
    assert.deepEqual(s.events.slice(1).map((e) => e.data.kind), ['acknowledged', 'mitigated']);
    assert.equal(iso(s.state.acknowledgedAt), iso(after(3)));
  });

  it('reopening restarts the response clock and owes updates again', () => {
    const s = new Story();
    s.apply(decideAcknowledge(s.state), after(5)).apply(decideResolve(s.state, 'fixed'), after(20));
    assert.equal(s.state.nextUpdateDueAt, undefined);
    s.apply(decideReopen(s.state, 'came back', ctxAt(after(90))), after(90));
    assert.equal(s.state.status, 'triggered');
    assert.equal(s.state.acknowledgedAt, undefined);
    assert.equal(iso(s.state.responseDueAt), iso(after(105)));
    assert.equal(iso(s.state.nextUpdateDueAt), iso(after(120)));
    assert.equal(s.state.reopenCount, 1);
  });
});

describe('status updates', () => {
  it('records the message and when the next one is due per cadence', () => {
    const s = new Story();
    s.apply(decideStatusUpdate(s.state, 'identified', 'Connection pool exhausted', ctxAt(after(20))), after(20));
    assert.equal(s.state.publicStatus, 'identified');
    assert.equal(s.state.lastUpdate?.message, 'Connection pool exhausted');
    assert.equal(iso(s.state.nextUpdateDueAt), iso(after(50)));
  });
  it("refuses 'resolved' as an update and points at resolve", () => {
    const s = new Story();
    assert.throws(() => decideStatusUpdate(s.state, 'resolved', 'ok', ctxAt(after(5))), /Resolve it with "incident-response resolve/);
  });
  it('refuses an empty message', () => {
    const s = new Story();
    assert.throws(() => decideStatusUpdate(s.state, 'identified', '  ', ctxAt(after(5))), { message: 'message must not be empty' });
  });
});

describe('re-classification', () => {
  it('lowering to SEV-2 before anyone responded moves the response target to +1 h, keeping history', () => {
    const s = new Story();
    s.apply(decideSeverityChange(s.state, 'high', 'only EU affected', ctxAt(after(10))), after(10));
    assert.equal(s.state.severity, 'high');
    assert.equal(iso(s.state.responseDueAt), iso(after(60)));
    assert.equal(iso(s.state.nextUpdateDueAt), iso(after(120)));
    assert.deepEqual(s.events.map((e) => e.data.kind), ['declared', 'severity-changed']);
  });
  it('after acknowledgement the response clock is settled and only the cadence changes', () => {
    const s = new Story('high');
    s.apply(decideAcknowledge(s.state), after(5));
    s.apply(decideStatusUpdate(s.state, 'identified', 'found it', ctxAt(after(30))), after(30));
    s.apply(decideSeverityChange(s.state, 'critical', undefined, ctxAt(after(40))), after(40));
    assert.equal(iso(s.state.responseDueAt), iso(after(60)));
    assert.equal(iso(s.state.nextUpdateDueAt), iso(after(60))); // 30 min after the last update
  });
  it('the same severity records nothing', () => {
    const s = new Story();
    assert.deepEqual(decideSeverityChange(s.state, 'critical', undefined, ctxAt(after(1))), []);
  });
  it('a new type starts its workflow now; shared steps stay done', () => {
    const s = new Story();
    s.apply(decideStep(s.state, 'confirm-scope', true), after(2));
    s.apply(decideTypeChange(s.state, 'security', 'credential stuffing', ctxAt(after(20))), after(20));
    assert.equal(s.state.incidentType, 'security');
    assert.equal(iso(s.state.workflowStartedAt), iso(after(20)));
    assert.ok(s.state.completedSteps['confirm-scope']);
    assert.doesNotThrow(() => decideStep(s.state, 'isolate-systems', true));
    assert.throws(() => decideStep(s.state, 'gather-metrics', true), /unknown step 'gather-metrics' in the security workflow/);
  });
});

describe('roles and steps', () => {
  it('reassigning a role remembers who had it', () => {
    const s = new Story();
    s.apply(decideAssignRole(s.state, 'commander', 'alice'), after(1));
    s.apply(decideAssignRole(s.state, 'commander', 'bob'), after(2));
    assert.equal(s.state.roles.commander, 'bob');
    const last = s.events.at(-1)!.data;
    assert.equal(last.kind === 'role-assigned' && last.previous, 'alice');
    assert.deepEqual(decideAssignRole(s.state, 'commander', 'bob'), []);
  });
  it('steps are found by key or by number, and can be undone', () => {
    const s = new Story();
    s.apply(decideStep(s.state, '2.1', true), after(16));
    assert.ok(s.state.completedSteps['gather-metrics']);
    assert.deepEqual(decideStep(s.state, 'gather-metrics', true), []);
    s.apply(decideStep(s.state, 'gather-metrics', false), after(18));
    assert.equal(s.state.completedSteps['gather-metrics'], undefined);
  });
});

describe('folding', () => {
  it('folding the stored events gives the same state as applying them one by one', () => {
    const s = new Story();
    s.apply(decideAcknowledge(s.state), after(4))
      .apply(decideAssignRole(s.state, 'scribe', 'dan'), after(6))
      .apply(decideStatusUpdate(s.state, 'monitoring', 'fix deployed', ctxAt(after(40))), after(40))
      .apply(decideResolve(s.state, 'restored'), after(70));
    assert.deepEqual(foldIncident(s.events), s.state);
  });
  it('rejects a history with a gap in versions', () => {
    const s = new Story();
    s.apply(decideAcknowledge(s.state), after(4));
    const broken = [s.events[0]!, { ...s.events[1]!, version: 3 }];
    assert.throws(() => foldIncident(broken), /does not follow/);
  });
});

describe('SLA clocks', () => {
  const cases: { name: string; at: number; ack?: number; want: [string, string] }[] = [
    { name: 'fresh SEV-1', at: 1, want: ['running', 'running'] },
    { name: 'response due soon (4 min left)', at: 11, want: ['due-soon', 'running'] },
    { name: 'response overdue', at: 16, want: ['overdue', 'running'] },
    { name: 'update due soon (5 min left)', at: 25, want: ['overdue', 'due-soon'] },
    { name: 'update overdue', at: 31, want: ['overdue', 'overdue'] },
    { name: 'acknowledged in time', at: 31, ack: 14, want: ['met', 'overdue'] },
    { name: 'acknowledged late', at: 31, ack: 20, want: ['met-late', 'overdue'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = new Story();
      if (c.ack !== undefined) s.apply(decideAcknowledge(s.state), after(c.ack));
      const clocks = computeSlaClocks(s.state, after(c.at));
      assert.deepEqual([clocks.response.state, clocks.nextUpdate.state], c.want);
    });
  }
  it('a resolved incident owes no updates', () => {
    const s = new Story();
    s.apply(decideResolve(s.state, 'x'), after(10));
    assert.equal(computeSlaClocks(s.state, after(100)).nextUpdate.state, 'stopped');
  });
});

describe('frozen workflow', () => {
  it('a workflow edited in the configuration does not change an incident already declared', () => {
    const s = new Story();
    const edited = { ...DEFAULT_WORKFLOWS, outage: { ...DEFAULT_WORKFLOWS.outage, phases: DEFAULT_WORKFLOWS.outage.phases.slice(0, 1) } };
    const ctx = { ...ctxAt(after(20)), workflows: edited };
    assert.equal(s.state.workflow.phases.length, 3);
    assert.doesNotThrow(() => decideStep(s.state, 'primary-fix', true));
    // A new incident gets the edited workflow.
    const d = decideDeclare({ severity: 'low', incidentType: 'outage', environment: 'staging' }, ctx);
    assert.equal(d.kind === 'declared' && d.workflow.phases.length, 1);
  });
});
