import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleTimelineEntry } from '../../../test/support/incident-dto-fixture.js';
import { summarisePaging } from './paging-summary.js';

const step = (seq: number, at: string, n: number, recipients: { personName: string; via: string }[], unreachable: string[] = []) =>
  sampleTimelineEntry({ seq, at, kind: 'escalation-step', text: `escalation step ${n + 1}`, data: { step: n, repeat: 0, generation: 1, recipients, unreachable } });
const delivery = (seq: number, at: string, recipient: string, channel: string, status: string, detail: string, purpose = 'page') =>
  sampleTimelineEntry({ seq, at, kind: 'message-delivery', text: `${channel} ${purpose} to ${recipient}: ${status}`, data: { messageId: `m${seq}`, recipient, channel, status, detail, purpose, attempt: 1 } });

describe('paging collapsed per escalation step', () => {
  it('gives each step one line: whom it paged, how, and how each page ended', () => {
    const lines = summarisePaging([
      sampleTimelineEntry({ seq: 1, kind: 'declared' }),
      sampleTimelineEntry({ seq: 2, kind: 'escalation-started', data: { policyName: 'Payments' } }),
      step(3, '2026-11-28T10:00:00.000Z', 0, [{ personName: 'Alice Adams', via: 'sms' }, { personName: 'Alice Adams', via: 'voice' }]),
      delivery(4, '2026-11-28T10:00:01.000Z', 'Alice Adams', 'sms', 'failed', 'no SMS channel'),
      step(5, '2026-11-28T10:30:00.000Z', 1, [{ personName: 'Bob Brown', via: 'sms' }], ['Carol Chen: no verified contact method']),
      // Alice's voice call ends after step 2 fired: it still belongs to step 1.
      delivery(6, '2026-11-28T10:30:02.000Z', 'Alice Adams', 'voice', 'delivered', 'answered'),
      delivery(7, '2026-11-28T10:31:00.000Z', 'Leads list', 'email', 'delivered', 'sent', 'update-reminder'),
    ]);
    assert.deepEqual(lines.map((l) => [l.label, l.hasFailure, l.attempts.map((a) => `${a.who}/${a.via}/${a.status}`)]), [
      ['step 1', true, ['Alice Adams/sms/failed', 'Alice Adams/voice/delivered']],
      ['step 2', true, ['Bob Brown/sms/pending', 'Carol Chen: no verified contact method//unreachable']],
      ['other messages', false, ['Leads list/email (update-reminder)/delivered']],
    ]);
    assert.deepEqual(lines[0]!.entries.map((e) => e.seq), [3, 4, 6]);
  });

  it('keeps the latest record of a retried page', () => {
    const [line] = summarisePaging([
      step(1, '2026-11-28T10:00:00.000Z', 0, [{ personName: 'Alice Adams', via: 'sms' }]),
      delivery(2, '2026-11-28T10:00:01.000Z', 'Alice Adams', 'sms', 'failed', 'carrier timeout'),
      delivery(3, '2026-11-28T10:01:01.000Z', 'Alice Adams', 'sms', 'delivered', 'queued'),
    ]);
    assert.equal(line!.hasFailure, false);
    assert.deepEqual(line!.attempts.map((a) => a.status), ['delivered']);
  });

  it('is empty when nothing was paged', () => {
    assert.deepEqual(summarisePaging([sampleTimelineEntry({ kind: 'declared' })]), []);
  });
});
