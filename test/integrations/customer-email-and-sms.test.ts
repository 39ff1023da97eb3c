// Story: the product description's e-mail and SMS switches. With customer_updates: true the
// customers' list is e-mailed the SEV-1 and SEV-2 declarations and their resolution; with
// critical_only, the executives' SMS number hears of SEV-1 only. With customer_updates: false the
// same customer address is never written to. Both stores.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { openWorld, type World } from '../paging/paging-world.js';

const yaml = (customerUpdates: boolean) => `
services:
  checkout: { name: Checkout }
channels:
  email: { host: smtp.example.com, from: incidents@example.com }
  twilio: { account_sid: AC00000000000000000000000000000000, auth_token_env: TWILIO_TOKEN, from: "+15550009999" }
communication:
  stakeholders:
    external-customers: [{ channel: email, address: customers@example.com, name: Customer list }]
    executive-team: [{ channel: sms, address: "+15550001000", name: CEO }]
integrations:
  email: { customer_updates: ${customerUpdates} }
  sms: { critical_only: true }
`;

const declare = (world: World, severity: 'critical' | 'high', title: string) =>
  world.incidents.declare({ severity, incidentType: 'outage', environment: 'production', title, service: 'checkout' }, { name: 'carol' });

for (const kind of STORE_KINDS) {
  describe(`customer e-mail updates and SMS only for critical (${kind})`, () => {
    let world: World;
    before(async () => { world = await openWorld(kind, yaml(true)); });
    after(() => world.close());

    it('a SEV-1 e-mails the customers and texts the executive', async () => {
      const { view } = await declare(world, 'critical', 'Checkout down for everyone');
      await world.settle();
      assert.deepEqual(world.takeSentWithPurpose().sort(), ['stakeholder-update email customers@example.com', 'stakeholder-update sms +15550001000']);
      await world.incidents.resolve(view.incident.id, 'Rolled back the release.', { name: 'carol' });
      await world.settle();
      assert.deepEqual(world.takeSentWithPurpose().sort(), ['stakeholder-update email customers@example.com', 'stakeholder-update sms +15550001000']);
    });

    it('a SEV-2 e-mails the customers but sends no SMS', async () => {
      await declare(world, 'high', 'Checkout slow in one region');
      await world.settle();
      assert.deepEqual(world.takeSentWithPurpose(), ['stakeholder-update email customers@example.com']);
    });

    it('a security incident never reaches the customers', async () => {
      await world.incidents.declare({ severity: 'critical', incidentType: 'security', environment: 'production', title: 'Credential stuffing on login', service: 'checkout' }, { name: 'carol' });
      await world.settle();
      assert.deepEqual(world.takeSentWithPurpose(), ['stakeholder-update sms +15550001000']);
    });
  });

  describe(`customer_updates: false (${kind})`, () => {
    let world: World;
    before(async () => { world = await openWorld(kind, yaml(false)); });
    after(() => world.close());

    it('leaves the customer address out even though it is listed', async () => {
      await declare(world, 'critical', 'Checkout down for everyone');
      await world.settle();
      assert.deepEqual(world.takeSentWithPurpose(), ['stakeholder-update sms +15550001000']);
      const note = world.config.integrationSwitches?.find((n) => n.key === 'integrations.email.customer_updates');
      assert.equal(note?.effect, 'applied');
      assert.match(note?.became ?? '', /customers are not e-mailed/);
    });
  });
}
