// Story: a SEV-2 pages Ana by e-mail and tells the leads' list; an update and the resolution follow.
// Every mail, as an in-process SMTP server (smtp-server) receives it and mailparser reads it, carries
// X-Incident-Id and threads under one root: In-Reply-To and References name the same Message-ID for
// the whole incident, while each mail keeps a Message-ID of its own. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { parseConfig } from '../../src/adapters/config/index.js';
import { createNotifier } from '../../src/adapters/notify/index.js';
import { IncidentService } from '../../src/app/incidents/index.js';
import { PagingService } from '../../src/app/paging/index.js';
import { PagingEngine } from '../../src/engine/paging/index.js';
import { epochMs, MINUTE, type EpochMs } from '../../src/domain/time/index.js';
import { openTestStore, STORE_KINDS, type TestStore } from '../support/stores.js';

const T0 = epochMs(Date.UTC(2026, 10, 28, 3, 0, 0));

const configYaml = (smtpPort: number) => `
services:
  checkout-api: { name: Checkout API, owner_team: payments, escalation_policy: payments }
people:
  ana:
    name: Ana Alves
    contact_methods:
      - { kind: email, address: ana@example.com }
    notification_rules:
      - { after_minutes: 0, method: email }
teams:
  payments: { name: Payments, members: [ana] }
schedules:
  primary:
    name: Payments primary
    layers:
      - { time_zone: UTC, start_date: 2026-11-01, hand_off_time: "09:00", turn: weekly, participants: [ana] }
escalation_policies:
  payments:
    name: Payments
    steps:
      - targets: [{ schedule: primary }]
paging:
  war_room_severities: []
communication:
  stakeholders:
    engineering-leads: [{ channel: email, address: leads@example.com, name: Leads list }]
channels:
  allow_private_addresses: [127.0.0.1]
  email: { host: 127.0.0.1, port: ${smtpPort}, from: "Incident Response <incidents@example.com>" }
`;

for (const kind of STORE_KINDS) {
  describe(`e-mails of one incident thread together (${kind})`, () => {
    const mails: { to: string[]; mail: ParsedMail }[] = [];
    let smtp: SMTPServer;
    let db: TestStore;
    let now: EpochMs = T0;
    let incidents: IncidentService;
    let engine: PagingEngine;
    let id: string;

    const settle = async () => {
      for (let i = 0; i < 100; i++) {
        const r = await engine.tick();
        if (r.timersFired === 0 && r.messagesClaimed === 0) return;
      }
      throw new Error('the engine did not settle in 100 ticks');
    };

    before(async () => {
      smtp = new SMTPServer({
        disabledCommands: ['STARTTLS'], authOptional: true, logger: false,
        onData(stream, session, callback) {
          simpleParser(stream).then((mail) => {
            mails.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
            callback();
          }, callback);
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
      const config = parseConfig(configYaml((smtp.server.address() as AddressInfo).port), 'incident-response.yaml');
      db = await openTestStore(kind);
      const clock = { now: () => now };
      let ids = 0;
      const newId = () => `msg_${String(++ids).padStart(6, '0')}`;
      const paging = new PagingService(config, newId);
      incidents = new IncidentService(db.store, clock, config, paging);
      const { notifier } = createNotifier(config.channels, { env: {}, clock });
      engine = new PagingEngine({ store: db.store, incidents, paging, notifier, clock, config: config.paging, owner: 'test-engine', random: () => 0.5, newId });
    });
    after(async () => {
      await db?.cleanup();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    });

    it('pages Ana and tells the leads by e-mail, each mail naming the incident', async () => {
      const { view } = await incidents.declare({ severity: 'high', incidentType: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout-api' }, { name: 'carol' });
      id = view.incident.id;
      await settle();
      assert.deepEqual(mails.flatMap((m) => m.to).sort(), ['ana@example.com', 'leads@example.com']);
      for (const { mail } of mails) assert.equal(mail.headers.get('x-incident-id'), id);
    });

    it('threads the update and the resolution under the same root as the first mails', async () => {
      now = epochMs(now + 10 * MINUTE);
      await incidents.postStatusUpdate(id, 'identified', 'A bad deploy; rolling back.', { name: 'carol' });
      await settle();
      now = epochMs(now + 10 * MINUTE);
      await incidents.resolve(id, 'Rolled back.', { name: 'carol' });
      await settle();
      assert.ok(mails.length >= 4, `mails: ${mails.map((m) => m.mail.subject).join(' | ')}`);
      const root = `<${id}@example.com>`;
      const messageIds = new Set<string>();
      for (const { mail } of mails) {
        assert.equal(mail.headers.get('x-incident-id'), id, mail.subject);
        assert.equal(mail.inReplyTo, root, `${mail.subject}: In-Reply-To`);
        assert.deepEqual([mail.references].flat(), [root], `${mail.subject}: References`);
        assert.ok(mail.messageId !== undefined && mail.messageId !== root, `${mail.subject}: a Message-ID of its own`);
        messageIds.add(mail.messageId);
      }
      assert.equal(messageIds.size, mails.length, 'every mail has its own Message-ID');
    });
  });
}
