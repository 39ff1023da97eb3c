import type { Logger } from 'pino';
import type { SlackIntegrationConfig } from '../app/config/index.js';
import type { IncidentApi } from '../app/incidents/index.js';
import type { Clock, SignedDelivery } from '../app/ports/index.js';
import { epochMs, type EpochMs } from '../domain/time/index.js';
import type { SignedFormEndpoint } from '../adapters/http/index.js';
import { AddressGuard } from '../adapters/outbound-net/index.js';
import {
  SLACK_LOOKUP_TIMEOUT_MS, SLACK_MAX_SKEW_SECONDS, SlackUserDirectory, handleSlashCommand, lookUpSlackEmail, readSlashCommandForm, renderSlackError, verifySlackSignature,
  type SlashCommandDeps, type SlashCommandForm,
} from '../adapters/slack/index.js';
import type { Principal } from '../domain/access/index.js';
import { isAppError } from '../domain/errors/index.js';

export const SLACK_COMMANDS_PATH = '/integrations/slack/commands';
/** Slash-command forms are a few hundred bytes; anything near this is not Slack. */
export const SLACK_COMMANDS_BODY_LIMIT_BYTES = 64 * 1024;

export interface SlackCommandsWiring {
  readonly config: SlackIntegrationConfig | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  readonly apiFor: (principal: Principal) => IncidentApi;
  /** `oncall override …` acting as the mapped user. */
  readonly overridesFor?: SlashCommandDeps['overridesFor'];
  readonly logger: Logger;
  /** Remembers a signed delivery in the store; false when it was already acted on (a replay). */
  readonly claimSignedDelivery: (delivery: SignedDelivery, now: EpochMs) => Promise<boolean>;
}

/**
 * A Slack signature holds while its timestamp is within 5 minutes of our clock, either side; it is
 * remembered that long past the latest timestamp accepted now, so a replay within the window finds it.
 */
const SLACK_REPLAY_MEMORY_MS = 2 * SLACK_MAX_SKEW_SECONDS * 1000;
const ALREADY_RECEIVED = {
  response_type: 'ephemeral',
  text: 'This command was already received and was not run again. Type the command anew to repeat it.',
};

/**
 * The Slack slash-command endpoint, or undefined when it is not to be served (no `integrations.slack`
 * or its signing-secret variable unset): then the path answers 404 like any unknown route. Says
 * which in the log, once. The secret and bot token stay in this closure; they are never logged.
 */
export function slackCommandsEndpoint(w: SlackCommandsWiring): SignedFormEndpoint | undefined {
  const { config, logger } = w;
  if (config === undefined) {
    logger.info({ path: SLACK_COMMANDS_PATH }, 'Slack commands not served: integrations.slack is not configured');
    return undefined;
  }
  const signingSecret = w.env[config.signingSecretEnv]?.trim();
  if (!signingSecret) {
    logger.warn({ path: SLACK_COMMANDS_PATH, variable: config.signingSecretEnv }, `Slack commands not served: the environment variable ${config.signingSecretEnv} (the Slack signing secret) is not set`);
    return undefined;
  }
  const botToken = config.botTokenEnv === undefined ? undefined : w.env[config.botTokenEnv]?.trim() || undefined;
  if (config.botTokenEnv !== undefined && botToken === undefined) {
    logger.warn({ variable: config.botTokenEnv }, `Slack users are matched by slack_user_id only: the environment variable ${config.botTokenEnv} (the bot token) is not set`);
  }
  // users.info goes to the configured api_url as written; a redirect elsewhere is checked by the SSRF guard.
  const guard = new AddressGuard(config.allowPrivateAddresses ?? [], 'integrations.slack.allow_private_addresses', [config.apiUrl]);
  const directory = new SlackUserDirectory({
    users: config.users,
    clock: w.clock,
    ...(botToken === undefined ? {} : {
      lookUpEmail: (id: string) => lookUpSlackEmail(id, { apiUrl: config.apiUrl, botToken, timeoutMs: SLACK_LOOKUP_TIMEOUT_MS, guard }),
    }),
    onLookupProblem: (slackUserId, reason) => logger.warn({ slackUserId, reason }, 'Slack users.info gave no email'),
  });
  logger.info({ path: SLACK_COMMANDS_PATH, users: config.users.length, emailLookup: botToken !== undefined }, `Slack commands served at POST ${SLACK_COMMANDS_PATH}`);
  return {
    path: SLACK_COMMANDS_PATH,
    bodyLimitBytes: SLACK_COMMANDS_BODY_LIMIT_BYTES,
    verify: (headers, rawBody) => verifySlackSignature({ headers, rawBody }, signingSecret, w.clock.now()),
    answer: async (rawBody, log, headers) => {
      // A signed request replayed within its window (the signature is what cannot be forged) runs once.
      const signature = headers['x-slack-signature'];
      const now = w.clock.now();
      const delivery = { scope: 'slack-commands', id: String(signature), expiresAt: epochMs(now + SLACK_REPLAY_MEMORY_MS) };
      if (!(await w.claimSignedDelivery(delivery, now))) {
        log.warn({ path: SLACK_COMMANDS_PATH }, 'Slack command replayed: already received, not run again');
        return ALREADY_RECEIVED;
      }
      let form: SlashCommandForm;
      try {
        form = readSlashCommandForm(rawBody);
      } catch (e) {
        if (isAppError(e)) return renderSlackError(e);
        throw e;
      }
      return handleSlashCommand(form, {
        apiFor: w.apiFor,
        ...(w.overridesFor !== undefined ? { overridesFor: w.overridesFor } : {}),
        resolveUser: (slackUserId) => directory.findUser(slackUserId),
        onUnexpectedError: (error) => log.error({ err: error }, 'Slack command failed'),
      });
    },
  };
}
