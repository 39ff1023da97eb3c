import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../domain/errors/index.js';
import { sampleDeclared, sampleIncidentDto, sampleOutcome } from '../../../test/support/incident-dto-fixture.js';
import {
  renderCommandOutcome, renderDeclaration, renderIncidentStatus, renderSlackError, renderSlackHelp, SLACK_LIMITS, type Block, type SlackResponse,
} from './index.js';

const by = { slackUserId: 'U2CERLKJA' };

/** Every text object of a response, with the limit Slack puts on it. */
function texts(r: SlackResponse): [string, number][] {
  const out: [string, number][] = [[r.text, SLACK_LIMITS.text]];
  for (const b of r.blocks as Block[]) {
    if (b.type === 'header') out.push([b.text.text, SLACK_LIMITS.header]);
    else if (b.type === 'section' && 'text' in b) out.push([b.text.text, SLACK_LIMITS.section]);
    else if (b.type === 'section') out.push(...b.fields.map((f): [string, number] => [f.text, SLACK_LIMITS.field]));
    else if (b.type === 'context') out.push(...b.elements.map((e): [string, number] => [e.text, SLACK_LIMITS.section]));
  }
  return out;
}
const all = (r: SlackResponse) => texts(r).map(([t]) => t).join('\n');
const withinLimits = (r: SlackResponse) => {
  for (const [t, max] of texts(r)) assert.ok(t.length <= max, `${t.length} > ${max}: ${t.slice(0, 60)}…`);
  assert.ok(r.blocks.length <= SLACK_LIMITS.blocks);
};

describe('renderDeclaration', () => {
  const r = renderDeclaration(sampleDeclared(), by);

  it('posts in the channel with a header naming the incident', () => {
    assert.equal(r.response_type, 'in_channel');
    assert.deepEqual(r.blocks[0], { type: 'header', text: { type: 'plain_text', text: 'INC-2026-1128-001 · Checkout API down', emoji: true } });
    assert.match(r.text, /SEV-1 outage in production declared: INC-2026-1128-001 Checkout API down/);
  });

  it('shows severity, type, environment and service as fields', () => {
    const f = r.blocks[1];
    assert.ok(f?.type === 'section' && 'fields' in f);
    assert.deepEqual(f.fields.map((x) => x.text), ['*Severity*\n:red_circle: SEV-1 Critical', '*Type*\noutage', '*Environment*\nproduction', '*Service*\ncheckout']);
  });

  it('gives the policy deadlines as Slack date tokens', () => {
    const text = all(r);
    assert.match(text, /respond by <!date\^1795876980\^\{date_short_pretty\} at \{time\}\|2026-11-28 14:43 UTC>|respond by <!date\^1795877100\^/);
    assert.ok(text.includes('respond by <!date^1795877100^{date_short_pretty} at {time}|2026-11-28 14:45 UTC> (within 15 min)'));
    assert.ok(text.includes('next update by <!date^1795878000^{date_short_pretty} at {time}|2026-11-28 15:00 UTC> (every 30 min)'));
    assert.ok(text.includes('*Escalation:* automatic escalation to leadership'));
  });

  it('says who was paged, and through which policy', () => {
    assert.ok(all(r).includes('*Paged:* Alice Chen (sms) through Checkout on-call'));
  });

  it('says plainly when no one was paged, how to fix it, and does not claim the escalation happened', () => {
    const text = all(renderDeclaration(sampleDeclared({}, {
      paged: [], policy: null, isConfigured: false,
      summary: 'No one was paged: no escalation policy is configured. Add a policy under escalation_policies: and name it in paging.default_escalation_policy.',
    }), by));
    assert.ok(text.includes('*Escalation:* automatic escalation to leadership (policy; nobody was paged)'));
    assert.ok(text.includes('*Paged:* no one. No one was paged: no escalation policy is configured. Add a policy under escalation_policies: and name it in paging.default_escalation_policy.'));
  });

  it('lists the first checklist phase only', () => {
    const text = all(r);
    assert.ok(text.includes('*Immediate Actions* (0–15 min, until <!date^1795877100^{time}|2026-11-28 14:45 UTC>)\n:white_large_square: 1.1 Confirm incident scope and impact'));
    assert.ok(!text.includes('Gather system metrics'));
  });

  it('says who declared it', () => {
    assert.match(all(r), /Declared by <@U2CERLKJA> \(rob\)/);
  });

  it('escapes user text and keeps Slack limits for very long titles', () => {
    const long = renderDeclaration(sampleDeclared({ title: `<!channel> A & B ${'x'.repeat(3000)}`, service: 'a<b' }), by);
    const text = all(long);
    assert.ok(!text.includes('<!channel>'));
    assert.ok(text.includes('&lt;!channel&gt; A &amp; B'));
    assert.ok(text.includes('*Service*\na&lt;b'));
    withinLimits(long);
    const h = long.blocks[0];
    assert.ok(h?.type === 'header' && h.text.text.endsWith('…') && h.text.text.length === 150);
  });
});

describe('renderIncidentStatus', () => {
  const incident = sampleIncidentDto({
    status: 'acknowledged', publicStatus: 'identified', acknowledgedAt: '2026-11-28T14:40:00.000Z', acknowledgedBy: 'rob',
    roles: { commander: 'cam' },
    lastUpdate: { at: '2026-11-28T14:50:00.000Z', by: 'cam', status: 'identified', message: 'Bad deploy\nrolling back <now>' },
    clocks: { response: { dueAt: '2026-11-28T14:45:00.000Z', state: 'met', metAt: '2026-11-28T14:40:00.000Z' }, nextUpdate: { dueAt: '2026-11-28T15:20:00.000Z', state: 'overdue' } },
    checklist: { ...sampleIncidentDto().checklist, done: 2, overdue: 1 },
  });
  const r = renderIncidentStatus(incident);

  it('is only for the person who asked', () => assert.equal(r.response_type, 'ephemeral'));

  it('shows status, clocks, commander, last update and checklist progress', () => {
    const text = all(r);
    assert.ok(text.includes('*Status*\nacknowledged · public: identified'));
    assert.ok(text.includes('*Commander*\ncam'));
    assert.ok(text.includes('*Checklist*\n2/7 steps done, :warning: 1 overdue'));
    assert.ok(text.includes('*Response*\nresponded <!date^1795876800^'));
    assert.ok(text.includes(':warning: *OVERDUE*'));
    assert.ok(text.includes('>Bad deploy\n>rolling back &lt;now&gt;'));
  });

  it('says when nobody commands and nothing was posted yet', () => {
    const text = all(renderIncidentStatus(sampleIncidentDto()));
    assert.ok(text.includes('*Commander*\n_unassigned_'));
    assert.ok(text.includes('_No status update yet._'));
  });

  it('keeps a huge update message within the section limit', () => {
    withinLimits(renderIncidentStatus(sampleIncidentDto({ lastUpdate: { at: '2026-11-28T14:50:00.000Z', by: 'cam', status: 'identified', message: '&'.repeat(9000) } })));
  });
});

describe('renderCommandOutcome', () => {
  it('announces an acknowledgement in the channel', () => {
    const r = renderCommandOutcome('ack', sampleOutcome({ status: 'acknowledged', acknowledgedBy: 'rob' }), by);
    assert.equal(r.response_type, 'in_channel');
    assert.match(all(r), /<@U2CERLKJA> acknowledged \*INC-2026-1128-001\* Checkout API down/);
  });

  it('quotes the status update message', () => {
    const r = renderCommandOutcome('update', sampleOutcome({ publicStatus: 'identified', lastUpdate: { at: '2026-11-28T14:50:00.000Z', by: 'rob', status: 'identified', message: 'DB & cache' } }), by);
    assert.ok(all(r).includes('*identified* (update by <@U2CERLKJA>)\n>DB &amp; cache'));
  });

  it('quotes the resolution summary', () => {
    const r = renderCommandOutcome('resolve', sampleOutcome({ status: 'resolved', resolutionSummary: 'Rolled back' }), by);
    assert.ok(all(r).includes('<@U2CERLKJA> resolved *INC-2026-1128-001* Checkout API down\n>Rolled back'));
  });

  it('tells only the caller when nothing changed', () => {
    const r = renderCommandOutcome('ack', sampleOutcome({ status: 'acknowledged', acknowledgedBy: 'rob' }, []), by);
    assert.equal(r.response_type, 'ephemeral');
    assert.equal(r.text, 'Nothing changed: INC-2026-1128-001 is already acknowledged by rob.');
  });
});

describe('renderSlackError and renderSlackHelp', () => {
  it('shows the message, extra issues and the hint, ephemerally', () => {
    const r = renderSlackError(new AppError('VALIDATION', 'bad <input>', { issues: [{ path: 'title', message: 'too long' }, { path: 'x', message: 'bad <input>' }], hint: 'Try "/incident-response help".' }));
    assert.equal(r.response_type, 'ephemeral');
    assert.equal(r.text, ':warning: bad &lt;input&gt;');
    assert.deepEqual(r.blocks, [
      { type: 'section', text: { type: 'mrkdwn', text: ':warning: bad &lt;input&gt;\n• title: too long' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Try "/incident-response help".' }] },
    ]);
  });

  it('explains every command with the name Slack used', () => {
    const r = renderSlackHelp('/ir');
    assert.equal(r.response_type, 'ephemeral');
    const text = all(r);
    for (const usage of ['/ir critical outage production --title', '/ir status INC-', '/ir ack INC-', '/ir update INC-', '/ir resolve INC-']) assert.ok(text.includes(usage), usage);
    withinLimits(r);
  });
});
