import { SEVERITIES, type Severity } from '../classification/index.js';

export const STAKEHOLDER_GROUPS = [
  'executive-team',
  'engineering-leads',
  'on-call-engineers',
  'customer-support',
  'external-customers',
  'security-team',
  'legal-compliance',
] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

export const COMMS_CHANNELS = ['phone-sms', 'slack-email', 'pager', 'status-page', 'secure-channel'] as const;
export type CommsChannel = (typeof COMMS_CHANNELS)[number];

export const COMMS_CHANNEL_LABEL: Record<CommsChannel, string> = {
  'phone-sms': 'Phone/SMS',
  'slack-email': 'Slack/Email',
  pager: 'PagerDuty',
  'status-page': 'Status Page',
  'secure-channel': 'Secure Channel',
};

export interface StakeholderRow {
  readonly label: string;
  readonly channel: CommsChannel;
  /** Whether the group is informed at each severity. */
  readonly informedAt: Readonly<Record<Severity, boolean>>;
}

export type CommunicationMatrix = Readonly<Record<StakeholderGroup, StakeholderRow>>;

const at = (sev1: boolean, sev2: boolean, sev3: boolean, sev4: boolean): Record<Severity, boolean> => ({ critical: sev1, high: sev2, medium: sev3, low: sev4 });

/** The Incident Communication Matrix of the product description. */
export const DEFAULT_COMMUNICATION_MATRIX: CommunicationMatrix = {
  'executive-team': { label: 'Executive Team', channel: 'phone-sms', informedAt: at(true, true, false, false) },
  'engineering-leads': { label: 'Engineering Leads', channel: 'slack-email', informedAt: at(true, true, true, false) },
  'on-call-engineers': { label: 'On-Call Engineers', channel: 'pager', informedAt: at(true, true, true, true) },
  'customer-support': { label: 'Customer Support', channel: 'slack-email', informedAt: at(true, true, true, false) },
  'external-customers': { label: 'External Customers', channel: 'status-page', informedAt: at(true, true, false, false) },
  'security-team': { label: 'Security Team', channel: 'secure-channel', informedAt: at(true, true, true, true) },
  'legal-compliance': { label: 'Legal/Compliance', channel: 'secure-channel', informedAt: at(true, false, false, false) },
};

export interface StakeholderRowOverride {
  readonly label?: string;
  readonly channel?: CommsChannel;
  readonly informedAt?: Partial<Record<Severity, boolean>>;
}

/** The default matrix with configured changes laid over it, group by group and severity by severity. */
export function overrideCommunicationMatrix(
  base: CommunicationMatrix, overrides: Partial<Record<StakeholderGroup, StakeholderRowOverride>>,
): CommunicationMatrix {
  const result = {} as Record<StakeholderGroup, StakeholderRow>;
  for (const group of STAKEHOLDER_GROUPS) {
    const row = base[group];
    const o = overrides[group];
    result[group] = o === undefined ? row : {
      label: o.label ?? row.label,
      channel: o.channel ?? row.channel,
      informedAt: { ...row.informedAt, ...o.informedAt },
    };
  }
  return result;
}

/** The matrix as the product description draws it: a check mark or a dash per severity. */
export function renderCommunicationMatrix(matrix: CommunicationMatrix): string[][] {
  return STAKEHOLDER_GROUPS.map((g) => {
    const row = matrix[g];
    return [row.label, ...SEVERITIES.map((s) => (row.informedAt[s] ? '[OK]' : '-')), COMMS_CHANNEL_LABEL[row.channel]];
  });
}
