import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { SecureContextOptions } from 'node:tls';
import { createTransport } from 'nodemailer';
import type { EmailChannelConfig } from '../../app/config/index.js';
import type { DeliveryOutcome, Notifier, OutboundMessage } from '../../app/ports/index.js';
import type { AddressGuard } from '../outbound-net/index.js';

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
/** Failures of the connection or of this attempt, worth another one. */
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL', 'EABORT', 'ESTREAM']);

type SmtpError = Error & { code?: string; responseCode?: number; response?: string; command?: string };

export interface EmailConnectionOptions {
  /** The SSRF guard the SMTP server's resolved address is checked against before connecting. */
  readonly guard: AddressGuard;
  /** Extra TLS trust (a private CA; the tests' self-signed certificate). */
  readonly tls?: Pick<SecureContextOptions, 'ca'>;
}

/**
 * E-mail over SMTP (nodemailer), one connection per attempt. The Message-ID is derived from the
 * message id, so a retry that reaches the mailbox twice is recognisable as the same message, and
 * `In-Reply-To` and `References` name the incident's thread root so clients thread its mails. SMTP replies 4xx are temporary
 * (retry), 5xx permanent (failed); connection problems and timeouts are retried.
 *
 * Credentials are never sent unencrypted: with a user name and password, the connection must be
 * TLS from the start (`secure`) or upgraded with STARTTLS, else the delivery fails before AUTH.
 * `require_tls` governs only mail sent without credentials. The server's host is resolved and
 * checked against the SSRF guard first, and the checked address is the one connected to.
 */
export class EmailNotifier implements Notifier {
  private readonly domain: string;

  constructor(
    private readonly config: EmailChannelConfig,
    private readonly auth: { user: string; pass: string } | undefined,
    private readonly connection: EmailConnectionOptions,
  ) {
    this.domain = /@([^\s@<>]+)>?\s*$/.exec(config.from)?.[1]?.toLowerCase() ?? 'incident-response.invalid';
  }

  async deliver(message: OutboundMessage, timeoutMs: number): Promise<DeliveryOutcome> {
    const to = message.address.trim();
    if (!EMAIL.test(to)) return { kind: 'failed', reason: `'${to}' is not an e-mail address` };
    const resolved = await resolveGuarded(this.connection.guard, this.config.host);
    if ('outcome' in resolved) return resolved.outcome;
    const mustEncrypt = this.auth !== undefined || this.config.requireTls;
    const transport = createTransport({
      host: resolved.address,
      port: this.config.port,
      secure: this.config.secure,
      // STARTTLS is demanded whenever credentials are sent: nodemailer then never falls back to plain text.
      requireTLS: mustEncrypt,
      ...(isIP(this.config.host) === 0 ? { servername: this.config.host } : {}),
      ...(this.connection.tls === undefined ? {} : { tls: this.connection.tls }),
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
        // Every mail of an incident answers one thread root, `<incident id@domain>`, so clients thread them all.
        ...(incident === undefined ? {} : { inReplyTo: incidentThreadId(incident.id, this.domain), references: [incidentThreadId(incident.id, this.domain)] }),
        headers: {
          'Auto-Submitted': 'auto-generated',
          ...(incident === undefined ? {} : { 'X-Incident-Id': incident.id }),
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { kind: 'delivered', detail: `${this.config.host} accepted the mail: ${oneLine(info.response)}`, providerId: info.messageId };
    } catch (e) {
      const error = e as SmtpError;
      if (!this.config.secure && isStartTlsRefused(error)) return { kind: 'failed', reason: this.#noStartTls() };
      return outcomeOfSmtpError(error, this.config.host, timeoutMs);
    } finally {
      transport.close();
    }
  }

  #noStartTls(): string {
    const host = this.config.host;
    return this.auth !== undefined
      ? `The SMTP server ${host} offered no STARTTLS; credentials are never sent unencrypted. Enable STARTTLS on the server, or use implicit TLS (channels.email.secure: true, usually port 465).`
      : `The SMTP server ${host} offered no STARTTLS, and channels.email.require_tls is on; the mail was not sent. Enable STARTTLS on the server, or turn require_tls off.`;
  }
}

/**
 * The server answered our STARTTLS with an error: it does not offer it (nodemailer sends STARTTLS
 * whenever TLS is required, offered or not). A failed handshake has no server answer and stays a
 * connection problem.
 */
function isStartTlsRefused(e: SmtpError): boolean {
  return e.code === 'ETLS' && e.command === 'STARTTLS' && typeof e.response === 'string' && e.response !== '';
}

/** The host's address once the SSRF guard accepted it, or the outcome: refused (failed) or not resolvable now (retry). */
function resolveGuarded(guard: AddressGuard, host: string): Promise<{ address: string } | { outcome: DeliveryOutcome }> {
  return new Promise((resolve) => {
    guard.lookup(host, {}, (err, address) => {
      if (err === null && typeof address === 'string') return resolve({ address });
      if (err?.code === 'EADDRREFUSED') return resolve({ outcome: { kind: 'failed', reason: err.message } });
      return resolve({ outcome: { kind: 'retry', reason: `${host}: ${err?.code ?? 'no address'}` } });
    });
  });
}

/** `<msg-id@domain>` from the outbox id: the same on every retry of one message. */
export function emailMessageId(id: string, domain: string): string {
  return `<${localPart(id)}@${domain}>`;
}

/** `<incident id@domain>`: the thread root every mail of the incident names in In-Reply-To and References. */
function incidentThreadId(incidentId: string, domain: string): string {
  return `<${localPart(incidentId)}@${domain}>`;
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
