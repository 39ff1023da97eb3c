import { AppError, unknownValueMessage } from '../errors/index.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABEL: Record<Severity, { readonly label: string; readonly name: string; readonly level: 1 | 2 | 3 | 4 }> = {
  critical: { label: 'SEV-1', name: 'Critical', level: 1 },
  high: { label: 'SEV-2', name: 'High', level: 2 },
  medium: { label: 'SEV-3', name: 'Medium', level: 3 },
  low: { label: 'SEV-4', name: 'Low', level: 4 },
};

const ALIASES: Record<string, Severity> = {
  critical: 'critical', high: 'high', medium: 'medium', low: 'low',
  sev1: 'critical', sev2: 'high', sev3: 'medium', sev4: 'low',
  'sev-1': 'critical', 'sev-2': 'high', 'sev-3': 'medium', 'sev-4': 'low',
};

export function findSeverity(input: string): Severity | undefined {
  return ALIASES[input.trim().toLowerCase()];
}

export function parseSeverity(input: string): Severity {
  const found = findSeverity(input);
  if (found !== undefined) return found;
  throw new AppError('VALIDATION', unknownValueMessage('severity', input, SEVERITIES, Object.keys(ALIASES)), {
    issues: [{ path: 'severity', message: `unknown severity '${input}'` }],
  });
}

export function severityLabel(s: Severity): string {
  const l = SEVERITY_LABEL[s];
  return `${l.label} ${l.name}`;
}
