import { AppError, didYouMean } from '../errors/index.js';

/** The regulated classes of data an incident can touch, each with its own notification clock. */
export const COMPLIANCE_REGIMES = ['gdpr', 'hipaa', 'pci-dss', 'sox'] as const;
export type ComplianceRegime = (typeof COMPLIANCE_REGIMES)[number];

export const COMPLIANCE_REGIME_LABEL: Record<ComplianceRegime, string> = {
  gdpr: 'GDPR',
  hipaa: 'HIPAA',
  'pci-dss': 'PCI DSS',
  sox: 'SOX',
};

/** What each regime protects, in words. */
export const COMPLIANCE_REGIME_DATA: Record<ComplianceRegime, string> = {
  gdpr: 'personal data',
  hipaa: 'protected health information',
  'pci-dss': 'cardholder data',
  sox: 'financial reporting controls',
};

/** A notification is one report of a phased series (GDPR Art. 33(4) allows reporting in phases). */
export const NOTIFICATION_PHASES = ['initial', 'follow-up', 'final'] as const;
export type NotificationPhase = (typeof NOTIFICATION_PHASES)[number];

/** Who has to be told, per regime. Keys are typed on the command line (`--obligation authority`). */
export const COMPLIANCE_OBLIGATIONS = {
  gdpr: ['authority', 'data-subjects'],
  hipaa: ['individuals', 'hhs', 'media'],
  'pci-dss': ['acquirer', 'card-brands'],
  sox: ['disclosure-committee', 'auditor'],
} as const satisfies Record<ComplianceRegime, readonly string[]>;
export type ComplianceObligationKey = (typeof COMPLIANCE_OBLIGATIONS)[ComplianceRegime][number];

const ALIASES: Record<string, ComplianceRegime> = {
  gdpr: 'gdpr',
  hipaa: 'hipaa',
  'pci-dss': 'pci-dss',
  pci: 'pci-dss',
  pcidss: 'pci-dss',
  pci_dss: 'pci-dss',
  sox: 'sox',
};

export function parseComplianceRegime(text: string): ComplianceRegime {
  const t = text.trim().toLowerCase();
  const found = ALIASES[t];
  if (found !== undefined) return found;
  const guess = didYouMean(t, Object.keys(ALIASES));
  throw new AppError('VALIDATION', `unknown compliance regime '${text}'${guess ? ` — did you mean '${guess}'?` : ''} (one of: gdpr, hipaa, pci-dss, sox)`, {
    issues: [{ path: 'regime', message: 'not a compliance regime' }],
  });
}

export function parseNotificationPhase(text: string): NotificationPhase {
  const t = text.trim().toLowerCase().replace(/^followup$/, 'follow-up');
  if ((NOTIFICATION_PHASES as readonly string[]).includes(t)) return t as NotificationPhase;
  throw new AppError('VALIDATION', `unknown notification phase '${text}' (one of: ${NOTIFICATION_PHASES.join(', ')})`, {
    issues: [{ path: 'phase', message: 'not a notification phase' }],
  });
}

export function parseObligation(regime: ComplianceRegime, text: string): ComplianceObligationKey {
  const t = text.trim().toLowerCase();
  const keys: readonly string[] = COMPLIANCE_OBLIGATIONS[regime];
  if (keys.includes(t)) return t as ComplianceObligationKey;
  throw new AppError('VALIDATION', `'${text}' is not an obligation of ${COMPLIANCE_REGIME_LABEL[regime]} (one of: ${keys.join(', ')})`, {
    issues: [{ path: 'obligation', message: 'not an obligation of this regime' }],
  });
}
