import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../errors/index.js';
import { DAY, HOUR, epochMs, type EpochMs } from '../time/index.js';
import {
  DEFAULT_COMPLIANCE_SETTINGS as S, applyComplianceFlagged, applyComplianceNotified, computeComplianceChecklist, decideComplianceFlag,
  decideComplianceNotification, planComplianceReminders, type ComplianceRecord, type ComplianceSettings, type FlagInput, type NotifyInput,
} from './index.js';

const AWARE = epochMs(Date.parse('2026-11-28T10:00:00Z'));
const at = (ms: number): EpochMs => epochMs(AWARE + ms);

function flagged(input: Omit<FlagInput, 'awareAt'> & { awareAt?: EpochMs }, record?: ComplianceRecord): ComplianceRecord {
  const [d] = decideComplianceFlag(record, { awareAt: AWARE, ...input }, at(HOUR));
  assert.ok(d);
  return applyComplianceFlagged(record, d, at(HOUR), 'dpo');
}
function notified(record: ComplianceRecord, input: NotifyInput, when: EpochMs, settings: ComplianceSettings = S): ComplianceRecord {
  const [d] = decideComplianceNotification(record, input, settings, 'INC-2026-1128-001');
  assert.ok(d);
  return applyComplianceNotified(record, d, when, 'dpo');
}
const line = (r: ComplianceRecord, key: string, now: EpochMs, s: ComplianceSettings = S) => {
  const o = computeComplianceChecklist(r, s, now).find((x) => x.key === key);
  assert.ok(o, key);
  return { status: o.status, dueAt: o.dueAt === undefined ? undefined : new Date(o.dueAt).toISOString() };
};

describe('compliance deadlines', () => {
  const cases: { name: string; record: () => ComplianceRecord; key: string; now: EpochMs; want: { status: string; dueAt: string | undefined } }[] = [
    { name: 'GDPR authority: 72 h after awareness, pending before', record: () => flagged({ regime: 'gdpr' }), key: 'authority', now: at(71 * HOUR), want: { status: 'pending', dueAt: '2026-12-01T10:00:00.000Z' } },
    { name: 'GDPR authority: overdue one minute after 72 h', record: () => flagged({ regime: 'gdpr' }), key: 'authority', now: at(72 * HOUR + 60_000), want: { status: 'overdue', dueAt: '2026-12-01T10:00:00.000Z' } },
    { name: 'GDPR authority: an initial report is in progress until a final one', record: () => notified(flagged({ regime: 'gdpr' }), { regime: 'gdpr', to: 'CNIL', phase: 'initial' }, at(10 * HOUR)), key: 'authority', now: at(100 * HOUR), want: { status: 'in-progress', dueAt: '2026-12-01T10:00:00.000Z' } },
    { name: 'GDPR authority: done with the final phase', record: () => notified(notified(flagged({ regime: 'gdpr' }), { regime: 'gdpr', to: 'CNIL', phase: 'initial' }, at(10 * HOUR)), { regime: 'gdpr', to: 'CNIL', phase: 'final' }, at(200 * HOUR)), key: 'authority', now: at(300 * HOUR), want: { status: 'done', dueAt: '2026-12-01T10:00:00.000Z' } },
    { name: 'GDPR data subjects: not required without high risk', record: () => flagged({ regime: 'gdpr' }), key: 'data-subjects', now: at(HOUR), want: { status: 'not-required', dueAt: undefined } },
    { name: 'GDPR data subjects: required with high risk, no fixed deadline', record: () => flagged({ regime: 'gdpr', highRisk: true }), key: 'data-subjects', now: at(500 * HOUR), want: { status: 'pending', dueAt: undefined } },
    { name: 'HIPAA individuals: 60 calendar days after discovery', record: () => flagged({ regime: 'hipaa', individuals: 12 }), key: 'individuals', now: at(59 * DAY), want: { status: 'pending', dueAt: '2027-01-27T10:00:00.000Z' } },
    { name: 'HIPAA HHS under 500: the annual log, 60 days after the year ends', record: () => flagged({ regime: 'hipaa', individuals: 499 }), key: 'hhs', now: at(DAY), want: { status: 'pending', dueAt: '2027-03-01T23:59:59.999Z' } },
    { name: 'HIPAA HHS at 500: within the 60 days', record: () => flagged({ regime: 'hipaa', individuals: 500 }), key: 'hhs', now: at(DAY), want: { status: 'pending', dueAt: '2027-01-27T10:00:00.000Z' } },
    { name: 'HIPAA media: not required under 500', record: () => flagged({ regime: 'hipaa', individuals: 20 }), key: 'media', now: at(DAY), want: { status: 'not-required', dueAt: undefined } },
    { name: 'HIPAA media: 500 or more', record: () => flagged({ regime: 'hipaa', individuals: 1200 }), key: 'media', now: at(61 * DAY), want: { status: 'overdue', dueAt: '2027-01-27T10:00:00.000Z' } },
    { name: 'PCI DSS acquirer: immediately (24 h by default)', record: () => flagged({ regime: 'pci-dss' }), key: 'acquirer', now: at(25 * HOUR), want: { status: 'overdue', dueAt: '2026-11-29T10:00:00.000Z' } },
    { name: 'SOX disclosure committee: 96 h by default', record: () => flagged({ regime: 'sox' }), key: 'disclosure-committee', now: at(HOUR), want: { status: 'pending', dueAt: '2026-12-02T10:00:00.000Z' } },
    { name: 'SOX auditor: done once notified', record: () => notified(flagged({ regime: 'sox' }), { regime: 'sox', to: 'KPMG', phase: 'initial', obligation: 'auditor' }, at(HOUR)), key: 'auditor', now: at(200 * HOUR), want: { status: 'done', dueAt: '2026-12-02T10:00:00.000Z' } },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(line(c.record(), c.key, c.now), c.want));

  it('matches a notification to the obligation whose configured contact it names', () => {
    const settings: ComplianceSettings = { ...S, pciDss: { ...S.pciDss, acquirers: [{ name: 'Acme Bank' }], cardBrands: [{ name: 'Visa', reach: 'incidents@visa.example' }] } };
    let r = flagged({ regime: 'pci-dss' });
    r = notified(r, { regime: 'pci-dss', to: 'visa', phase: 'initial' }, at(HOUR), settings);
    assert.equal(line(r, 'card-brands', at(2 * HOUR), settings).status, 'in-progress');
    assert.equal(line(r, 'acquirer', at(2 * HOUR), settings).status, 'pending');
  });

  it('refuses a notification for a regime the incident is not flagged with', () => {
    assert.throws(() => decideComplianceNotification(flagged({ regime: 'gdpr' }), { regime: 'hipaa', to: 'x', phase: 'initial' }, S, 'INC-2026-1128-001'),
      (e: unknown) => isAppError(e) && e.code === 'INVALID_TRANSITION' && /not flagged HIPAA/.test(e.message));
  });

  it('refuses an awareness time in the future and a negative head count', () => {
    assert.throws(() => decideComplianceFlag(undefined, { regime: 'gdpr', awareAt: at(2 * HOUR) }, at(HOUR)), /in the future/);
    assert.throws(() => decideComplianceFlag(undefined, { regime: 'hipaa', awareAt: AWARE, individuals: -1 }, at(HOUR)), /whole number/);
  });

  it('re-flagging with the same facts records nothing; a corrected awareness time moves the deadline', () => {
    const r = flagged({ regime: 'gdpr' });
    assert.deepEqual(decideComplianceFlag(r, { regime: 'gdpr', awareAt: AWARE }, at(HOUR)), []);
    const moved = flagged({ regime: 'gdpr', awareAt: at(-HOUR) }, r);
    assert.equal(line(moved, 'authority', at(HOUR)).dueAt, '2026-12-01T09:00:00.000Z');
    assert.equal(moved.flags.gdpr?.flaggedAt, r.flags.gdpr?.flaggedAt);
  });
});

describe('planComplianceReminders', () => {
  const subject = (record: ComplianceRecord) => [{ incidentId: 'INC-2026-1128-001', title: 'Customer DB exposed', record }];
  const keys = (record: ComplianceRecord, now: EpochMs) => planComplianceReminders(subject(record), now, S).map((r) => r.idempotencyKey);

  const cases: { name: string; now: EpochMs; want: string[] }[] = [
    { name: 'nothing while more than 24 h are left', now: at(47 * HOUR), want: [] },
    { name: 'the 24 h reminder', now: at(48 * HOUR), want: ['compliance:INC-2026-1128-001:gdpr:authority:before:24h'] },
    { name: 'only the nearest lead time reached (4 h), not 24 h again', now: at(69 * HOUR), want: ['compliance:INC-2026-1128-001:gdpr:authority:before:4h'] },
    { name: 'the 1 h reminder', now: at(71 * HOUR + 30 * 60_000), want: ['compliance:INC-2026-1128-001:gdpr:authority:before:1h'] },
    { name: 'late at the deadline', now: at(72 * HOUR), want: ['compliance:INC-2026-1128-001:gdpr:authority:late:0'] },
    { name: 'late again a day later, with a new key', now: at(96 * HOUR + 1), want: ['compliance:INC-2026-1128-001:gdpr:authority:late:1'] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(keys(flagged({ regime: 'gdpr' }), c.now), c.want));

  it('stops once a report went out, and the same instant always plans the same keys', () => {
    const r = notified(flagged({ regime: 'gdpr' }), { regime: 'gdpr', to: 'CNIL', phase: 'initial' }, at(50 * HOUR));
    assert.deepEqual(keys(r, at(80 * HOUR)), []);
    const open = flagged({ regime: 'pci-dss' });
    assert.deepEqual(keys(open, at(20 * HOUR)), keys(open, at(20 * HOUR)));
    assert.equal(keys(open, at(20 * HOUR)).length, 2);
  });

  it('says what is due and how to record it when late', () => {
    const [late] = planComplianceReminders(subject(flagged({ regime: 'gdpr' })), at(73 * HOUR), S);
    assert.match(late!.message, /GDPR: notify the supervisory authority for INC-2026-1128-001 \(Customer DB exposed\) is LATE/);
    assert.match(late!.message, /compliance notify INC-2026-1128-001 gdpr --to/);
  });
});
