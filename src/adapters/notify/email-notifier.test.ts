import assert from 'node:assert/strict';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { EmailChannelConfig } from '../../app/config/index.js';
import { createNotifier, emailMessageId } from './index.js';
import { fixedClock, sampleMessage } from './notify-test-support.js';

const PASSWORD = 'smtp-pa55word-xyz';

interface SmtpFake {
  readonly port: number;
  readonly mails: ParsedMail[];
  readonly envelopes: { from: string; to: string[] }[];
  close(): Promise<void>;
}

/** A real SMTP server in-process; `rcptReply` scripts the answer to RCPT TO. */
async function smtpServer(rcptReply?: { code: number; text: string }): Promise<SmtpFake> {
  const mails: ParsedMail[] = [];
  const envelopes: { from: string; to: string[] }[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
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
  return { port, mails, envelopes, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const closers: (() => Promise<void>)[] = [];
after(() => Promise.all(closers.map((c) => c())));

function emailNotifier(port: number, extra: Partial<EmailChannelConfig> = {}, env: Record<string, string> = { SMTP_USERNAME: 'alerts', SMTP_PASSWORD: PASSWORD }) {
  const email: EmailChannelConfig = { host: '127.0.0.1', port, secure: false, requireTls: false, from: 'Incident Response <incidents@example.com>', usernameEnv: 'SMTP_USERNAME', passwordEnv: 'SMTP_PASSWORD', ...extra };
  return createNotifier({ email, allowPrivateAddresses: [] }, { env, clock: fixedClock }).notifier;
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
    const smtp = await smtpServer();
    closers.push(smtp.close);
    const outcome = await emailNotifier(smtp.port, {}, { SMTP_USERNAME: 'alerts', SMTP_PASSWORD: 'wrong-password-123' }).deliver(toAlice, 5000);
    assert.equal(outcome.kind, 'failed');
    assert.match((outcome as { reason: string }).reason, /535/);
    assert.doesNotMatch(JSON.stringify(outcome), /wrong-password-123/);
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
    assert.deepEqual(await emailNotifier(25).deliver({ ...toAlice, address: 'alice' }, 1000), { kind: 'failed', reason: '\'alice\' is not an e-mail address' });
    assert.deepEqual(await emailNotifier(25, {}, { SMTP_USERNAME: 'alerts' }).deliver(toAlice, 1000), { kind: 'failed', reason: 'the environment variable SMTP_PASSWORD (the SMTP password) is not set' });
  });
});
