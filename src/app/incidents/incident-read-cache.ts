import { dueSoonAt, isActiveStatus, type IncidentState } from '../../domain/incident/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import { toIncidentDto } from './incident-dto.js';
import type { Clock } from '../ports/index.js';
import type { IncidentService, IncidentView } from './incident-service.js';

/** How many incidents' documents are kept; the least recently computed one goes first. */
const DEFAULT_CAPACITY = 2_000;

interface Entry {
  readonly version: number;
  /** The configuration the document was computed with (a reload changes policy, calendar, settings). */
  readonly config: object;
  readonly computedAt: EpochMs;
  /** The first instant at which a clock, step, obligation or impact figure may read differently. */
  readonly validUntil: EpochMs;
  /** The document's JSON up to and including `"asOf":`; `asOf` is its last member. */
  readonly head: string;
}

/**
 * The whole incident as JSON (`GET /incidents/{id}`), kept per incident between changes. A document
 * depends on the incident's state (its version), the configuration in force and the clock; the
 * clock only matters at the instants where something turns due soon or overdue, or where the
 * impact's minutes tick over. Until the next such instant, at the same version and configuration,
 * the kept JSON is answered with only `asOf` set to now: the same bytes a fresh computation gives.
 * Visibility is not part of it: the caller checks who may see the incident before asking.
 */
export class IncidentReadCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    /** Computes the view of an incident as of an instant. */
    private readonly views: Pick<IncidentService, 'view'>,
    private readonly clock: Clock,
    /** The configuration in force now; a different object than before means it was reloaded. */
    private readonly currentConfig: () => object,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  /** The kept document of the incident at `version` as of now (the clock's), if it still holds. */
  kept(id: string, version: number): string | undefined {
    const now = this.clock.now();
    const kept = this.#entries.get(id);
    if (kept === undefined || kept.version !== version || kept.config !== this.currentConfig() || now < kept.computedAt || now >= kept.validUntil) return undefined;
    return `${kept.head}${JSON.stringify(new Date(now).toISOString())}}`;
  }

  /** The incident's document as of now (the clock's), as JSON text; kept for later reads. */
  json(incident: IncidentState): string {
    const config = this.currentConfig();
    const now = this.clock.now();
    const view = this.views.view(incident, now);
    const dto = toIncidentDto(view);
    const text = JSON.stringify(dto);
    const tail = `${JSON.stringify(dto.asOf)}}`;
    if (Number.isInteger(now) && text.endsWith(`"asOf":${tail}`)) {
      this.#entries.delete(incident.id);
      if (this.#entries.size >= this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
      this.#entries.set(incident.id, { version: incident.version, config, computedAt: now, validUntil: nextChangeAfter(view, now), head: text.slice(0, text.length - tail.length) });
    }
    return text;
  }

  /** How many incidents are kept (for tests and metrics). */
  get size(): number {
    return this.#entries.size;
  }
}

/**
 * The first instant after `now` at which the view may read differently with the incident
 * unchanged: a running SLA clock turning due soon or overdue, a phase's steps turning overdue, a
 * compliance obligation turning overdue, the impact's whole minutes ticking over. Early is safe
 * (the view is computed again); late is not.
 */
export function nextChangeAfter(view: IncidentView, now: EpochMs): EpochMs {
  const s = view.incident;
  // Instants are whole milliseconds: a deadline d turns overdue at the first one after it (now > d),
  // due soon at the first one at or after its mark (now >= mark).
  const overdueAt = (d: number) => Math.floor(d) + 1;
  const at: number[] = [];
  if (view.clocks.response.metAt === undefined) at.push(Math.ceil(dueSoonAt(s.responseClockStartedAt, s.responseDueAt)), overdueAt(s.responseDueAt));
  const nextUpdateDue = view.clocks.nextUpdate.dueAt;
  if (nextUpdateDue !== undefined) at.push(Math.ceil(dueSoonAt(s.lastUpdate?.at ?? s.responseClockStartedAt, nextUpdateDue)), overdueAt(nextUpdateDue));
  if (isActiveStatus(s.status)) {
    for (const phase of view.checklist.phases) if (phase.endsAt !== undefined) at.push(overdueAt(phase.endsAt));
  }
  for (const o of view.compliance) if (o.dueAt !== undefined) at.push(overdueAt(o.dueAt));
  if (view.impact !== undefined && !view.impact.isFinal) {
    // Whole minutes are rounded half up: the figure changes half a minute past each minute of impact.
    const start = s.impactStartedAt !== undefined && s.impactStartedAt < s.declaredAt ? s.impactStartedAt : s.declaredAt;
    at.push(Math.ceil(start + (Math.round((now - start) / 60_000) + 0.5) * 60_000));
  }
  let next = Number.POSITIVE_INFINITY;
  for (const t of at) if (t > now && t < next) next = t;
  return next as EpochMs;
}
