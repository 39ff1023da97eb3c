import { z } from 'zod';
import type { AuditConfig, ComplianceConfig } from '../../app/config/index.js';
import { DEFAULT_COMPLIANCE_SETTINGS, type ComplianceContact } from '../../domain/compliance/index.js';
import { durationMs, parseDuration, type DurationMs } from '../../domain/time/index.js';
import { expectedError } from './config-error-map.js';

function text() {
  return z.string({ error: expectedError('text') }).trim().min(1, 'must not be empty');
}

function duration(description: string) {
  return z
    .string({ error: expectedError('a duration such as "72 hours" or "60d"') })
    .transform((value, ctx): DurationMs => {
      const parsed = parseDuration(value);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed, input: value });
        return z.NEVER;
      }
      return parsed;
    })
    .meta({ description });
}

const contactSchema = z
  .strictObject({
    name: text().meta({ description: 'Who: "Acme Merchant Services", "Visa", "CNIL", "Audit committee".' }),
    reach: text().meta({ description: 'How to reach them: e-mail, phone or portal URL (shown on the checklist).' }).optional(),
  })
  .meta({ id: 'ComplianceContact', description: 'Someone a regime says must be notified.' });

const contacts = (description: string) => z.array(contactSchema, { error: expectedError('a list of contacts') }).meta({ description }).optional();

const toContacts = (list: readonly { name: string; reach?: string | undefined }[] | undefined, fallback: readonly ComplianceContact[]): readonly ComplianceContact[] =>
  list === undefined ? fallback : list.map((c) => ({ name: c.name, ...(c.reach === undefined ? {} : { reach: c.reach }) }));

/** `compliance:` — notification contacts and windows per regime, and when reminders go out. */
export function complianceSchema() {
  const d = DEFAULT_COMPLIANCE_SETTINGS;
  return z
    .strictObject({
      gdpr: z.strictObject({
        authority_within: duration('GDPR Art. 33 window from awareness. Default: 72 hours.').optional(),
        supervisory_authorities: contacts('The lead supervisory authority (and others concerned).'),
      }).optional(),
      hipaa: z.strictObject({
        individuals_within: duration('Window to notify individuals from discovery. Default: 60 days.').optional(),
        large_breach_threshold: z.number({ error: expectedError('a whole number') }).int().min(1).meta({ description: 'At or above this many individuals, HHS and the media are notified within the same window. Default: 500.' }).optional(),
        hhs: contacts('How HHS is notified. Default: the HHS OCR breach portal.'),
      }).optional(),
      pci_dss: z.strictObject({
        notify_within: duration('"Immediately" as the acquirer agreement defines it. Default: 24 hours.').optional(),
        acquirers: contacts('The acquiring bank(s).'),
        card_brands: contacts('The card brands (Visa, Mastercard, …) and how their incident teams are reached.'),
      }).optional(),
      sox: z.strictObject({
        notify_within: duration('Window to notify the disclosure committee and the auditor. Default: 96 hours.').optional(),
        disclosure_committee: contacts('The disclosure committee.'),
        auditors: contacts('The external auditor.'),
      }).optional(),
      reminders: z.strictObject({
        before: z.array(duration('A lead time.'), { error: expectedError('a list of durations') }).min(1).meta({ description: 'Remind this long before each deadline. Default: 24h, 4h, 1h.' }).optional(),
        late_every: duration('While late, remind this often. Default: 24 hours.').optional(),
      }).optional(),
    })
    .meta({ description: 'Compliance clocks: who must be notified, and within what time, when an incident is flagged GDPR, HIPAA, PCI DSS or SOX (docs/compliance.md).' })
    .transform((c): ComplianceConfig => ({
      gdpr: { authorityWithinMs: c.gdpr?.authority_within ?? d.gdpr.authorityWithinMs, authorities: toContacts(c.gdpr?.supervisory_authorities, d.gdpr.authorities) },
      hipaa: {
        individualsWithinMs: c.hipaa?.individuals_within ?? d.hipaa.individualsWithinMs,
        largeBreachThreshold: c.hipaa?.large_breach_threshold ?? d.hipaa.largeBreachThreshold,
        hhs: toContacts(c.hipaa?.hhs, d.hipaa.hhs),
      },
      pciDss: { notifyWithinMs: c.pci_dss?.notify_within ?? d.pciDss.notifyWithinMs, acquirers: toContacts(c.pci_dss?.acquirers, []), cardBrands: toContacts(c.pci_dss?.card_brands, []) },
      sox: { notifyWithinMs: c.sox?.notify_within ?? d.sox.notifyWithinMs, disclosureCommittee: toContacts(c.sox?.disclosure_committee, []), auditors: toContacts(c.sox?.auditors, []) },
      reminderLeadMs: c.reminders?.before ? [...c.reminders.before].sort((a, b) => b - a) : d.reminderLeadMs,
      lateRepeatMs: c.reminders?.late_every ?? d.lateRepeatMs,
    }));
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `audit:` — the checkpoint signing key (a file or an environment variable, never the key itself) and the interval. */
export function auditSchema() {
  return z
    .strictObject({
      signing_key_file: text().meta({ description: 'PEM file with the Ed25519 private key (create it with "incident-response audit keygen --out FILE"). Relative to the working directory.' }).optional(),
      signing_key_env: z.string({ error: expectedError('an environment variable name') }).regex(ENV_NAME, 'expected an environment variable name such as IR_AUDIT_KEY').meta({ description: 'Environment variable holding the PEM private key instead of a file.' }).optional(),
      checkpoint_every: z.union([duration('How often "serve" signs a checkpoint. Default: 1 hour.'), z.literal('never')]).optional(),
    })
    .meta({ description: 'Signed checkpoints of the audit chain (docs/audit.md).' })
    .superRefine((a, ctx) => {
      if (a.signing_key_file !== undefined && a.signing_key_env !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['signing_key_env'], input: a.signing_key_env, message: 'give signing_key_file or signing_key_env, not both' });
      }
    })
    .transform((a): AuditConfig => ({
      ...(a.signing_key_file === undefined ? {} : { signingKeyFile: a.signing_key_file }),
      ...(a.signing_key_env === undefined ? {} : { signingKeyEnv: a.signing_key_env }),
      checkpointEveryMs: a.checkpoint_every === 'never' ? 0 : (a.checkpoint_every ?? durationMs(3_600_000)),
    }));
}
