import type { SlackUserMapping } from '../../app/config/index.js';
import type { Clock } from '../../app/ports/index.js';
import type { Principal } from '../../domain/access/index.js';
import { addDuration, minutes, type DurationMs, type EpochMs } from '../../domain/time/index.js';
import type { SlackEmailLookup } from './slack-users-info.js';

export interface SlackUserDirectoryOptions {
  readonly users: readonly SlackUserMapping[];
  /** users.info, when a bot token is configured; without it only slack_user_id matches. */
  readonly lookUpEmail?: (slackUserId: string) => Promise<SlackEmailLookup>;
  readonly clock: Clock;
  /** How long a users.info answer is remembered. */
  readonly cacheMs?: DurationMs;
  /** For the log: why a lookup did not give an email. */
  readonly onLookupProblem?: (slackUserId: string, reason: string) => void;
}

const MAX_CACHED = 5000;

/**
 * Maps a Slack user to a product user: by slack_user_id first, else by the profile email from
 * users.info (ignoring case). Definite users.info answers are cached so most commands need no
 * round trip; failures are not, so a recovered Slack API is used again at once.
 */
export class SlackUserDirectory {
  private readonly byId = new Map<string, SlackUserMapping>();
  private readonly byEmail = new Map<string, SlackUserMapping>();
  private readonly emails = new Map<string, { email: string | undefined; expiresAt: EpochMs }>();
  private readonly cacheMs: DurationMs;

  constructor(private readonly options: SlackUserDirectoryOptions) {
    for (const u of options.users) {
      if (u.slackUserId !== undefined) this.byId.set(u.slackUserId, u);
      if (u.email !== undefined) this.byEmail.set(u.email.toLowerCase(), u);
    }
    this.cacheMs = options.cacheMs ?? minutes(10);
  }

  async findUser(slackUserId: string): Promise<Principal | undefined> {
    const direct = this.byId.get(slackUserId);
    if (direct !== undefined) return toPrincipal(direct);
    if (this.byEmail.size === 0 || this.options.lookUpEmail === undefined) return undefined;
    const email = await this.emailOf(slackUserId, this.options.lookUpEmail);
    const mapped = email === undefined ? undefined : this.byEmail.get(email.toLowerCase());
    return mapped === undefined ? undefined : toPrincipal(mapped);
  }

  private async emailOf(slackUserId: string, lookUp: (id: string) => Promise<SlackEmailLookup>): Promise<string | undefined> {
    const now = this.options.clock.now();
    const cached = this.emails.get(slackUserId);
    if (cached !== undefined && cached.expiresAt > now) return cached.email;
    const answer = await lookUp(slackUserId);
    if (answer.kind !== 'found') this.options.onLookupProblem?.(slackUserId, answer.reason);
    if (answer.kind === 'failed') return undefined;
    const email = answer.kind === 'found' ? answer.email : undefined;
    this.emails.delete(slackUserId);
    if (this.emails.size >= MAX_CACHED) this.emails.delete(this.emails.keys().next().value!);
    this.emails.set(slackUserId, { email, expiresAt: addDuration(this.options.clock.now(), this.cacheMs) });
    return email;
  }
}

function toPrincipal(u: SlackUserMapping): Principal {
  return { name: u.name, role: u.role, teams: u.teams };
}
