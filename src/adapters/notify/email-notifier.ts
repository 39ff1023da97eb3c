import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { EmailChannelConfig } from '../../app/config/index.js';
import type { DeliveryOutcome, Notifier, OutboundMessage } from '../../app/ports/index.js';

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
/** Failures of the connection or of this attempt, worth another one. */
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL', 'EABORT', 'ESTREAM']);

type SmtpError = Error & { code?: string; responseCode?: number; response?: string; command?: string };

/**
 * E-mail over SMTP (nodemailer), one connection per attempt. The Message-ID is derived from the
 * message id, so a retry that reaches the mailbox twice is recognisable as the same message, and
 * `References` names the incident so clients thread its mails. SMTP replies 4xx are temporary
 * (retry), 5xx permanent (failed); connection problems and timeouts are retried.
 */
export class EmailNotifier implements Notifier {
  private readonly domain: string;

  constructor(private readonly config: EmailChannelConfig, private readonly auth: { user: string; pass: string } | undefined) {
    this.domain = /@([^\s@<>]+)>?\s*$/.exec(config.from)?.[1]?.toLowerCase() ?? 'incident-response.invalid';
  }

  async deliver(message: OutboundMessage, timeoutMs: number): Promise<DeliveryOutcome> {
    const to = message.address.trim();
    if (!EMAIL.test(to)) return { kind: 'failed', reason: `'${to}' is not an e-mail address` };
    const transport = createTransport({
      host: this.config.host,
      port: this.config.port,
      secure: this.config.secure,
      requireTLS: this.config.requireTls,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      ...(this.auth === undefined ? {} : { auth: this.auth }),
    });
    const incident = message.incident;
    try {
      const info = await transport.sendMail({
        from: this.config.from,
        to: message.recipientName === undefined ? to : { name: message.recipientName, address: to },
        subject: message.subject,
        text: `${message.text}${incident?.url === undefined || message.text.includes(incident.url) ? '' : `\n\n${incident.url}`}\n`,
        messageId: emailMessageId(message.id, this.domain),
        headers: {
          'Auto-Submitted': 'auto-generated',
          ...(incident === undefined ? {} : { 'X-Incident-Id': incident.id, References: `<${localPart(incident.id)}@${this.domain}>` }),
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { kind: 'delivered', detail: `${this.config.host} accepted the mail: ${oneLine(info.response)}`, providerId: info.messageId };
    } catch (e) {
      return outcomeOfSmtpError(e as SmtpError, this.config.host, timeoutMs);
    } finally {
      transport.close();
    }
  }
}

/** `<msg-id@domain>` from the outbox id: the same on every retry of one message. */
export function emailMessageId(id: string, domain: string): string {
  return `<${localPart(id)}@${domain}>`;
}

/** A Message-ID left part: the id itself when it is plain, else its SHA-256 prefix. */
function localPart(id: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/.test(id) ? id : createHash('sha256').update(id).digest('hex').slice(0, 32);
}

function outcomeOfSmtpError(e: SmtpError, host: string, timeoutMs: number): DeliveryOutcome {
  if (e.code === 'EABORT' || e.name === 'AbortError' || e.code === 'ETIMEDOUT') return { kind: 'retry', reason: `${host} timed out after ${timeoutMs} ms` };
  const said = e.response === undefined ? e.message : e.response;
  if (e.responseCode !== undefined) {
    const reason = `${host} answered ${oneLine(said)}`;
    if (e.responseCode >= 400 && e.responseCode < 500) return { kind: 'retry', reason };
    return { kind: 'failed', reason };
  }
  if (e.code !== undefined && TRANSIENT_CODES.has(e.code)) return { kind: 'retry', reason: `${host}: ${oneLine(e.message)}` };
  return { kind: 'failed', reason: `${host}: ${oneLine(e.message)}` };
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
