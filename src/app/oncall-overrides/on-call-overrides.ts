import { hasPermission, requirePermission, type Principal } from '../../domain/access/index.js';
import { AppError, unknownValueMessage } from '../../domain/errors/index.js';
import { checkOverride, findPersonNamed, parseWallInstant, withStoredOverrides, type Person, type Schedule, type StoredOverride } from '../../domain/oncall/index.js';
import { epochMs, type EpochMs } from '../../domain/time/index.js';
import type { OnCallDirectoryView } from '../paging/index.js';
import type { Clock, OnCallStore } from '../ports/index.js';

/** The configuration overrides are checked against; read on every call, so a reloaded file applies at once. */
export interface OnCallDirectory {
  readonly people: readonly Person[];
  readonly schedules: readonly Schedule[];
  /** Local times without an offset are read in this zone unless the request names one. */
  readonly displayTimeZone: string;
}

/** An override as a person writes it: times as text (ISO with an offset, or local in `timeZone`) or instants. */
export interface OverrideInput {
  readonly scheduleId: string;
  readonly personId: string;
  readonly from: string | EpochMs;
  readonly to: string | EpochMs;
  readonly replacesPersonId?: string;
  readonly note?: string;
  /** The zone local times are read in; default the caller's own (`people.<id>.time_zone`), else the display time zone. */
  readonly timeZone?: string;
}

/** An override as clients see it (CLI --json, API, web app). */
export interface OverrideDto {
  readonly id: string;
  readonly scheduleId: string;
  readonly personId: string;
  readonly personName: string;
  readonly replacesPersonId: string | null;
  readonly startAt: string;
  readonly endAt: string;
  readonly note: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Who may change on-call: admins and commanders (incident managers) may override anyone; a
 * responder may put themselves on call or hand their own shift to someone else (they are the
 * person, or the person replaced), and delete such overrides or ones they made; viewers may only
 * look. The caller is matched to `people:` by id or name.
 */
export function mayChangeOverride(principal: Principal, directory: Pick<OnCallDirectory, 'people'>, o: Pick<StoredOverride, 'personId' | 'replacesPersonId'> & { createdBy?: string }): boolean {
  if (hasPermission(principal, 'incident:command')) return true;
  if (!hasPermission(principal, 'incident:work')) return false;
  const self = personOf(principal, directory.people);
  if (o.createdBy !== undefined && o.createdBy === principal.name) return true;
  return self !== undefined && (o.personId === self.id || o.replacesPersonId === self.id);
}

/** The person a principal is, by id or (case-insensitive) name. */
export function personOf(principal: Principal, people: readonly Person[]): Person | undefined {
  return findPersonNamed(principal.name, people);
}

/**
 * On-call overrides made at runtime: "take my shift", "cover Tuesday night". Stored with an admin
 * audit line; the paging engine, `oncall`, the iCal feeds and `escalation preview` read them with
 * the configured overrides, the stored ones winning where both cover a time.
 */
export class OnCallOverrides {
  constructor(
    private readonly store: OnCallStore,
    private readonly clock: Clock,
    private readonly directory: () => OnCallDirectory,
    private readonly newId: () => string,
  ) {}

  async create(principal: Principal, input: OverrideInput): Promise<OverrideDto> {
    requirePermission(principal, 'incident:work');
    const directory = this.directory();
    const now = this.clock.now();
    // Local times are read where the person typing them lives: their own zone, else the display zone.
    const zone = input.timeZone ?? personOf(principal, directory.people)?.timeZone ?? directory.displayTimeZone;
    const request = {
      scheduleId: input.scheduleId.trim(),
      personId: input.personId.trim(),
      startAt: this.#instant(input.from, zone, 'from'),
      endAt: this.#instant(input.to, zone, 'to'),
      ...(input.replacesPersonId !== undefined && input.replacesPersonId.trim() !== '' ? { replacesPersonId: input.replacesPersonId.trim() } : {}),
    };
    const check = checkOverride(request, directory.schedules, directory.people, now);
    if (!check.ok) {
      const known = check.known === undefined ? '' : ` (${check.known.length > 0 ? check.known.join(', ') : 'none configured'})`;
      const message = check.known !== undefined && check.field === 'schedule'
        ? `Cannot override: ${unknownValueMessage('schedule', request.scheduleId, check.known.length > 0 ? check.known : ['none configured'])}.`
        : `Cannot override: ${check.reason}${known}.`;
      throw new AppError(check.known !== undefined ? 'NOT_FOUND' : 'VALIDATION', message, { issues: [{ path: check.field, message: check.reason }] });
    }
    if (!mayChangeOverride(principal, directory, request)) {
      throw new AppError('FORBIDDEN', `${principal.name} (${principal.role}) may not put ${request.personId} on call: a responder may only take a shift themselves or hand over their own; ask a commander or an admin.`);
    }
    const note = (input.note ?? '').trim().slice(0, 500);
    const override: StoredOverride = { id: this.newId(), ...request, note, createdBy: principal.name, createdAt: now };
    await this.store.createOverride(override, {
      at: now, actor: principal.name, action: 'oncall.override.create', subject: override.id,
      detail: { schedule: override.scheduleId, person: override.personId, ...(override.replacesPersonId !== undefined ? { replaces: override.replacesPersonId } : {}), from: iso(override.startAt), to: iso(override.endAt), ...(note !== '' ? { note } : {}) },
    });
    return this.#dto(override, directory);
  }

  /** "Take my shift": the caller goes on call on `scheduleId` from `from` to `to`, in place of whoever the schedule has. */
  async takeShift(principal: Principal, scheduleId: string, from: string | EpochMs, to: string | EpochMs, note?: string): Promise<OverrideDto> {
    const self = personOf(principal, this.directory().people);
    if (self === undefined) throw new AppError('VALIDATION', `${principal.name} is not in people: of the configuration, so cannot be put on call; ask an admin to add them.`, { issues: [{ path: 'person', message: 'caller is not a person' }] });
    return this.create(principal, { scheduleId, personId: self.id, from, to, ...(note !== undefined ? { note } : {}) });
  }

  /** Overrides still running or to come (of one schedule when given), oldest made first. */
  async list(principal: Principal, filter: { readonly scheduleId?: string } = {}): Promise<OverrideDto[]> {
    requirePermission(principal, 'incident:read');
    const directory = this.directory();
    const rows = await this.store.listOverrides({ endsAfter: this.clock.now(), ...(filter.scheduleId !== undefined ? { scheduleId: filter.scheduleId } : {}) });
    return rows.map((o) => this.#dto(o, directory));
  }

  async delete(principal: Principal, id: string): Promise<OverrideDto> {
    requirePermission(principal, 'incident:work');
    const directory = this.directory();
    const found = await this.store.findOverride(id);
    if (found === undefined) {
      throw new AppError('NOT_FOUND', `There is no override '${id}' (it may have been deleted already). List them with "incident-response oncall override list".`, { issues: [{ path: 'id', message: 'unknown override' }] });
    }
    if (!mayChangeOverride(principal, directory, found)) {
      throw new AppError('FORBIDDEN', `${principal.name} (${principal.role}) may not delete override ${id}: it neither puts them on call nor hands over their shift, and they did not make it; ask a commander or an admin.`);
    }
    const now = this.clock.now();
    const deleted = await this.store.deleteOverride(id, {
      at: now, actor: principal.name, action: 'oncall.override.delete', subject: id,
      detail: { schedule: found.scheduleId, person: found.personId, from: iso(found.startAt), to: iso(found.endAt) },
    });
    if (deleted === undefined) throw new AppError('NOT_FOUND', `There is no override '${id}' (it was deleted meanwhile).`, { issues: [{ path: 'id', message: 'unknown override' }] });
    return this.#dto(deleted, directory);
  }

  /**
   * The on-call directory with the stored overrides in force after `from` merged into the
   * schedules: what `oncall`, the iCal feeds, `escalation preview` and the web app read.
   */
  async directoryAt(from: EpochMs): Promise<OnCallDirectoryView & OnCallDirectory> {
    const directory = this.directory();
    const stored = await this.store.listOverrides({ endsAfter: from });
    return { ...directory, schedules: withStoredOverrides(directory.schedules, stored) };
  }

  #instant(value: string | EpochMs, zone: string, field: 'from' | 'to'): EpochMs {
    if (typeof value === 'number') return epochMs(value);
    const parsed = parseWallInstant(value, zone);
    if (!parsed.ok) throw new AppError('VALIDATION', `--${field}: ${parsed.reason}.`, { issues: [{ path: field, message: parsed.reason }] });
    return parsed.at;
  }

  #dto(o: StoredOverride, directory: OnCallDirectory): OverrideDto {
    return {
      id: o.id, scheduleId: o.scheduleId, personId: o.personId, personName: directory.people.find((p) => p.id === o.personId)?.name ?? o.personId,
      replacesPersonId: o.replacesPersonId ?? null, startAt: iso(o.startAt), endAt: iso(o.endAt), note: o.note, createdBy: o.createdBy, createdAt: iso(o.createdAt),
    };
  }
}
