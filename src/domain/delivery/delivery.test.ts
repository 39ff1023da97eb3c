import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMs, MINUTE, SECOND } from '../time/index.js';
import { DEFAULT_RETRY_POLICY, planContactCap, planRetry, renderPage } from './index.js';

const T0 = epochMs(Date.UTC(2026, 10, 28, 3, 0, 0));

describe('planRetry', () => {
  it('draws the delay from a window that doubles with each attempt, up to the maximum', () => {
    const cases: [attempt: number, random: number, delayMs: number][] = [
      [1, 0.5, 2_500], [2, 0.5, 5_000], [3, 0.5, 10_000], [4, 0.999, 39_960], [7, 0.5, 150_000],
    ];
    for (const [attempt, random, delayMs] of cases) {
      const d = planRetry({ attempt, queuedAt: T0, now: T0, random });
      assert.deepEqual(d, { kind: 'retry', at: T0 + delayMs }, `attempt ${attempt}`);
    }
  });

  it('never retries sooner than a second, even with jitter near zero', () => {
    assert.deepEqual(planRetry({ attempt: 1, queuedAt: T0, now: T0, random: 0 }), { kind: 'retry', at: T0 + SECOND });
  });

  it('takes Retry-After as a floor and clamps an absurd one', () => {
    assert.deepEqual(planRetry({ attempt: 1, queuedAt: T0, now: T0, random: 0, retryAfterMs: 30_000 }), { kind: 'retry', at: T0 + 30_000 });
    assert.deepEqual(planRetry({ attempt: 1, queuedAt: T0, now: T0, random: 0, retryAfterMs: 86_400_000, policy: { ...DEFAULT_RETRY_POLICY, maxAgeMs: 24 * 60 * MINUTE as never } }), { kind: 'retry', at: T0 + 15 * MINUTE });
  });

  it('gives up after the last attempt and when the message would be too old', () => {
    assert.equal(planRetry({ attempt: 8, queuedAt: T0, now: T0, random: 0.5 }).kind, 'give-up');
    const old = planRetry({ attempt: 2, queuedAt: T0, now: epochMs(T0 + 59 * MINUTE + 59 * SECOND), random: 0.5 });
    assert.equal(old.kind, 'give-up');
    assert.match((old as { reason: string }).reason, /more than 60 min/);
  });
});

describe('planContactCap', () => {
  const due = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `m${i + 1}`, subject: `INC-${i + 1}` }));

  it('sends everything within the cap', () => {
    assert.deepEqual(planContactCap(due(3), [], T0, 10), { kind: 'send', ids: ['m1', 'm2', 'm3'] });
  });

  it('turns the last allowed message into a bundle when more are due than the cap allows', () => {
    const sent = Array.from({ length: 7 }, (_, i) => epochMs(T0 - (i + 1) * MINUTE));
    const d = planContactCap(due(17), sent, T0, 10);
    assert.equal(d.kind, 'bundle');
    if (d.kind !== 'bundle') return;
    assert.deepEqual(d.ids, ['m1', 'm2']);
    assert.equal(d.bundled.length, 15);
    assert.equal(d.subject, 'INC-3 — and 14 more pages (limit of 10 per hour reached)');
  });

  it('past the cap, holds what is due and bundles it 15 minutes after the last send', () => {
    const sent = Array.from({ length: 10 }, (_, i) => epochMs(T0 - (i + 1) * MINUTE));
    assert.deepEqual(planContactCap(due(2), sent, T0, 10), { kind: 'defer', until: T0 - MINUTE + 15 * MINUTE });
    const later = epochMs(T0 + 14 * MINUTE);
    const d = planContactCap(due(3), sent, later, 10);
    assert.deepEqual(d, { kind: 'bundle', ids: [], bundled: ['m1', 'm2', 'm3'], subject: 'INC-1 — and 2 more pages (limit of 10 per hour reached)' });
  });

  it('past the cap, a single held message goes as it is', () => {
    const sent = Array.from({ length: 10 }, (_, i) => epochMs(T0 - (i + 1) * MINUTE));
    assert.deepEqual(planContactCap(due(1), sent, epochMs(T0 + 14 * MINUTE), 10), { kind: 'send', ids: ['m1'] });
  });

  it('forgets sends older than an hour', () => {
    const sent = Array.from({ length: 10 }, () => epochMs(T0 - 61 * MINUTE));
    assert.deepEqual(planContactCap(due(1), sent, T0, 10), { kind: 'send', ids: ['m1'] });
  });
});

describe('renderPage', () => {
  it('names the incident, why the person is paged and how to acknowledge', () => {
    const page = renderPage({ id: 'INC-2026-1128-001', title: 'Checkout API down', severity: 'critical', incidentType: 'outage', environment: 'production', service: 'checkout-api', status: 'triggered', declaredAt: T0 }, 'on call for Payments primary');
    assert.equal(page.subject, '[SEV-1] INC-2026-1128-001 Checkout API down');
    assert.equal(page.text, [
      '[SEV-1] INC-2026-1128-001 Checkout API down',
      'SEV-1 outage in production, service checkout-api; declared 2026-11-28T03:00:00Z',
      'Why you: on call for Payments primary.',
      'Acknowledge to stop escalation: incident-response ack INC-2026-1128-001',
    ].join('\n'));
  });
});
