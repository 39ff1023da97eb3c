import { findEnvironment, findIncidentType, findSeverity, parseEnvironment, parseIncidentType, parseSeverity, type Environment, type IncidentType, type Severity } from '../../domain/classification/index.js';
import { AppError, unknownValueMessage } from '../../domain/errors/index.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../domain/incident/index.js';
import { epochMs, parseDuration, type EpochMs } from '../../domain/time/index.js';

const ACTIVE: IncidentStatus[] = ['triggered', 'acknowledged', 'mitigated'];

function splitList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** "triggered,acknowledged" or "open"/"active" (not yet resolved). */
export function parseStatusList(text: string): IncidentStatus[] {
  return splitList(text).flatMap((s): IncidentStatus[] => {
    const t = s.toLowerCase();
    if (t === 'open' || t === 'active') return ACTIVE;
    if ((INCIDENT_STATUSES as readonly string[]).includes(t)) return [t as IncidentStatus];
    throw new AppError('VALIDATION', unknownValueMessage('status', s, [...INCIDENT_STATUSES, 'open']), { issues: [{ path: 'status', message: `unknown status '${s}'` }] });
  });
}

export const parseSeverityList = (text: string): Severity[] => splitList(text).map(parseSeverity);
export const parseTypeList = (text: string): IncidentType[] => splitList(text).map(parseIncidentType);
export const parseEnvironmentList = (text: string): Environment[] => splitList(text).map(parseEnvironment);

/**
 * An instant given as ISO-8601 ("2026-11-28", "2026-11-28T14:30Z") or as a span before now
 * ("24h", "7d", "30 minutes ago").
 */
export function parseInstant(text: string, now: EpochMs, option: string): EpochMs {
  const t = text.trim();
  const rel = parseDuration(t.replace(/\s+ago$/i, ''));
  if (typeof rel !== 'string') return epochMs(now - rel);
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(t)) {
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t}Z`;
    const ms = Date.parse(iso.replace(' ', 'T'));
    if (!Number.isNaN(ms)) return epochMs(ms);
  }
  throw new AppError('VALIDATION', `${option}: '${text}' is neither a time (2026-11-28T14:30Z) nor a span before now (24h, 7d, 30 minutes ago)`, {
    issues: [{ path: option, message: 'not a time or span' }],
  });
}

export function parseLimit(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new AppError('VALIDATION', `--limit must be a whole number from 1 to 1000, not '${text}'`, { issues: [{ path: 'limit', message: 'out of range' }] });
  return n;
}

/** Whether a word could be a severity, a type or an environment (used to tell a typo of a command apart). */
export function isClassificationWord(word: string): boolean {
  return findSeverity(word) !== undefined || findIncidentType(word) !== undefined || findEnvironment(word) !== undefined;
}
