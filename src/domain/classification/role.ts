import { AppError, unknownValueMessage } from '../errors/index.js';

/** Incident roles (who does what during the response), not access roles. */
export const INCIDENT_ROLES = ['commander', 'communications', 'scribe', 'technical', 'security', 'liaison'] as const;
export type IncidentRole = (typeof INCIDENT_ROLES)[number];

export const INCIDENT_ROLE_TITLE: Record<IncidentRole, string> = {
  commander: 'Incident commander',
  communications: 'Communications lead',
  scribe: 'Scribe',
  technical: 'Technical lead',
  security: 'Security lead',
  liaison: 'Liaison',
};

export function parseIncidentRole(input: string): IncidentRole {
  const t = input.trim().toLowerCase();
  if ((INCIDENT_ROLES as readonly string[]).includes(t)) return t as IncidentRole;
  throw new AppError('VALIDATION', unknownValueMessage('role', input, INCIDENT_ROLES), {
    issues: [{ path: 'role', message: `unknown role '${input}'` }],
  });
}
