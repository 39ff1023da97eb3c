import { AppError, unknownValueMessage } from '../errors/index.js';

export const INCIDENT_TYPES = ['outage', 'security', 'performance', 'data', 'integration'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export function findIncidentType(input: string): IncidentType | undefined {
  const t = input.trim().toLowerCase();
  return (INCIDENT_TYPES as readonly string[]).includes(t) ? (t as IncidentType) : undefined;
}

export function parseIncidentType(input: string): IncidentType {
  const found = findIncidentType(input);
  if (found !== undefined) return found;
  throw new AppError('VALIDATION', unknownValueMessage('type', input, INCIDENT_TYPES), {
    issues: [{ path: 'type', message: `unknown type '${input}'` }],
  });
}
