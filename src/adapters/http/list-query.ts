import type { IncidentSummaryDto } from '../../app/incidents/index.js';
import type { IncidentFilter } from '../../app/ports/index.js';
import { parseEnvironment, parseIncidentType, parseSeverity } from '../../domain/classification/index.js';
import { AppError, unknownValueMessage } from '../../domain/errors/index.js';
import { INCIDENT_STATUSES, isActiveStatus, type IncidentStatus } from '../../domain/incident/index.js';
import { epochMs } from '../../domain/time/index.js';
import type { listQuery } from './api-schemas.js';
import type { z } from 'zod';

// The most (500, checked by listQuery) stays below the store's own cap of 1000, so the one extra
// row that tells "more follow" always fits.
const DEFAULT_LIMIT = 50;

const splitList = (text: string) => text.split(',').map((s) => s.trim()).filter((s) => s !== '');

function parseStatuses(text: string): IncidentStatus[] {
  return splitList(text).flatMap((s): IncidentStatus[] => {
    const t = s.toLowerCase();
    if (t === 'open' || t === 'active') return INCIDENT_STATUSES.filter(isActiveStatus);
    if ((INCIDENT_STATUSES as readonly string[]).includes(t)) return [t as IncidentStatus];
    throw new AppError('VALIDATION', unknownValueMessage('status', s, [...INCIDENT_STATUSES, 'open']), { issues: [{ path: 'status', message: `unknown status '${s}'` }] });
  });
}

/** The query of GET /incidents as a store filter; `limit` is the page size the caller asked for. */
export function toIncidentFilter(q: z.infer<typeof listQuery>): { filter: IncidentFilter; limit: number } {
  const limit = q.limit ?? DEFAULT_LIMIT;
  const filter: IncidentFilter = {
    ...(q.status ? { statuses: parseStatuses(q.status) } : {}),
    ...(q.severity ? { severities: splitList(q.severity).map(parseSeverity) } : {}),
    ...(q.type ? { types: splitList(q.type).map(parseIncidentType) } : {}),
    ...(q.environment ? { environments: splitList(q.environment).map(parseEnvironment) } : {}),
    ...(q.service ? { service: q.service } : {}),
    ...(q.since ? { since: epochMs(Date.parse(q.since)) } : {}),
    ...(q.cursor ? { after: decodeCursor(q.cursor) } : {}),
    limit,
  };
  return { filter, limit };
}

/** An opaque keyset cursor: the sort key (declared instant, id) of the last item of a page. */
export function encodeCursor(last: Pick<IncidentSummaryDto, 'declaredAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([Date.parse(last.declaredAt), last.id])).toString('base64url');
}

function decodeCursor(cursor: string): { declaredAt: ReturnType<typeof epochMs>; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && Number.isSafeInteger(parsed[0]) && typeof parsed[1] === 'string') {
      return { declaredAt: epochMs(parsed[0] as number), id: parsed[1] };
    }
  } catch {
    // Reported below.
  }
  throw new AppError('VALIDATION', 'cursor is not one this server handed out; start again without it', { issues: [{ path: 'cursor', message: 'invalid cursor' }] });
}
