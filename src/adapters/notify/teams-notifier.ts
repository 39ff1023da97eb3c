import type { DeliveryOutcome, Notifier, OutboundMessage } from '../../app/ports/index.js';
import { excerpt, hostOf, outcomeOfStatus, sendHttp, type HttpContext } from './http-delivery.js';

/**
 * Microsoft Teams through an incoming webhook (the address is its URL, a secret: only its host
 * ever appears in a reason). The body is an Adaptive Card in the message envelope that both
 * Workflows webhooks ("When a Teams webhook request is received", answering 202) and the older
 * Office 365 connector webhooks (answering 200 "1") accept; MessageCard is connector-only.
 */
export class TeamsNotifier implements Notifier {
  constructor(private readonly ctx: HttpContext) {}

  async deliver(message: OutboundMessage, timeoutMs: number): Promise<DeliveryOutcome> {
    if (!/^https?:\/\//i.test(message.address)) return { kind: 'failed', reason: 'the address is not a Teams webhook URL (https://…)' };
    const sent = await sendHttp({
      method: 'POST',
      url: message.address,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(teamsCard(message)),
    }, timeoutMs, this.ctx);
    if ('outcome' in sent) return sent.outcome;
    const what = `Teams (${hostOf(message.address)})`;
    // Connector webhooks report some failures, throttling among them, in a 200's body.
    const inBody = /HTTP error (\d{3})/.exec(sent.reply.body)?.[1];
    const reply = sent.reply.status >= 200 && sent.reply.status < 300 && inBody !== undefined ? { ...sent.reply, status: Number(inBody) } : sent.reply;
    return outcomeOfStatus(reply, what, this.ctx.clock.now(), reply.status >= 300 ? excerpt(sent.reply.body) : undefined);
  }
}

/** The `{ type: 'message', attachments: [Adaptive Card] }` envelope. */
export function teamsCard(message: OutboundMessage): Record<string, unknown> {
  const incident = message.incident;
  const facts = incident === undefined ? [] : [
    { title: 'Incident', value: incident.id },
    { title: 'Severity', value: `${incident.severityLabel} (${incident.severity})` },
    { title: 'Status', value: incident.status },
    ...(incident.service === undefined ? [] : [{ title: 'Service', value: incident.service }]),
    { title: 'Environment', value: incident.environment },
  ];
  return {
    type: 'message',
    attachments: [{
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.4',
        body: [
          { type: 'TextBlock', text: message.subject, weight: 'Bolder', size: 'Medium', wrap: true, ...(incident?.severity === 'critical' ? { color: 'Attention' } : {}) },
          { type: 'TextBlock', text: message.text, wrap: true },
          ...(facts.length === 0 ? [] : [{ type: 'FactSet', facts }]),
        ],
        ...(incident?.url === undefined ? {} : { actions: [{ type: 'Action.OpenUrl', title: `Open ${incident.id}`, url: incident.url }] }),
      },
    }],
  };
}
