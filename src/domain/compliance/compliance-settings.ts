import { DAY, HOUR, durationMs, type DurationMs } from '../time/index.js';

/** Someone a regime says must be told: an acquiring bank, a card brand, an auditor … */
export interface ComplianceContact {
  readonly name: string;
  /** How to reach them (e-mail, phone, portal URL), shown on the checklist. */
  readonly reach?: string;
}

/**
 * The organisation's compliance settings (`compliance:` in the configuration). The statutory
 * windows have defaults from the regulations; contacts are the organisation's own.
 */
export interface ComplianceSettings {
  readonly gdpr: {
    /** Art. 33: the supervisory authority within 72 hours of becoming aware. */
    readonly authorityWithinMs: DurationMs;
    readonly authorities: readonly ComplianceContact[];
  };
  readonly hipaa: {
    /** 45 CFR 164.404: individuals without unreasonable delay, at the latest 60 calendar days after discovery. */
    readonly individualsWithinMs: DurationMs;
    /** At or above this many individuals, HHS and the media are told within the same window. */
    readonly largeBreachThreshold: number;
    readonly hhs: readonly ComplianceContact[];
  };
  readonly pciDss: {
    /** "Immediately": the window the organisation's acquirer agreement gives. */
    readonly notifyWithinMs: DurationMs;
    readonly acquirers: readonly ComplianceContact[];
    readonly cardBrands: readonly ComplianceContact[];
  };
  readonly sox: {
    readonly notifyWithinMs: DurationMs;
    readonly disclosureCommittee: readonly ComplianceContact[];
    readonly auditors: readonly ComplianceContact[];
  };
  /** Reminders go out this long before each deadline (largest first), and again when late. */
  readonly reminderLeadMs: readonly DurationMs[];
  /** While a notification is late, a reminder repeats this often. */
  readonly lateRepeatMs: DurationMs;
}

export const DEFAULT_COMPLIANCE_SETTINGS: ComplianceSettings = {
  gdpr: { authorityWithinMs: durationMs(72 * HOUR), authorities: [] },
  hipaa: { individualsWithinMs: durationMs(60 * DAY), largeBreachThreshold: 500, hhs: [{ name: 'HHS Office for Civil Rights', reach: 'https://ocrportal.hhs.gov/ocr/breach' }] },
  pciDss: { notifyWithinMs: durationMs(24 * HOUR), acquirers: [], cardBrands: [] },
  sox: { notifyWithinMs: durationMs(96 * HOUR), disclosureCommittee: [], auditors: [] },
  reminderLeadMs: [durationMs(24 * HOUR), durationMs(4 * HOUR), durationMs(1 * HOUR)],
  lateRepeatMs: durationMs(24 * HOUR),
};
