import { hiddenIncidentTypes, requirePermission, type Principal } from '../../domain/access/index.js';
import { formatMatcher, matchesEverything, parseLabelMatcher } from '../../domain/alerts/index.js';
import { AppError } from '../../domain/errors/index.js';
import { durationMs, formatDuration, parseDuration, type EpochMs } from '../../domain/time/index.js';
import type { SilencePolicy } from '../config/index.js';
import type { AlertStore, Clock, SecretSource, SilenceRecord } from '../ports/index.js';

export interface CreateSilenceInput {
  /** Alertmanager matchers: `alertname=Foo`, `severity=~"warn|info"`. */
  readonly matchers: readonly string[];
  /** "2h", "30 minutes"; ignored when `endsAt` is given. */
  readonly duration?: string;
  readonly startsAt?: EpochMs;
  readonly endsAt?: EpochMs;
  readonly reason: string;
}

export interface SilenceDto {
  readonly id: string;
  readonly matchers: readonly string[];
  readonly startsAt: string;
  readonly endsAt: string;
  readonly reason: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly state: 'pending' | 'active' | 'expired';
}

/**
 * Silences and maintenance windows: created with a reason and an end, listed, expired; each change
 * audited. Each role may silence for at most its configured span, and only admins may create a silence
 * whose every matcher matches the empty string (it would match practically everything). A silence
 * that held an alert of an incident the caller may not see does not exist for that caller.
 */
export class SilenceService {
  constructor(
    private readonly store: AlertStore,
    private readonly clock: Clock,
    private readonly secrets: SecretSource,
    private readonly policy: SilencePolicy,
  ) {}

  async create(input: CreateSilenceInput, actor: Principal): Promise<SilenceDto> {
    requirePermission(actor, 'incident:work');
    const now = this.clock.now();
    if (input.matchers.length === 0) throw new AppError('VALIDATION', 'a silence needs at least one matcher, e.g. --match alertname=Foo', { issues: [{ path: 'matchers', message: 'empty' }] });
    const matchers = input.matchers.map(parseLabelMatcher);
    if (actor.role !== 'admin' && matchesEverything(matchers)) {
      throw new AppError('VALIDATION', `Cannot create a silence with matchers ${matchers.map(formatMatcher).join(', ')}: every one of them also matches alerts without that label, so it would hold practically every alert. Add a matcher that needs a value, e.g. alertname="DiskFull", or ask an admin.`, {
        issues: [{ path: 'matchers', message: 'at least one matcher must not match the empty string' }],
      });
    }
    const reason = input.reason.trim();
    if (reason === '') throw new AppError('VALIDATION', 'a silence needs a reason (--reason "…"), so others know why alerts are held', { issues: [{ path: 'reason', message: 'empty' }] });
    const startsAt = input.startsAt ?? now;
    let endsAt = input.endsAt;
    if (endsAt === undefined) {
      const d = parseDuration(input.duration ?? '');
      if (typeof d === 'string') throw new AppError('VALIDATION', `--for: ${d}`, { issues: [{ path: 'duration', message: d }] });
      endsAt = (startsAt + d) as EpochMs;
    }
    if (endsAt <= startsAt) throw new AppError('VALIDATION', 'a silence must end after it starts', { issues: [{ path: 'endsAt', message: 'not after startsAt' }] });
    const maxMs = actor.role === 'viewer' ? durationMs(0) : this.policy.maxDurationMs[actor.role];
    const spanMs = durationMs(endsAt - startsAt);
    if (spanMs > maxMs) {
      const field = input.endsAt !== undefined ? 'endsAt' : 'duration';
      throw new AppError('VALIDATION', `Cannot create a silence of ${formatDuration(spanMs)}: a ${actor.role} may silence alerts for at most ${formatDuration(maxMs)} (alerts.silences.max_duration.${actor.role}). Choose a shorter ${field === 'duration' ? 'duration' : 'end'}, or ask someone with a longer limit.`, {
        issues: [{ path: field, message: `longer than ${formatDuration(maxMs)}` }],
      });
    }
    const record: SilenceRecord = {
      id: `sil_${this.secrets.randomBase64Url(9)}`, matchers, startsAt, endsAt, comment: reason, reason, createdBy: actor.name, createdAt: now, expiredAt: undefined,
    };
    await this.store.createSilence(record, {
      at: now, actor: actor.name, action: 'silence.create', subject: record.id,
      detail: { matchers: matchers.map(formatMatcher), startsAt, endsAt, reason },
    });
    return toSilenceDto(record, now);
  }

  async list(actor: Principal): Promise<SilenceDto[]> {
    requirePermission(actor, 'incident:read');
    const now = this.clock.now();
    const hidden = await this.#hiddenSilences(actor);
    return (await this.store.listSilences()).filter((s) => !hidden.has(s.id)).map((s) => toSilenceDto(s, now));
  }

  async expire(id: string, actor: Principal): Promise<SilenceDto> {
    requirePermission(actor, 'incident:work');
    const now = this.clock.now();
    const wanted = id.trim();
    // A silence the caller may not see answers exactly like one that does not exist, and stays.
    const record = (await this.#hiddenSilences(actor)).has(wanted)
      ? undefined
      : await this.store.expireSilence(wanted, { at: now, actor: actor.name, action: 'silence.expire', subject: wanted, detail: {} });
    if (record === undefined) throw new AppError('NOT_FOUND', `No silence ${id}. List silences with "incident-response silence list".`);
    return toSilenceDto(record, now);
  }

  /** Silences that held an alert of an incident the caller may not see: they would reveal it. */
  async #hiddenSilences(actor: Principal): Promise<ReadonlySet<string>> {
    return new Set(await this.store.listSilencesHoldingAlertsOf(hiddenIncidentTypes(actor)));
  }
}

export function toSilenceDto(s: SilenceRecord, now: EpochMs): SilenceDto {
  return {
    id: s.id, matchers: s.matchers.map(formatMatcher), startsAt: new Date(s.startsAt).toISOString(), endsAt: new Date(s.endsAt).toISOString(),
    reason: s.reason, createdBy: s.createdBy, createdAt: new Date(s.createdAt).toISOString(),
    state: now < s.startsAt ? 'pending' : now < s.endsAt ? 'active' : 'expired',
  };
}
