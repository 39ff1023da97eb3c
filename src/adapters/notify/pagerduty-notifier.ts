import type { PagerDutyChannelConfig } from '../../app/config/index.js';
import type { DeliveryOutcome, Notifier, OutboundMessage } from '../../app/ports/index.js';
import { jsonBody, outcomeOfStatus, sendHttp, type HttpContext } from './http-delivery.js';
import { incidentJson } from './message-json.js';

/** Our severities in PagerDuty's words. */
export const PAGERDUTY_SEVERITY: Record<string, 'critical' | 'error' | 'warning' | 'info'> = {
  critical: 'critical',
  high: 'error',
  medium: 'warning',
  low: 'info',
};

const ROUTING_KEY = /^[A-Za-z0-9]{32}$/;
const MAX_SUMMARY = 1024;

/**
 * The dedup key of an incident's events: every page of one incident lands on one PagerDuty alert,
 * whichever step or retry sent it. A message without an incident keys on its own id.
 */
export function pagerDutyDedupKey(message: OutboundMessage): string {
  return message.incident === undefined ? `incident-response:${message.id}` : `incident-response:${message.incident.id}`;
}

/** Forwards a page to a PagerDuty service through Events API v2 (`trigger`). The address is the routing key. */
export class PagerDutyNotifier implements Notifier {
  constructor(private readonly config: PagerDutyChannelConfig, private readonly ctx: HttpContext) {}

  async deliver(message: OutboundMessage, timeoutMs: number): Promise<DeliveryOutcome> {
    // The routing key is a credential: it never appears in a reason.
    if (!ROUTING_KEY.test(message.address)) return { kind: 'failed', reason: 'the address is not a PagerDuty routing key (32 letters and digits, from the service\'s Events API v2 integration)' };
    const dedupKey = pagerDutyDedupKey(message);
    const incident = message.incident;
    const summary = message.subject.length > MAX_SUMMARY ? `${message.subject.slice(0, MAX_SUMMARY - 1)}…` : message.subject;
    const event = {
      routing_key: message.address,
      event_action: 'trigger',
      dedup_key: dedupKey,
      payload: {
        summary,
        source: this.config.source,
        severity: PAGERDUTY_SEVERITY[incident?.severity ?? ''] ?? 'critical',
        timestamp: new Date(message.createdAt).toISOString(),
        ...(incident?.service === undefined ? {} : { component: incident.service }),
        ...(incident === undefined ? {} : { group: incident.environment, class: incident.incidentType }),
        custom_details: { text: message.text, ...(incident === undefined ? {} : { incident: incidentJson(incident) }) },
      },
      client: 'incident-response',
      ...(incident?.url === undefined ? {} : { client_url: incident.url, links: [{ href: incident.url, text: `Open ${incident.id}` }] }),
    };
    const sent = await sendHttp({
      method: 'POST',
      url: `${this.config.eventsUrl}/v2/enqueue`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(event),
    }, timeoutMs, this.ctx);
    if ('outcome' in sent) return sent.outcome;
    const answer = jsonBody(sent.reply) as { status?: unknown; message?: unknown; errors?: unknown; dedup_key?: unknown } | undefined;
    const problem = [answer?.message, ...(Array.isArray(answer?.errors) ? answer.errors : [])].filter((p): p is string => typeof p === 'string').join('; ');
    const providerId = typeof answer?.dedup_key === 'string' ? answer.dedup_key : dedupKey;
    return outcomeOfStatus(sent.reply, 'PagerDuty', this.ctx.clock.now(), problem, { detail: `PagerDuty accepted the event (dedup key ${providerId})`, providerId });
  }
}
