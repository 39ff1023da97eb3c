import assert from 'node:assert/strict';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { generate } from 'selfsigned';
import { SMTPServer } from 'smtp-server';
import type { EmailChannelConfig } from '../../app/config/index.js';
import { AddressGuard } from '../outbound-net/index.js';
import { EmailNotifier } from './email-notifier.js';
import { createNotifier, emailMessageId } from './index.js';
import { fixedClock, sampleMessage } from './notify-test-support.js';

const PASSWORD = 'smtp-pa55word-xyz';

interface SmtpFake {
  readonly port: number;
  readonly mails: ParsedMail[];
  readonly envelopes: { from: string; to: string[] }[];
  /** Every AUTH the server received, and whether the connection was encrypted at the time. */
  readonly auths: { username: string; isEncrypted: boolean }[];
  close(): Promise<void>;
}

/**
 * A real SMTP server in-process; `rcptReply` scripts the answer to RCPT TO. Without `tls` it offers
 * no STARTTLS (and would take AUTH in the clear); with it, it offers STARTTLS with that certificate.
 */
async function smtpServer(rcptReply?: { code: number; text: string }, tls?: { key: string; cert: string }): Promise<SmtpFake> {
  const mails: ParsedMail[] = [];
  const envelopes: { from: string; to: string[] }[] = [];
  const auths: { username: string; isEncrypted: boolean }[] = [];
  const server = new SMTPServer({
    ...(tls === undefined ? { disabledCommands: ['STARTTLS'] } : { key: tls.key, cert: tls.cert }),
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, session, callback) {
      auths.push({ username: auth.username ?? '', isEncrypted: session.secure });
      if (auth.username === 'alerts' && auth.password === PASSWORD) return callback(null, { user: 'alerts' });
      return callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      if (rcptReply === undefined) return callback();
      return callback(Object.assign(new Error(rcptReply.text), { responseCode: rcptReply.code }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        envelopes.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, envelopes, auths, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const closers: (() => Promise<void>)[] = [];
after(() => Promise.all(closers.map((c) => c())));

const CREDENTIALS = { SMTP_USERNAME: 'alerts', SMTP_PASSWORD: PASSWORD };

/** The e-mail channel as configured: with credentials when `env` is given, else without; 127.0.0.1 allow-listed unless `allow` says otherwise. */
function emailNotifier(port: number, extra: Partial<EmailChannelConfig> = {}, env?: Record<string, string>, allow = ['127.0.0.1']) {
  const email: EmailChannelConfig = {
    host: '127.0.0.1', port, secure: false, requireTls: false, from: 'Incident Response <incidents@example.com>',
    ...(env === undefined ? {} : { usernameEnv: 'SMTP_USERNAME', passwordEnv: 'SMTP_PASSWORD' }), ...extra,
  };
  return createNotifier({ email, allowPrivateAddresses: allow }, { env: env ?? {}, clock: fixedClock }).notifier;
}

/** A certificate for 127.0.0.1 made for this run, and a notifier that trusts it. */
async function selfSignedTls(): Promise<{ key: string; cert: string }> {
  const made = await generate([{ name: 'commonName', value: 'localhost' }], { keyType: 'ec', extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] });
  return { key: made.private, cert: made.cert };
}
function trustingNotifier(port: number, ca: string, auth: { user: string; pass: string } | undefined) {
  const email: EmailChannelConfig = { host: '127.0.0.1', port, secure: false, requireTls: false, from: 'incidents@example.com' };
  return new EmailNotifier(email, auth, { guard: new AddressGuard(['127.0.0.1'], 'channels.allow_private_addresses'), tls: { ca } });
}

const toAlice = sampleMessage({ channel: 'email', address: 'alice@example.com' });

describe('e-mail channel (SMTP)', () => {
  it('delivers a mail the server can read, with a Message-ID derived from the message id', async () => {
    const smtp = await smtpServer();
    closers.push(smtp.close);
    const outcome = await emailNotifier(smtp.port).deliver(toAlice, 5000);
    assert.equal(outcome.kind, 'delivered');
    assert.equal((outcome as { providerId?: string }).providerId, '<msg_01HZX3K9Q8@example.com>');
    assert.match((outcome as { detail: string }).detail, /^127\.0\.0\.1 accepted the mail: 250 /);
    const [mail] = smtp.mails;
    assert.ok(mail);
    assert.deepEqual(smtp.envelopes, [{ from: 'incidents@example.com', to: ['alice@example.com'] }]);
    assert.equal(mail.messageId, '<msg_01HZX3K9Q8@example.com>');
    assert.equal(mail.subject, '[SEV-1] INC-2026-1128-001 Checkout API down');
    assert.equal(mail.from?.text, '"Incident Response" <incidents@example.com>');
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : '', '"Alice Chen" <alice@example.com>');
    assert.equal(mail.text, `${toAlice.text}\n\nhttps://ir.example.com/incidents/INC-2026-1128-001\n`);
    assert.equal(mail.headers.get('x-incident-id'), 'INC-2026-1128-001');
    assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
    assert.deepEqual(mail.references, '<INC-2026-1128-001@example.com>');
  });

  it('gives a retry the same Message-ID', async () => {
    assert.equal(emailMessageId('msg_01HZX3K9Q8', 'example.com'), '<msg_01HZX3K9Q8@example.com>');
    assert.match(emailMessageId('odd id/with spaces', 'example.com'), /^<[0-9a-f]{32}@example\.com>$/);
  });

  it('retries a 4xx reply', async () => {
    const smtp = await smtpServer({ code: 450, text: 'Mailbox busy, try later' });
    closers.push(smtp.close);
    const outcome = await emailNotifier(smtp.port).deliver(toAlice, 5000);
    assert.equal(outcome.kind, 'retry');
    assert.match((outcome as { reason: string }).reason, /^127\.0\.0\.1 answered 450 Mailbox busy, try later/);
  });

  it('fails on a 5xx reply', async () => {
    const smtp = await smtpServer({ code: 550, text: 'No such user here' });
    closers.push(smtp.close);
    const outcome = await emailNotifier(smtp.port).deliver(toAlice, 5000);
    assert.equal(outcome.kind, 'failed');
    assert.match((outcome as { reason: string }).reason, /550 No such user here/);
  });

  it('fails on refused credentials without showing the password', async () => {
    const tls = await selfSignedTls();
    const smtp = await smtpServer(undefined, tls);
    closers.push(smtp.close);
    const outcome = await trustingNotifier(smtp.port, tls.cert, { user: 'alerts', pass: 'wrong-password-123' }).deliver(toAlice, 5000);
    assert.equal(outcome.kind, 'failed');
    assert.match((outcome as { reason: string }).reason, /535/);
    assert.doesNotMatch(JSON.stringify(outcome), /wrong-password-123/);
  });

  it('never sends credentials to a server that offers no STARTTLS: a failed delivery that says why', async () => {
    const smtp = await smtpServer();
    closers.push(smtp.close);
    const outcome = await emailNotifier(smtp.port, {}, CREDENTIALS).deliver(toAlice, 5000);
    assert.deepEqual(outcome, {
      kind: 'failed',
      reason: 'The SMTP server 127.0.0.1 offered no STARTTLS; credentials are never sent unencrypted. Enable STARTTLS on the server, or use implicit TLS (channels.email.secure: true, usually port 465).',
    });
    assert.deepEqual(smtp.auths, [], 'no AUTH was sent');
    assert.deepEqual(smtp.mails, []);
  });

  it('sends mail without credentials over a server that offers no STARTTLS when require_tls is off', async () => {
    const smtp = await smtpServer();
    closers.push(smtp.close);
    assert.equal((await emailNotifier(smtp.port).deliver(toAlice, 5000)).kind, 'delivered');
    assert.equal(smtp.mails.length, 1);
    assert.deepEqual(smtp.auths, []);
  });

  it('refuses mail without credentials to a server that offers no STARTTLS when require_tls is on', async () => {
    const smtp = await smtpServer();
    closers.push(smtp.close);
    const outcome = await emailNotifier(smtp.port, { requireTls: true }).deliver(toAlice, 5000);
    assert.deepEqual(outcome, {
      kind: 'failed',
      reason: 'The SMTP server 127.0.0.1 offered no STARTTLS, and channels.email.require_tls is on; the mail was not sent. Enable STARTTLS on the server, or turn require_tls off.',
    });
    assert.deepEqual(smtp.mails, []);
  });

  it('authenticates over TLS after STARTTLS when the server offers it', async () => {
    const tls = await selfSignedTls();
    const smtp = await smtpServer(undefined, tls);
    closers.push(smtp.close);
    const outcome = await trustingNotifier(smtp.port, tls.cert, { user: 'alerts', pass: PASSWORD }).deliver(toAlice, 5000);
    assert.equal(outcome.kind, 'delivered', JSON.stringify(outcome));
    assert.deepEqual(smtp.auths, [{ username: 'alerts', isEncrypted: true }]);
    assert.equal(smtp.mails.length, 1);
  });

  it('refuses an SMTP server on a private address unless channels.allow_private_addresses lists it', async () => {
    const smtp = await smtpServer();
    closers.push(smtp.close);
    const outcome = await emailNotifier(smtp.port, {}, undefined, []).deliver(toAlice, 5000);
    assert.deepEqual(outcome, {
      kind: 'failed',
      reason: 'refused to connect to 127.0.0.1: 127.0.0.1 is a loopback, private or link-local address; add it to channels.allow_private_addresses to reach it',
    });
    assert.deepEqual(smtp.mails, []);
    assert.equal((await emailNotifier(smtp.port, {}, undefined, ['127.0.0.0/8']).deliver(toAlice, 5000)).kind, 'delivered');
  });

  it('retries when nothing listens', async () => {
    const smtp = await smtpServer();
    await smtp.close();
    const outcome = await emailNotifier(smtp.port).deliver(toAlice, 5000);
    assert.equal(outcome.kind, 'retry');
  });

  it('retries a server that never greets, within the attempt\'s time', async () => {
    const sockets: Socket[] = [];
    const silent = createTcpServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      silent.close(() => resolve());
    }));
    const started = performance.now();
    const outcome = await emailNotifier((silent.address() as AddressInfo).port).deliver(toAlice, 300);
    assert.deepEqual(outcome, { kind: 'retry', reason: '127.0.0.1 timed out after 300 ms' });
    assert.ok(performance.now() - started < 3000);
  });

  it('fails an address that is not an e-mail address, and a missing password variable', async () => {
    assert.deepEqual(await emailNotifier(25, {}, CREDENTIALS).deliver({ ...toAlice, address: 'alice' }, 1000), { kind: 'failed', reason: '\'alice\' is not an e-mail address' });
    assert.deepEqual(await emailNotifier(25, {}, { SMTP_USERNAME: 'alerts' }).deliver(toAlice, 1000), { kind: 'failed', reason: 'the environment variable SMTP_PASSWORD (the SMTP password) is not set' });
  });
});
