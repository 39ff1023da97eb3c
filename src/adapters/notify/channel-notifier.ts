import { ADDRESS_IS_CREDENTIAL } from '../../app/paging/index.js';
import type { DeliveryChannel, DeliveryOutcome, Notifier, OutboundMessage } from '../../app/ports/index.js';

/** Channels whose pages repeat at the provider until stopped (Pushover's emergency priority). */
const STOPS_REPEATING: Readonly<Record<DeliveryChannel, boolean>> = {
  email: false, sms: false, voice: false, slack: false, teams: false, webhook: false, pagerduty: false, push: false, ntfy: false, pushover: true, telegram: false,
};

/**
 * The one Notifier the engine holds: it hands each message to its channel's notifier, turns a
 * missing channel into `failed` (with the config key to add), an unexpected exception into
 * `retry`, and removes every known secret from the reason whatever produced it.
 */
export class ChannelNotifier implements Notifier {
  constructor(
    private readonly channels: Readonly<Record<DeliveryChannel, Notifier | string>>,
    private readonly secrets: readonly string[],
  ) {}

  async deliver(message: OutboundMessage, timeoutMs: number): Promise<DeliveryOutcome> {
    const channel = this.channels[message.channel];
    let outcome: DeliveryOutcome;
    if (channel === undefined) outcome = { kind: 'failed', reason: `unknown channel '${String(message.channel)}'` };
    else if (message.stopRepeating !== undefined && !STOPS_REPEATING[message.channel]) outcome = { kind: 'failed', reason: `the ${message.channel} channel has no repeating pages to stop` };
    else if (typeof channel === 'string') outcome = { kind: 'failed', reason: channel };
    else {
      try {
        outcome = await channel.deliver(message, timeoutMs);
      } catch (e) {
        outcome = { kind: 'retry', reason: `unexpected error in the ${message.channel} channel: ${e instanceof Error ? e.message : String(e)}` };
      }
    }
    const secrets = ADDRESS_IS_CREDENTIAL[message.channel] ? [...this.secrets, message.address] : this.secrets;
    return outcome.kind === 'delivered' ? { ...outcome, detail: scrubSecrets(outcome.detail, secrets) } : { ...outcome, reason: scrubSecrets(outcome.reason, secrets) };
  }
}

/** `text` with each secret (at least 4 characters long) replaced by "[redacted]". */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}
